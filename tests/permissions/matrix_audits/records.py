"""The audits records the matrix's rows name (design §8).

A live tool and one round in progress; for each side (own team, other team) an `audit` in worker_conversation
with that side's worker, allocated to the auditor-role user, who has raised a `flag` on it; and a
`submitted_audit` whose auditor is the QA lead, its moderation allocated to the auditor-role user. Pages with a
second argument (a section's number) name an `UrlArgs`."""

from django.utils import timezone

from triangulate.audits.models import CaseAudit, Moderation, TrackerImport
from triangulate.core.roles import Role

from ...audits.factories import (
    AuditRoundFactory,
    CaseAuditFactory,
    ModerationFactory,
    SafeguardingFlagFactory,
    SampleEntryFactory,
    make_tool,
)


class UrlArgs:
    """A page addressed by more than one primary key, e.g. an audit's section by number."""

    def __init__(self, *args):
        self.url_args = list(args)
        self.pk = args[0]  # test_matrix.url_for evaluates its `[obj.pk]` default even when url_args is set


def add_audit_records(world, out):
    council = world.own.council
    auditor, qa_lead = world.users[Role.AUDITOR], world.users[Role.QA_LEAD]
    version = make_tool(council=council)
    scale = version.grade_scale
    section = version.sections.get(number=1)
    round_ = AuditRoundFactory(council=council, tool_version=version)
    shared = {
        "tool": version.tool, "version": version, "section": section, "question": section.questions.first(),
        "scale": scale, "grade": scale.grades.get(value=1), "round": round_,
        "import": TrackerImport.objects.create(council=council, uploaded_by=qa_lead, original_name="tracker.xlsx"),
    }
    for side, team, worker in (("own", world.own, world.own_worker), ("other", world.other, world.other_worker)):
        entry = SampleEntryFactory(round=round_, team=team, worker=worker, child_id=f"{side.upper()}1")
        audit = CaseAuditFactory(sample_entry=entry, worker=worker, auditor=auditor,
                                 state=CaseAudit.State.WORKER_CONVERSATION)
        audit.shared_at = timezone.now()
        audit.save()
        submitted = CaseAuditFactory(
            sample_entry=SampleEntryFactory(round=round_, team=team, worker=worker, child_id=f"{side.upper()}2"),
            worker=worker, auditor=qa_lead, state=CaseAudit.State.SUBMITTED)
        moderation = ModerationFactory(audit=submitted, moderator=auditor, status=Moderation.Status.ALLOCATED)
        out[side].update(shared, entry=entry, audit=audit, submitted_audit=submitted, moderation=moderation,
                         flag=SafeguardingFlagFactory(audit=audit, raised_by=auditor),
                         audit_section_1=UrlArgs(audit.pk, 1))
    return out
