"""A round's life over a real stored Annex A extract (31 October 2026), worked by hand.

Safeguarding North 1 ("North" in the case system), size 3: N01–N05 in need, N06 in need and on a plan (so CP).
N07 closed before the extract date; N08's team "Fostering" is unmapped; N09 has no team; N10 has no start date.
Children in Care South ("South"), size 2: S01 in need, S02 in care, S03 a short break (left out), S04 a care leaver,
S05 a care leaver who died (left out).

Seed 7 orders North's children in need N04, N02, N03, N05, N01 (sha256 keys 4d387e62 4ee27686 8d0f5176 964cc49a
ada022a5); seed 8 orders them N03, N04, N02, N01, N05.
North: E = 6 (5 CIN, 1 CP), n' = 3: CIN ⌊2.5⌋ = 2, CP ⌊0.5⌋ = 0 → 1. South: n' = 2 < 3 types, all with 1
eligible, so the first two in the fixed order, CIN and CLA.
"""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from triangulate.audits.models import AuditRound, CaseAudit, RoundAuditor, SampleEntry
from triangulate.audits.services import rounds, sample_changes
from triangulate.audits.services.progress import Counts, progress, status_text
from triangulate.core.models import AuditEvent, Notification
from triangulate.core.roles import Role
from triangulate.datasets import storage
from triangulate.datasets.models import Upload

from ..kpis.helpers import table
from .factories import AuditRoundFactory, CaseAuditFactory, SampleEntryFactory, make_tool

D = date(2026, 10, 31)
TODAY = date(2026, 11, 20)
START = date(2026, 1, 5)


def lists(world):
    def cin(child, team="North", worker="", start=START, end=None):
        return {"child_id": child, "allocated_team": team, "allocated_worker": worker, "cin_start": start,
                "cin_closure": end}

    return {
        6: [cin("N01"), cin("N02", worker=world.other_worker.staff_ref), cin("N03"),
            cin("N04", worker="olive  OWN"), cin("N05"), cin("N06"), cin("N07", end=date(2026, 9, 1)),
            cin("N08", team="Fostering"), cin("N09", team=""), cin("N10", start=None), cin("S01", team="South")],
        7: [{"child_id": "N06", "allocated_team": "North", "cp_start": START}],
        8: [{"child_id": "S02", "allocated_team": "South", "cla_start": START, "legal_status": "C2"},
            {"child_id": "S03", "allocated_team": "South", "cla_start": START, "legal_status": "V3"}],
        9: [{"child_id": "S04", "allocated_team": "South", "in_touch": "Yes", "personal_adviser": "Pat Adviser"},
            {"child_id": "S05", "allocated_team": "South", "in_touch": "Died"}],
    }


def store(world, extract_date=D):
    world.own.case_system_name, world.other.case_system_name = "North", "South"
    world.own.save()
    world.other.save()
    upload = Upload.objects.create(council=world.own.council, extract_date=extract_date, original_name="oct.xlsx",
                                   status=Upload.Status.SUCCEEDED)
    storage.write_tables(upload.pk, {n: table(n, rows) for n, rows in lists(world).items()})
    return upload


@pytest.fixture
def upload(world, tmp_path, settings):
    settings.DATA_DIR = tmp_path / "data"
    return store(world)


def qa(world):
    return world.users[Role.QA_LEAD]


def planned(world, seed=7, **values):
    version = make_tool(council=world.own.council)
    return rounds.create_round(actor=qa(world), council=world.own.council, name="November audits",
                               kind=AuditRound.Kind.MONTHLY, tool_version=version, seed=seed,
                               audits_due=date(2026, 12, 18), today=TODAY,
                               teams=[(world.own, 3, False), (world.other, 2, False)], **values)


def sampled(world, upload, seed=7):
    round_ = planned(world, seed=seed)
    return rounds.draw_sample(actor=qa(world), round=round_, upload=upload, today=TODAY)


def chosen(round_):
    return list(round_.entries.filter(status="selected").order_by("team__name", "case_type", "position")
                .values_list("child_id", flat=True))


def test_create_needs_a_team_a_live_version_and_a_due_date_not_past(world):
    version = make_tool(council=world.own.council)
    base = {"actor": qa(world), "council": world.own.council, "name": "R", "kind": "monthly",
            "tool_version": version, "today": TODAY}
    with pytest.raises(ValidationError, match="at least one team"):
        rounds.create_round(**base, audits_due=date(2026, 12, 1), teams=[])
    with pytest.raises(ValidationError, match="past"):
        rounds.create_round(**base, audits_due=date(2026, 11, 19), teams=[(world.own, 2, False)])
    version.status = "retired"
    version.save()
    with pytest.raises(ValidationError, match="live version"):
        rounds.create_round(**base, audits_due=date(2026, 12, 1), teams=[(world.own, 2, False)])


