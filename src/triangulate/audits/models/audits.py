"""The audit of one child's case, and what it is made of (design §1.3).

An audit belongs to the child's team (`team`, never null: it is the audit's scope); its parts are scoped
through `audit__team`. Everything the auditor edits is claimed against `CaseAudit.version`; the worker's and the
manager's words are separate `Response` rows so that they never collide with the auditor."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from triangulate.core.concurrency import Versioned
from triangulate.core.models import AppendOnlyModel
from triangulate.improvement.models import Action, Finding
from triangulate.people.models import StaffMember, Team

from .choices import CaseType
from .rounds import AuditRound, SampleEntry
from .tools import Grade, Question, ToolVersion


class CaseAudit(Versioned):
    """Named so to keep it apart from core's audit trail (imported in this app as `trail`)."""

    class State(models.TextChoices):
        ALLOCATED = "allocated", "Not started"
        RECORD_REVIEW = "record_review", "Reading the record"
        WORKER_CONVERSATION = "worker_conversation", "Conversation with the worker"
        FAMILY_FEEDBACK = "family_feedback", "Family feedback"
        GRADED = "graded", "Graded"
        SUBMITTED = "submitted", "Submitted"
        MODERATED = "moderated", "Moderated"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class Conversation(models.TextChoices):
        NOT_RECORDED = "", "Not recorded"
        HELD = "held", "Held"
        NOT_HELD = "not_held", "Not held"

    class WithdrawnReason(models.TextChoices):
        NONE = "", "Not withdrawn"
        CASE_CLOSED = "case_closed", "The case closed"
        MOVED_AWAY = "moved_away", "The child moved away"
        CONFLICT_OF_INTEREST = "conflict_of_interest", "Conflict of interest"
        DUPLICATE = "duplicate", "Duplicate"
        ROUND_CLOSED = "round_closed", "The round closed"
        OTHER = "other", "Other"

    class Source(models.TextChoices):
        SAMPLED = "sampled", "Sampled"
        ADDED = "added", "Added by hand"
        IMPORTED = "imported", "Imported from a tracker"

    DONE_STATES = (State.SUBMITTED, State.MODERATED)

    round = models.ForeignKey(AuditRound, on_delete=models.PROTECT, related_name="audits")
    sample_entry = models.OneToOneField(SampleEntry, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="audit")  # null when imported
    # Kept for life: the audit is read against the form it was filled in on.
    tool_version = models.ForeignKey(ToolVersion, on_delete=models.PROTECT, related_name="audits")
    child_id = models.CharField(max_length=64, db_index=True)
    case_type = models.CharField(max_length=16, choices=CaseType.choices, blank=True)  # blank: imported, unknown
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="case_audits")
    worker = models.ForeignKey(StaffMember, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="case_audits")
    worker_name = models.CharField(max_length=120, blank=True)
    auditor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="case_audits")
    auditor_name = models.CharField(max_length=150, blank=True)
    state = models.CharField(max_length=24, choices=State.choices, default=State.ALLOCATED)
    due_date = models.DateField(null=True, blank=True)
    allocated_at = models.DateTimeField(null=True, blank=True)
    allocated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    started_at = models.DateTimeField(null=True, blank=True)
    shared_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    # The local date submitted, or the imported date: the reports' date.
    completed_on = models.DateField(null=True, blank=True)
    # Stage 2: the conversation with the worker.
    conversation = models.CharField(max_length=8, choices=Conversation.choices, blank=True, default="")
    conversation_on = models.DateField(null=True, blank=True)
    manager_present = models.BooleanField(null=True, blank=True)  # null until the conversation is recorded
    conversation_notes = models.TextField(blank=True)
    conversation_not_held_reason = models.TextField(blank=True)
    # The outcome.
    overall_grade = models.ForeignKey(Grade, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    next_steps = models.TextField(blank=True)
    withdrawn_reason = models.CharField(max_length=24, choices=WithdrawnReason.choices, blank=True, default="")
    withdrawn_note = models.TextField(blank=True)
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.SAMPLED)
    import_row = models.PositiveIntegerField(null=True, blank=True)  # the tracker's row, for its errors

    class Meta:
        ordering = ["due_date", "id"]
        constraints = [
            # A child never has two audits running in one round; a withdrawn one may be followed by another.
            # An imported round is a tracker's history, where one child is audited on several dates (§7).
            models.UniqueConstraint(fields=["round", "child_id"],
                                    condition=~Q(state="withdrawn") & ~Q(source="imported"),
                                    name="one_active_audit_per_child_per_round"),
            models.CheckConstraint(condition=Q(auditor__isnull=False) | Q(source="imported"),
                                   name="only_imported_audits_lack_an_auditor"),
            models.CheckConstraint(condition=~Q(state="withdrawn") | ~Q(withdrawn_reason=""),
                                   name="withdrawn_audits_have_a_reason"),
        ]

    def __str__(self):
        return f"Case audit {self.pk}"  # never the child id: this reaches logs and the admin's lists


class Answer(models.Model):
    """One question's answer. Only the value for the question's type is set, or not applicable (services)."""

    class YesNo(models.TextChoices):
        NONE = "", "Not answered"
        YES = "yes", "Yes"
        NO = "no", "No"

    audit = models.ForeignKey(CaseAudit, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    grade = models.ForeignKey(Grade, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    yes_no = models.CharField(max_length=3, choices=YesNo.choices, blank=True, default="")
    number = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    date = models.DateField(null=True, blank=True)
    text = models.TextField(blank=True)
    not_applicable = models.BooleanField(default=False)
    evidence = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["audit", "question"], name="one_answer_per_question")]


