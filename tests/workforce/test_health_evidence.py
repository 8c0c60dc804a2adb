"""The staff-voice evidence (workforce/evidence.py, design §5.5): the latest published check's questions on the pack's
themes, judged by the share agreeing; a team's result only when shown; disclosure control for aggregate-only readers."""

from datetime import date

from triangulate.core.roles import Role
from triangulate.improvement.evidence import registry
from triangulate.improvement.evidence.registry import Scope
from triangulate.workforce.evidence import StaffVoiceEvidence, verdict
from triangulate.workforce.models import Agreement
from triangulate.workforce.services import health as services

from ..factories import TeamFactory, theme
from .health_helpers import lead, open_check, respond

WORKFORCE = "workforce-and-caseloads"
SUPERVISION = "management-oversight-and-supervision"
# the workload and support questions map to workforce-and-caseloads (defaults.PRACTICE_THEME): six questions
WORKFORCE_KEYS = ("workload-manageable", "work-life-balance", "time-for-direct-work", "training-available",
                  "career-development", "wellbeing-supported")


def _scope(*slugs, teams=None):
    return Scope(themes=tuple(theme(s) for s in slugs), teams=teams, start=date(2025, 4, 1), end=date(2099, 3, 31))


def _published(world, check):
    services.close_check(actor=lead(world), health_check=check)
    return services.publish_check(actor=lead(world), health_check=check)


def test_the_provider_is_registered():
    assert "staff_voice" in [p.key for p in registry.providers()]


def test_the_verdict_uses_the_audits_thresholds_and_the_minimum():
    assert verdict(7, 10, 6, 6).verdict == "positive"  # exactly 0.70
    assert verdict(5, 10, 6, 6).verdict == "mixed"  # exactly 0.50
    assert verdict(49, 100, 20, 6).verdict == "negative"
    assert verdict(9, 10, 5, 6).verdict == "none"
    assert verdict(0, 0, 8, 6).verdict == "none"
    assert verdict(7, 10, 6, 6, "workforce").basis == ("70% of staff answers on workforce agreeing (n = 10; 6 staff "
                                                        "answered)")


def test_no_published_check_gives_no_verdict(world):
    open_check(world)
    block = StaffVoiceEvidence().block(_scope(WORKFORCE), world.users[Role.QA_LEAD])
    assert block.verdict == "none" and "no health check published" in block.basis


def test_a_council_wide_pack_judges_its_themes_questions_together(world):
    check = open_check(world)
    # 8 staff: workload-manageable disagree, the 5 other workforce questions agree → 40 of 48 agree (83%)
    respond(world, check, world.own, 8, by_key={"workload-manageable": Agreement.DISAGREE})
    _published(world, check)
    block = StaffVoiceEvidence().block(_scope(WORKFORCE), world.users[Role.QA_LEAD])
    assert block.verdict == "positive"
    assert block.basis == "83% of staff answers on workforce and caseloads agreeing (n = 48; 8 staff answered)"
    assert [r.figure for r in block.rows] == ["0% agreeing"] + ["100% agreeing"] * 5
    assert block.rows[0].url.endswith(f"/health-check/{check.pk}/results/")
    # supervision: 3 questions all agree → positive; leadership (safeguarding, communication, having a say) too
    assert StaffVoiceEvidence().block(_scope(SUPERVISION), world.users[Role.QA_LEAD]).verdict == "positive"


def test_a_team_pack_uses_the_team_only_when_its_results_are_shown(world):
    check = open_check(world)
    small = TeamFactory(name="Small")
    respond(world, check, world.own, 7, choice=Agreement.DISAGREE)
    respond(world, check, world.other, 8)
    respond(world, check, small, 2)
    _published(world, check)
    reader = world.users[Role.QA_LEAD]
    # Small's 2 would be derivable, so own (7, the smallest shown) is pooled with it: neither is shown
    assert StaffVoiceEvidence().block(_scope(WORKFORCE, teams=(world.own,)), reader).verdict == "none"
    assert StaffVoiceEvidence().block(_scope(WORKFORCE, teams=(small,)), reader).verdict == "none"
    other = StaffVoiceEvidence().block(_scope(WORKFORCE, teams=(world.other,)), reader)
    assert other.verdict == "positive" and "Children in Care South" in other.note


def test_an_aggregate_only_reader_gets_shares_under_disclosure_control(world):
    check = open_check(world)
    # 8 staff; on the workforce questions 3 of 48 answers disagree (a complement of 3: suppressed for members)
    respond(world, check, world.own, 5)
    respond(world, check, world.own, 3, by_key={k: Agreement.DISAGREE for k in WORKFORCE_KEYS[:1]})
    _published(world, check)
    member = StaffVoiceEvidence().block(_scope(WORKFORCE), world.users[Role.ELECTED_MEMBER])
    assert member.verdict == "none" and "suppressed" in member.basis
    assert member.rows[0].figure == "suppressed agreeing"
    lead_block = StaffVoiceEvidence().block(_scope(WORKFORCE), world.users[Role.QA_LEAD])
    assert lead_block.verdict == "positive" and lead_block.rows[0].figure == "63% agreeing"  # 5 of 8


def test_signals_one_per_theme_with_a_verdict(world):
    check = open_check(world)
    respond(world, check, world.own, 6, by_key={k: Agreement.DISAGREE for k in WORKFORCE_KEYS[:3]})
    _published(world, check)
    signals = StaffVoiceEvidence().signals(_scope(WORKFORCE, SUPERVISION))
    got = sorted((s.extra["health_theme"], s.kind, s.theme, s.team) for s in signals)
    assert got == [("supervision", "strength", SUPERVISION, ""), ("support", "strength", WORKFORCE, ""),
                   ("workload", "area_for_development", WORKFORCE, "")]