def test_only_qa_leads_and_psws_plan_rounds(world):
    with pytest.raises(PermissionDenied):
        rounds.create_round(actor=world.users[Role.TEAM_MANAGER], council=world.own.council, name="R",
                            kind="monthly", tool_version=make_tool(council=world.own.council),
                            audits_due=date(2026, 12, 1), teams=[(world.own, 2, False)], today=TODAY)


def test_drawing_the_sample_stores_the_entries_counts_and_workers(world, upload):
    round_ = sampled(world, upload)
    assert round_.status == AuditRound.Status.SAMPLING and round_.upload == upload
    assert chosen(round_) == ["S01", "S02", "N04", "N02", "N06"]  # team name, then case type, position
    counts = round_.sample_counts
    own, other = str(world.own.pk), str(world.other.pk)
    assert counts[own]["cin"] == {"open": 5, "excluded_recent": 0, "excluded_in_progress": 0, "eligible": 5,
                                  "quota": 2}
    assert counts[own]["cp"]["quota"] == 1
    assert counts[other]["care_leaver"] == {"open": 1, "excluded_recent": 0, "excluded_in_progress": 0,
                                            "eligible": 1, "quota": 0}
    assert counts["left_out"] == {"no_team": 1, "unmapped": 1, "ambiguous": 0, "unplaceable": 1}
    entries = {e.child_id: e for e in round_.entries.all()}
    assert entries["N04"].worker == world.own_worker  # by name, ignoring case and spacing
    assert entries["N02"].worker == world.other_worker  # by staff reference
    assert entries["N06"].worker is None
    assert entries["N02"].reason.startswith("Safeguarding North 1 asked for 3 of its 6 eligible cases (5 in need, "
                                            "1 on a protection plan): 2 children in need. This child is 2nd of 5")
    event = AuditEvent.objects.get(verb="audit_round.sampled")
    assert event.changes["seed"] == 7 and event.changes["selected"] == 5


def test_a_running_audit_elsewhere_and_a_recent_one_exclude_a_child(world, upload):
    elsewhere = AuditRoundFactory(council=world.own.council)
    CaseAuditFactory(sample_entry=SampleEntryFactory(round=elsewhere, child_id="N04", team=world.own),
                     auditor=world.users[Role.AUDITOR])  # allocated: still running
    CaseAuditFactory(sample_entry=SampleEntryFactory(round=elsewhere, child_id="N02", team=world.own),
                     auditor=world.users[Role.AUDITOR], state="submitted", completed_on=date(2025, 11, 21))
    round_ = sampled(world, upload)
    assert chosen(round_)[2:] == ["N03", "N05", "N06"]
    cin = round_.sample_counts[str(world.own.pk)]["cin"]
    assert (cin["excluded_in_progress"], cin["excluded_recent"], cin["eligible"]) == (1, 1, 3)


def test_draw_again_uses_a_new_seed_and_keeps_both_on_the_trail(world, upload):
    round_ = sampled(world, upload)
    round_ = rounds.redraw_sample(actor=qa(world), round=round_, upload=upload, today=TODAY, seed=8)
    assert chosen(round_)[2:4] == ["N03", "N04"]
    changes = AuditEvent.objects.get(verb="audit_round.resampled").changes
    assert (changes["old_seed"], changes["seed"]) == (7, 8)
    with pytest.raises(ValidationError, match="only before the sample"):
        rounds.edit_round(actor=qa(world), round=round_, seed=9)


def test_sampling_is_refused_twice_and_without_an_upload(world, upload):
    round_ = planned(world)
    with pytest.raises(ValidationError, match="no published"):
        rounds.draw_sample(actor=qa(world), round=round_, upload=None, today=TODAY)
    round_ = rounds.draw_sample(actor=qa(world), round=round_, upload=upload, today=TODAY)
    with pytest.raises(ValidationError, match="cannot be sampled"):
        rounds.draw_sample(actor=qa(world), round=round_, upload=upload, today=TODAY)


def test_the_tables_gone_is_a_clear_error(world, upload):
    storage.discard(upload.pk)
    with pytest.raises(ValidationError, match="no longer held"):
        rounds.draw_sample(actor=qa(world), round=planned(world), upload=upload, today=TODAY)
    assert not SampleEntry.objects.exists()