class FamilyFeedback(models.Model):
    """Stage 3. Without the family's consent only the outcome is kept (decision 13): the database refuses
    their words and answers, so a bug cannot keep what they did not agree to."""

    class Outcome(models.TextChoices):
        REACHED = "reached", "Reached"
        NOT_REACHED = "not_reached", "Not reached"
        NOT_ATTEMPTED = "not_attempted", "Not attempted"

    class NotReachedReason(models.TextChoices):
        NONE = "", "Not given"
        NO_ANSWER = "no_answer", "No answer"
        DECLINED = "declined", "Declined"
        NO_CONTACT_DETAILS = "no_contact_details", "No contact details"
        NOT_SAFE_OR_APPROPRIATE = "not_safe_or_appropriate", "Not safe or appropriate"
        INTERPRETER_UNAVAILABLE = "interpreter_unavailable", "No interpreter available"
        OTHER = "other", "Other"

    class SpokeWith(models.TextChoices):
        NONE = "", "Not given"
        PARENT = "parent", "Parent"
        CARER = "carer", "Carer"
        YOUNG_PERSON = "young_person", "Young person"
        OTHER = "other", "Other"

    class PositiveDifference(models.TextChoices):
        NONE = "", "Not given"
        YES = "yes", "Yes"
        PARTLY = "partly", "Partly"
        NO = "no", "No"
        DONT_KNOW = "dont_know", "Don't know"
        NOT_ASKED = "not_asked", "Not asked"

    class Confident(models.TextChoices):
        NONE = "", "Not given"
        YES = "yes", "Yes"
        NOT_SURE = "not_sure", "Not sure"
        NO = "no", "No"
        NOT_ASKED = "not_asked", "Not asked"

    audit = models.OneToOneField(CaseAudit, on_delete=models.CASCADE, related_name="family_feedback")
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    not_reached_reason = models.CharField(max_length=32, choices=NotReachedReason.choices, blank=True, default="")
    reason_note = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    contacted_on = models.DateField(null=True, blank=True)
    spoke_with = models.CharField(max_length=16, choices=SpokeWith.choices, blank=True, default="")
    consent = models.BooleanField(default=False)  # to record what they said, without their name
    share_with_worker = models.BooleanField(default=False)
    positive_difference = models.CharField(max_length=16, choices=PositiveDifference.choices, blank=True,
                                           default="")
    confident_to_ask_again = models.CharField(max_length=16, choices=Confident.choices, blank=True, default="")
    what_went_well = models.TextField(blank=True)
    what_could_be_better = models.TextField(blank=True)  # their words
    featured = models.BooleanField(default=False)  # chosen for the briefing

    class Meta:
        verbose_name_plural = "family feedback"
        constraints = [
            models.CheckConstraint(
                condition=Q(consent=True) | Q(what_went_well="", what_could_be_better="", positive_difference="",
                                              confident_to_ask_again="", share_with_worker=False, featured=False),
                name="family_words_need_consent"),
        ]


class Response(Versioned):
    """The worker's reflection or the manager's comment on a shared draft: one of each per audit."""

    class Kind(models.TextChoices):
        WORKER_REFLECTION = "worker_reflection", "Worker's reflection"
        MANAGER_COMMENT = "manager_comment", "Manager's comment"

    audit = models.ForeignKey(CaseAudit, on_delete=models.CASCADE, related_name="responses")
    kind = models.CharField(max_length=24, choices=Kind.choices)
    text = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["audit", "kind"], name="one_response_of_each_kind")]


class AuditRevision(AppendOnlyModel):
    """The audit as it stood at submission and after each change: written once, never edited, so what was
    submitted can always be shown beside what it became."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        AMENDED = "amended", "Amended"
        MODERATED = "moderated", "Moderated"
        IMPORTED = "imported", "Imported"

    audit = models.ForeignKey(CaseAudit, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField()  # 1 = as submitted (or imported)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    # Null when the system made it (an import); see the audit event for the reason.
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    made_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True)
    # Answers by key, outcome, conversation, family, responses.
    snapshot = models.JSONField(default=dict)
    # key -> [old, new]; free text only as "changed".
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["audit", "number"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "number"], name="revision_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="revision_number_from_1"),
            models.CheckConstraint(condition=Q(number=1) | ~Q(reason=""), name="later_revisions_have_a_reason"),
        ]


class AuditFinding(models.Model):
    """Links an improvement Finding to the audit it came from (improvement may not import audits)."""

    audit = models.ForeignKey(CaseAudit, on_delete=models.CASCADE, related_name="finding_links")
    finding = models.OneToOneField(Finding, on_delete=models.PROTECT, related_name="case_audit_link")
    # The answer's question that suggested it (graded RI or inadequate), if any.
    suggested_by = models.ForeignKey(Question, null=True, blank=True, on_delete=models.PROTECT, related_name="+")


class AuditAction(models.Model):
    """Links an improvement Action to its audit, with what kind of action it is (R19's closures, transfers)."""

    class Kind(models.TextChoices):
        CLOSE_CASE = "close_case", "Close the case"
        STEP_DOWN = "step_down", "Step down"
        TRANSFER = "transfer", "Transfer"
        ESCALATE = "escalate", "Escalate"
        PRACTICE = "practice", "Practice"

    audit = models.ForeignKey(CaseAudit, on_delete=models.CASCADE, related_name="action_links")
    action = models.OneToOneField(Action, on_delete=models.PROTECT, related_name="case_audit_link")
    kind = models.CharField(max_length=16, choices=Kind.choices)
