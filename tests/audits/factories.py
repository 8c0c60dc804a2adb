"""factory-boy factories for the audits records (design §1), for every slice's tests.

Each builds the least that is valid: a tool's version on a four-point scale, a round on that version, an
audit in that round of a team with its own sample entry. `make_scale` and `make_tool` build the larger
pieces most tests want."""

from datetime import date
from decimal import Decimal

import factory

from triangulate.audits.models import (
    Answer,
    AuditRevision,
    AuditRound,
    AuditTool,
    CaseAudit,
    CaseType,
    FamilyFeedback,
    Grade,
    GradeScale,
    Moderation,
    Question,
    Response,
    RoundAuditor,
    RoundTeam,
    SafeguardingFlag,
    SampleEntry,
    Section,
    ToolVersion,
)

from ..factories import CouncilFactory, TeamFactory, UserFactory, theme

# value, label, colour, is_inadequate: the design's default scale (§2)
FOUR_POINT = (
    (4, "Outstanding", "green", False),
    (3, "Good", "turquoise", False),
    (2, "Requires improvement", "yellow", False),
    (1, "Inadequate", "red", True),
)


class GradeScaleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GradeScale

    council = factory.SubFactory(CouncilFactory)
    name = factory.Sequence(lambda n: f"Scale {n}")
    good_threshold = 3


class GradeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Grade

    scale = factory.SubFactory(GradeScaleFactory)
    value = factory.Sequence(lambda n: n + 1)
    label = factory.Sequence(lambda n: f"Grade {n + 1}")


def make_scale(council=None, name="Ofsted four-point", is_default=True):
    """The four-point scale, its grades reachable by value: `scale.grades.get(value=1)`."""
    scale = GradeScaleFactory(council=council or CouncilFactory(), name=name, is_default=is_default)
    for value, label, colour, inadequate in FOUR_POINT:
        Grade.objects.create(scale=scale, value=value, label=label, colour=colour, is_inadequate=inadequate)
    return scale


class AuditToolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditTool

    council = factory.SubFactory(CouncilFactory)
    name = factory.Sequence(lambda n: f"Audit tool {n}")
    key = factory.Sequence(lambda n: f"tool_{n}")
    kind = AuditTool.Kind.FULL


class ToolVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ToolVersion

    tool = factory.SubFactory(AuditToolFactory)
    number = 1
    status = ToolVersion.Status.LIVE
    grade_scale = factory.SubFactory(GradeScaleFactory, council=factory.SelfAttribute("..tool.council"))


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    version = factory.SubFactory(ToolVersionFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Section {n + 1}")


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    section = factory.SubFactory(SectionFactory)
    version = factory.SelfAttribute("section.version")
    number = factory.Sequence(lambda n: n + 1)
    key = factory.Sequence(lambda n: f"question_{n}")
    text = factory.Sequence(lambda n: f"Question {n}?")
    answer_type = Question.AnswerType.YES_NO
    theme = factory.LazyFunction(lambda: theme("recording"))
    mandatory = True


def make_tool(council=None, scale=None, key="full_case_audit"):
    """A live version 1 of a small tool: one section with a yes/no question and a grade question."""
    council = council or (scale.council if scale else CouncilFactory())
    scale = scale or make_scale(council)
    version = ToolVersionFactory(tool=AuditToolFactory(council=council, key=key), grade_scale=scale)
    section = SectionFactory(version=version, number=1, title="Summary and chronology")
    QuestionFactory(section=section, number=1, key="summary_current", theme=theme("recording"))
    QuestionFactory(section=section, number=2, key="summary_grade", answer_type=Question.AnswerType.GRADE,
                    theme=theme("recording"), asks_evidence=True)
    return version


class AuditRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditRound

    council = factory.SubFactory(CouncilFactory)
    name = factory.Sequence(lambda n: f"Round {n}")
    kind = AuditRound.Kind.MONTHLY
    tool_version = factory.SubFactory(ToolVersionFactory, tool__council=factory.SelfAttribute("...council"))
    seed = 7
    audits_due = date(2026, 12, 18)
    status = AuditRound.Status.IN_PROGRESS


class RoundTeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoundTeam

    round = factory.SubFactory(AuditRoundFactory)
    team = factory.SubFactory(TeamFactory, council=factory.SelfAttribute("..round.council"))
    size = 4


class RoundAuditorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoundAuditor

    round = factory.SubFactory(AuditRoundFactory)
    user = factory.SubFactory(UserFactory)


class SampleEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SampleEntry

    round = factory.SubFactory(AuditRoundFactory)
    child_id = factory.Sequence(lambda n: f"A{n:02d}")
    case_type = CaseType.CIN
    team = factory.SubFactory(TeamFactory, council=factory.SelfAttribute("..round.council"))
    worker_name = "Olive Own"
    rank_key = "95ec3708a1b2c3d4"
    position = 1
    reason = "Sampled in the seeded order."


class CaseAuditFactory(factory.django.DjangoModelFactory):
    """An allocated audit of its sample entry's child; pass `auditor` (a user with an auditing role)."""

    class Meta:
        model = CaseAudit

    sample_entry = factory.SubFactory(SampleEntryFactory)
    # Without an entry (added or imported), pass `round` and `child_id`.
    round = factory.SelfAttribute("sample_entry.round")
    tool_version = factory.SelfAttribute("round.tool_version")
    child_id = factory.SelfAttribute("sample_entry.child_id")
    case_type = factory.LazyAttribute(lambda o: o.sample_entry.case_type if o.sample_entry else CaseType.CIN)
    team = factory.LazyAttribute(lambda o: o.sample_entry.team if o.sample_entry
                                 else TeamFactory(council=o.round.council))
    worker_name = factory.LazyAttribute(lambda o: o.sample_entry.worker_name if o.sample_entry else "")
    auditor = factory.SubFactory(UserFactory)
    state = CaseAudit.State.ALLOCATED
    due_date = factory.SelfAttribute("round.audits_due")


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    audit = factory.SubFactory(CaseAuditFactory)
    question = factory.SubFactory(QuestionFactory, section__version=factory.SelfAttribute("...audit.tool_version"))
    yes_no = Answer.YesNo.YES


class FamilyFeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FamilyFeedback

    audit = factory.SubFactory(CaseAuditFactory)
    outcome = FamilyFeedback.Outcome.REACHED
    consent = True
    spoke_with = FamilyFeedback.SpokeWith.PARENT
    positive_difference = FamilyFeedback.PositiveDifference.YES
    confident_to_ask_again = FamilyFeedback.Confident.YES


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response

    audit = factory.SubFactory(CaseAuditFactory)
    kind = Response.Kind.WORKER_REFLECTION
    text = "The plan was drawn up before the school's concerns were known."
    author = factory.SubFactory(UserFactory)


class AuditRevisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditRevision

    audit = factory.SubFactory(CaseAuditFactory, state=CaseAudit.State.SUBMITTED)
    number = 1
    kind = AuditRevision.Kind.SUBMITTED
    made_by = factory.SelfAttribute("audit.auditor")
    snapshot = factory.LazyFunction(dict)


class SafeguardingFlagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SafeguardingFlag

    audit = factory.SubFactory(CaseAuditFactory, state=CaseAudit.State.RECORD_REVIEW)
    team = factory.SelfAttribute("audit.team")
    raised_by = factory.SelfAttribute("audit.auditor")
    stage = factory.SelfAttribute("audit.state")
    concern = "A new partner is living in the home and has not been checked."


def grade_of(audit, value):
    """The grade of `value` on the audit's scale (its tool version's)."""
    scale = audit.tool_version.grade_scale
    grade, _ = Grade.objects.get_or_create(scale=scale, value=value, defaults={"label": f"Grade {value}"})
    return grade


class ModerationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Moderation

    audit = factory.SubFactory(CaseAuditFactory, state=CaseAudit.State.SUBMITTED)
    reason = Moderation.Reason.SHARE
    u = Decimal("0.1494")
    auditor_grade = factory.LazyAttribute(lambda o: grade_of(o.audit, 3))