def test_allocation_makes_one_audit_per_entry_and_never_the_auditors_own_team(
        world, upload, django_capture_on_commit_callbacks):
    round_ = sampled(world, upload)
    manager, auditor = world.users[Role.TEAM_MANAGER], world.users[Role.AUDITOR]
    for user in (manager, auditor):
        user.email = f"{user.username}@example.org"
        user.save()
    RoundAuditor.objects.create(round=round_, user=manager)
    RoundAuditor.objects.create(round=round_, user=auditor)
    with django_capture_on_commit_callbacks(execute=True):
        result = rounds.allocate_round(actor=qa(world), round=round_)
    round_.refresh_from_db()
    assert round_.status == AuditRound.Status.ALLOCATED
    audits = {a.child_id: a for a in CaseAudit.objects.filter(round=round_)}
    # Order: Children in Care South CIN S01, CLA S02; then North CIN N04, N02, CP N06. Capacity ⌈5/2⌉ = 3.
    # S01: both at 0, "auditor" < "teammanager"; S02: teammanager (lower load); North: teammanager is
    # conflicted, so the auditor takes N04 and N02 (load 3 reached), and N06 is left unallocated.
    assert {c: a.auditor.username for c, a in audits.items()} == {"S01": "auditor", "S02": "teammanager",
                                                                 "N04": "auditor", "N02": "auditor"}
    assert [SampleEntry.objects.get(pk=pk).child_id for pk in result.unallocated] == ["N06"]
    assert audits["N04"].due_date == date(2026, 12, 18) and audits["N04"].worker == world.own_worker
    assert {n.user.username: n.title for n in Notification.objects.filter(kind="audits.allocated")} == {
        "auditor": "3 audits allocated to you, due 18 December 2026",
        "teammanager": "1 audit allocated to you, due 18 December 2026"}
    assert sorted(m.to[0] for m in mail.outbox) == ["auditor@example.org", "teammanager@example.org"]
    assert all("N0" not in m.body + m.subject for m in mail.outbox)  # no child id leaves by email
    team_notice = Notification.objects.get(kind="audits.team_cases_in_round", user=manager)
    assert team_notice.title == "2 cases of Safeguarding North 1 in an audit round, due 18 December 2026"


def test_allocation_needs_auditors(world, upload):
    with pytest.raises(ValidationError, match="at least one auditor"):
        rounds.allocate_round(actor=qa(world), round=sampled(world, upload))


def test_withdraw_with_a_replacement_gives_the_next_child_to_the_same_auditor(world, upload):
    round_ = sampled(world, upload)
    RoundAuditor.objects.create(round=round_, user=world.users[Role.AUDITOR])
    rounds.allocate_round(actor=qa(world), round=round_)
    entry = round_.entries.get(child_id="N04")
    new = sample_changes.withdraw_entry(actor=qa(world), round=round_, entry=entry, reason="moved_away", replace=True,
                                today=TODAY)
    assert (new.child_id, new.source, new.replaces, new.position) == ("N03", "replacement", entry, 3)
    assert new.reason == "Replaces a child withdrawn on 20 November 2026: next in the seeded order (seed 7)."
    old = CaseAudit.objects.get(sample_entry=entry)
    assert (old.state, old.withdrawn_reason) == ("withdrawn", "moved_away")
    assert CaseAudit.objects.get(sample_entry=new).auditor == world.users[Role.AUDITOR]
    # N02 out too: the next is N05 (N03 is already in the round).
    newer = sample_changes.withdraw_entry(actor=qa(world), round=round_, entry=round_.entries.get(child_id="N02"),
                                  reason="duplicate", replace=True, today=TODAY)
    assert newer.child_id == "N05"


def test_withdrawing_needs_a_reason(world, upload):
    round_ = sampled(world, upload)
    with pytest.raises(ValidationError, match="Choose why"):
        sample_changes.withdraw_entry(actor=qa(world), round=round_, entry=round_.entries.first(), reason="")
    with pytest.raises(ValidationError, match="Say why"):
        sample_changes.withdraw_entry(actor=qa(world), round=round_, entry=round_.entries.first(), reason="other")


def test_adding_a_child_takes_the_type_and_team_from_the_extract(world, upload):
    round_ = sampled(world, upload)
    entry = sample_changes.add_child(actor=qa(world), round=round_, child_id=" N01 ", reason="Asked for by the IRO")
    assert (entry.child_id, entry.case_type, entry.team, entry.source) == ("N01", "cin", world.own, "added")
    with pytest.raises(ValidationError, match="already in the round"):
        sample_changes.add_child(actor=qa(world), round=round_, child_id="N01", reason="again")
    with pytest.raises(ValidationError, match="not in the round's extract"):
        sample_changes.add_child(actor=qa(world), round=round_, child_id="Z99", reason="from the front door")
    by_hand = sample_changes.add_child(actor=qa(world), round=round_, child_id="Z99", reason="from the front door",
                               case_type="cp", team=world.other)
    assert (by_hand.case_type, by_hand.team) == ("cp", world.other)


