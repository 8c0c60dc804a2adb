"""The changes improvement's services record on the audit trail (core/audit.py)."""

from triangulate.core.audit import AuditVerb


class Verb(AuditVerb):
    FINDING_RECORDED = "finding.recorded"
    ACTION_CREATED = "action.created"
    ACTION_STATUS_CHANGED = "action.status_changed"
    # issue 12 (docs/design/improvement.md)
    PLAN_CREATED = "improvement_plan.created"
    PLAN_UPDATED = "improvement_plan.updated"
    PLANS_MADE_FROM = "improvement_plan.children_made"
    PRIORITY_ADDED = "priority.added"
    PRIORITY_UPDATED = "priority.updated"
    PRIORITY_PROGRESS = "priority.progress_recorded"
    ACTION_LINKED = "action.linked_to_priority"
    MILESTONE_ADDED = "milestone.added"
    MILESTONE_DONE = "milestone.done"
    ASSESSMENT_CREATED = "self_assessment.created"
    ASSESSMENT_UPDATED = "self_assessment.updated"
    JUDGEMENT_UPDATED = "self_assessment.judgement_updated"
    ASSESSMENT_PUBLISHED = "self_assessment.published"
    EXTERNAL_VIEW_RECORDED = "self_assessment.external_view_recorded"
    EVIDENCE_NOTE_SAVED = "evidence_note.saved"
    TOP_TEN_SAVED = "top_ten.saved"
    TRAINING_TOPIC_ADDED = "training_topic.added"
    TRAINING_TOPIC_UPDATED = "training_topic.updated"
