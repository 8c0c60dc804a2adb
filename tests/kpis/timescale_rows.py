"""A small extract for the timescale report, at Tuesday 22 April 2025: the day after Easter Monday, so
counts of working days cross Good Friday (18 April) and Easter Monday (21 April), and due dates ahead cross
the May bank holidays (5 and 26 May). Every expectation in the tests is worked out by hand in the comments
here (wd(a, b) = working days d with a < d <= b)."""

from datetime import date

AT = date(2025, 4, 22)


def d(month, day, year=2025):
    return date(year, month, day)


ASSESSMENTS = [
    # wd(17 Apr, 22 Apr) = 1 (Fri 18 and Mon 21 are bank holidays): 44 left; the 45th working day after is
    # Wed 25 June (4 in Apr 22-25, 5 to 2 May, 4 to 9 May (5 May off), 5, 5, 4 to 30 May (26 May off), 5, 5,
    # 5, then 23, 24, 25 June)
    {"child_id": "A1", "allocated_team": "North", "allocated_worker": "Ann", "assessment_start": d(4, 17)},
    # wd(17 Feb, 22 Apr) = 44: 1 left, due Wed 23 April
    {"child_id": "A2", "allocated_team": "North", "allocated_worker": "Ann", "assessment_start": d(2, 17)},
    # wd(13 Feb, 22 Apr) = 2 + 44 = 46: 1 overdue, due Thu 17 April
    {"child_id": "A3", "allocated_team": "South", "allocated_worker": "Bo", "assessment_start": d(2, 13)},
    # authorised before the extract date: not open
    {"child_id": "A4", "allocated_team": "North", "allocated_worker": "Ann", "assessment_start": d(2, 3),
     "assessment_authorised": d(4, 1)},
    # authorised after it: open at 22 April. wd(1 Jan, 22 Apr) = 33 (to 17 Feb) + 44 = 77: 32 overdue
    {"child_id": "A5", "allocated_team": "South", "allocated_worker": "Bo", "assessment_start": d(1, 1),
     "assessment_authorised": d(4, 30)},
    # no start date; and an unreadable authorisation: neither can be placed
    {"child_id": "A6", "allocated_team": "South", "allocated_worker": "Bo"},
    {"child_id": "A7", "allocated_team": "South", "allocated_worker": "Bo", "assessment_start": d(4, 1),
     "_unreadable": ("assessment_authorised",)},
]

S47S = [
    # wd(17 Apr, 22 Apr) = 1: 14 left, the 15th working day after is Tue 13 May (5 May off)
    {"child_id": "S1", "allocated_team": "North", "allocated_worker": "Ann", "s47_start": d(4, 17)},
    # wd(1 Apr, 22 Apr) = 13: 2 left, due Thu 24 April
    {"child_id": "S2", "allocated_team": "North", "allocated_worker": "Cy", "s47_start": d(4, 1)},
    # wd(24 Mar, 22 Apr) = 6 + 13 = 19: 4 overdue, due Mon 14 April
    {"child_id": "S3", "allocated_team": "South", "allocated_worker": "Bo", "s47_start": d(3, 24)},
    # conference held; conference deemed unnecessary: not awaiting one
    {"child_id": "S4", "allocated_team": "South", "allocated_worker": "Bo", "s47_start": d(3, 24),
     "icpc_date": d(4, 10)},
    {"child_id": "S5", "allocated_team": "South", "allocated_worker": "Bo", "s47_start": d(3, 24),
     "icpc_unnecessary": "Yes"},
]