def test_close_withdraws_the_unfinished_and_cancel_needs_no_audits(world, upload):
    round_ = sampled(world, upload)
    RoundAuditor.objects.create(round=round_, user=world.users[Role.AUDITOR])
    RoundAuditor.objects.create(round=round_, user=world.users[Role.QA_LEAD])
    rounds.allocate_round(actor=qa(world), round=round_)
    with pytest.raises(ValidationError, match="cannot be cancelled"):
        rounds.cancel_round(actor=qa(world), round=round_)
    done = CaseAudit.objects.filter(round=round_).order_by("pk").first()
    CaseAudit.objects.filter(pk=done.pk).update(state="submitted", completed_on=TODAY)
    round_ = rounds.close_round(actor=qa(world), round=round_)
    assert round_.status == AuditRound.Status.CLOSED and round_.closed_by == qa(world)
    states = dict(CaseAudit.objects.filter(round=round_).values_list("pk", "withdrawn_reason"))
    assert states.pop(done.pk) == "" and set(states.values()) == {"round_closed"}


def test_cancel_a_planned_round(world):
    round_ = rounds.cancel_round(actor=qa(world), round=planned(world))
    assert round_.status == AuditRound.Status.CANCELLED


def test_progress_counts_and_overdue():
    rows = [("submitted", date(2026, 12, 18), 1), ("moderated", None, 1), ("graded", date(2026, 12, 18), 1),
            ("allocated", date(2026, 12, 18), 2), ("withdrawn", date(2026, 11, 1), 2),
            ("record_review", date(2026, 11, 1), 2)]
    result = progress(rows, date(2026, 12, 1))
    assert result.round == Counts(done=2, in_progress=2, not_started=1, withdrawn=1, overdue=1)
    assert result.teams[2] == Counts(in_progress=1, not_started=1, withdrawn=1, overdue=1)
    assert status_text("record_review", date(2026, 11, 1), date(2026, 12, 1)) == "In progress, overdue"
    assert status_text("submitted", date(2026, 11, 1), date(2026, 12, 1)) == "Done"
    assert status_text("allocated", date(2026, 12, 1), date(2026, 12, 1)) == "Not started"


def test_a_closure_round_samples_the_cases_closed_since_its_date(world, upload):
    version = make_tool(council=world.own.council, key="closure_audit")
    version.tool.population = "closed_cases"
    version.tool.save()
    base = {"actor": qa(world), "council": world.own.council, "name": "Closures", "kind": "closure",
            "tool_version": version, "seed": 7, "audits_due": date(2026, 12, 18), "today": TODAY,
            "teams": [(world.own, 3, False)]}
    with pytest.raises(ValidationError, match="closed since"):
        rounds.create_round(**base)
    round_ = rounds.create_round(**base, closed_since=date(2026, 8, 1))
    assert round_.population == "closed_cases"
    round_ = rounds.draw_sample(actor=qa(world), round=round_, upload=upload, today=TODAY)
    assert chosen(round_) == ["N07"]  # closed 1 September 2026; every other North case is still open
    later = rounds.create_round(**{**base, "name": "Later closures"}, closed_since=date(2026, 9, 2))
    later = rounds.draw_sample(actor=qa(world), round=later, upload=upload, today=TODAY)
    assert chosen(later) == []


def test_by_hand_refuses_the_own_team_and_moves_an_unfinished_audit(world, upload):
    round_ = sampled(world, upload)
    auditor, manager = world.users[Role.AUDITOR], world.users[Role.TEAM_MANAGER]
    RoundAuditor.objects.create(round=round_, user=auditor)
    rounds.allocate_round(actor=qa(world), round=round_)
    n04 = round_.entries.get(child_id="N04")
    with pytest.raises(ValidationError, match="own team"):
        rounds.allocate_by_hand(actor=qa(world), round=round_, entry=n04, auditor=manager)
    s01 = round_.entries.get(child_id="S01")
    audit = rounds.allocate_by_hand(actor=qa(world), round=round_, entry=s01, auditor=manager)
    assert (audit.auditor, audit.auditor_name) == (manager, manager.get_full_name() or "teammanager")
    assert AuditEvent.objects.get(verb="case_audit.reallocated").changes["auditor"] == [auditor.pk, manager.pk]
    with pytest.raises(ValidationError, match="cannot be given audits"):
        rounds.allocate_by_hand(actor=qa(world), round=round_, entry=s01, auditor=world.users[Role.PRACTITIONER])


def test_the_page_warns_when_the_extract_is_more_than_45_days_old(world, upload):
    assert rounds.extract_age_warning(upload, date(2026, 12, 15)) is None  # 45 days: not yet
    assert rounds.extract_age_warning(upload, date(2026, 12, 16)) == (
        "The extract is 46 days old (extract date 31 October 2026): children who started or ended since then are "
        "not in it.")