CP_PLANS = [
    # visit Tue 8 Apr: wd(8 Apr, 22 Apr) = 8, 2 left, due Thu 24 April. Review 15 Jan: next 15 July
    {"child_id": "C1", "allocated_team": "North", "allocated_worker": "Ann", "cp_start": d(1, 1),
     "last_visit": d(4, 8), "latest_review": d(1, 15)},
    # visit Thu 3 Apr: wd = 11, 1 overdue, due Thu 17 April. Review 22 Oct 2024: next due today, 22 April
    {"child_id": "C2", "allocated_team": "North", "allocated_worker": "Cy", "cp_start": d(1, 1),
     "last_visit": d(4, 3), "latest_review": d(10, 22, 2024)},
    # no visit recorded: overdue, listed first. First review due 1 June: not listed
    {"child_id": "C3", "allocated_team": "South", "allocated_worker": "Bo", "cp_start": d(3, 1)},
    # visit 17 Apr: 9 left, not listed. No review: first due 20 Apr (a Sunday), 1 working day overdue
    {"child_id": "C4", "allocated_team": "South", "allocated_worker": "Bo", "cp_start": d(1, 20),
     "last_visit": d(4, 17)},
    # ended: not open
    {"child_id": "C5", "allocated_team": "South", "allocated_worker": "Bo", "cp_start": d(1, 1),
     "cp_end": d(4, 1)},
    # no start date: cannot be placed
    {"child_id": "C6", "allocated_team": "South", "allocated_worker": "Bo"},
    # unreadable visit and review dates: both overdue
    {"child_id": "C7", "allocated_team": "North", "allocated_worker": "Ann", "cp_start": d(2, 1),
     "_unreadable": ("last_visit", "latest_review")},
    # a visit dated after the extract date: not in time by the measure's letter, so overdue
    {"child_id": "C8", "allocated_team": "North", "allocated_worker": "Ann", "cp_start": d(2, 1),
     "last_visit": d(4, 25), "latest_review": d(2, 10)},
]

CARE = [
    # visit 10 Mar: wd(10 Mar, 22 Apr) = 29, 1 left, due Wed 23 April
    {"child_id": "L1", "allocated_team": "South", "allocated_worker": "Di", "cla_start": d(1, 1, 2024),
     "legal_status": "C2", "last_visit": d(3, 10), "latest_review": d(12, 1, 2024)},
    # one child, two open rows: visited in time on one (wd(14 Apr, 22 Apr) = 4), so not listed for visits;
    # both reviews (1 Oct 2024, next 1 April, wd(1 Apr, 22 Apr) = 13) overdue: listed once, under the first team name (North)
    {"child_id": "L2", "allocated_team": "South", "allocated_worker": "Di", "cla_start": d(1, 1, 2024),
     "legal_status": "C2", "last_visit": d(1, 2), "latest_review": d(10, 1, 2024)},
    {"child_id": "L2", "allocated_team": "North", "allocated_worker": "Ed", "cla_start": d(1, 1, 2024),
     "legal_status": "C2", "last_visit": d(4, 14), "latest_review": d(10, 1, 2024)},
    # a short break: not in care for these measures
    {"child_id": "L3", "allocated_team": "South", "allocated_worker": "Di", "cla_start": d(1, 1),
     "legal_status": "V3"},
    # came into care Thu 27 Mar, no visit (overdue) and no review yet: wd(27 Mar, 22 Apr) = 16, 4 left,
    # the 20th working day after is Mon 28 April
    {"child_id": "L4", "allocated_team": "South", "allocated_worker": "Di", "cla_start": d(3, 27),
     "legal_status": "C2"},
    # an unreadable legal status: cannot be placed
    {"child_id": "L5", "allocated_team": "South", "allocated_worker": "Di", "cla_start": d(2, 1),
     "_unreadable": ("legal_status",)},
    # ceased: not in care
    {"child_id": "L6", "allocated_team": "South", "allocated_worker": "Di", "cla_start": d(1, 1),
     "cla_end": d(4, 1), "legal_status": "C2"},
    # came into care Sat 1 Mar, no review: wd(1 Mar, 22 Apr) = 35, 15 overdue, due Fri 28 March; visited today
    {"child_id": "L7", "allocated_team": "North", "allocated_worker": "Ed", "cla_start": d(3, 1),
     "legal_status": "C2", "last_visit": AT},
]

LISTS = {4: ASSESSMENTS, 5: S47S, 7: CP_PLANS, 8: CARE}
