"""The changes audits' services record on the audit trail (core/audit.py; design §3). An event carries ids,
states and grades, never free text or a child id."""

from triangulate.core.audit import AuditVerb


class Verb(AuditVerb):
    # Tools and grade scales (§1.1)
    TOOL_CREATED = "audit_tool.created"
    TOOL_UPDATED = "audit_tool.updated"
    VERSION_DRAFTED = "tool_version.drafted"  # new_draft: the live version copied into draft n+1
    VERSION_UPDATED = "tool_version.updated"
    VERSION_PUBLISHED = "tool_version.published"
    VERSION_RETIRED = "tool_version.retired"
    VERSION_DISCARDED = "tool_version.discarded"
    SECTION_CREATED = "audit_section.created"
    SECTION_UPDATED = "audit_section.updated"
    SECTION_MOVED = "audit_section.moved"
    SECTION_DELETED = "audit_section.deleted"
    QUESTION_CREATED = "audit_question.created"
    QUESTION_UPDATED = "audit_question.updated"
    QUESTION_MOVED = "audit_question.moved"
    QUESTION_DELETED = "audit_question.deleted"
    GRADE_SCALE_CREATED = "grade_scale.created"
    GRADE_SCALE_UPDATED = "grade_scale.updated"
    GRADE_CREATED = "grade.created"
    GRADE_UPDATED = "grade.updated"
    # Rounds and the sample (§3.1, §4)
    ROUND_CREATED = "audit_round.created"
    ROUND_UPDATED = "audit_round.updated"
    ROUND_SAMPLED = "audit_round.sampled"
    ROUND_RESAMPLED = "audit_round.resampled"  # "Draw again": the event keeps both seeds
    ROUND_ALLOCATED = "audit_round.allocated"
    ROUND_STARTED = "audit_round.started"  # automatic, when the first audit leaves `allocated`
    ROUND_CLOSED = "audit_round.closed"
    ROUND_CANCELLED = "audit_round.cancelled"
    ENTRY_ADDED = "sample_entry.added"
    ENTRY_WITHDRAWN = "sample_entry.withdrawn"
    ENTRY_REPLACED = "sample_entry.replaced"
    # The audit (§3.2)
    AUDIT_ALLOCATED = "case_audit.allocated"
    AUDIT_REALLOCATED = "case_audit.reallocated"
    AUDIT_STARTED = "case_audit.started"
    SECTION_SAVED = "case_audit.section_saved"  # the keys changed, never their text
    DRAFT_AUTOSAVED = "case_audit.draft_autosaved"  # at most one per audit and user every 15 minutes
    AUDIT_SHARED = "case_audit.shared"
    CONVERSATION_RECORDED = "case_audit.conversation_recorded"
    FAMILY_FEEDBACK_RECORDED = "case_audit.family_feedback_recorded"
    AUDIT_GRADED = "case_audit.graded"
    FINDING_LINKED = "case_audit.finding_linked"
    ACTION_LINKED = "case_audit.action_linked"
    AUDIT_SUBMITTED = "case_audit.submitted"
    AUDIT_AMENDED = "case_audit.amended"
    AUDIT_MODERATED = "case_audit.moderated"
    AUDIT_WITHDRAWN = "case_audit.withdrawn"
    AUDIT_IMPORTED = "case_audit.imported"
    RESPONSE_WRITTEN = "audit_response.written"
    # Safeguarding flags (§3.3)
    FLAG_RAISED = "safeguarding_flag.raised"
    FLAG_ACKNOWLEDGED = "safeguarding_flag.acknowledged"
    FLAG_ACTION_RECORDED = "safeguarding_flag.action_recorded"
    FLAG_RETURNED = "safeguarding_flag.returned"  # "Not enough"
    FLAG_CLOSED = "safeguarding_flag.closed"
    FLAG_ESCALATED = "safeguarding_flag.escalated"
    # Moderation (§3.4)
    MODERATION_SELECTED = "moderation.selected"
    MODERATION_ALLOCATED = "moderation.allocated"
    MODERATION_AGREED = "moderation.agreed"
    MODERATION_REGRADED = "moderation.regraded"
    # The briefing and the tracker import (§6, §7)
    BRIEFING_UPDATED = "round_briefing.updated"
    TRACKER_UPLOADED = "tracker_import.uploaded"
    TRACKER_MAPPED = "tracker_import.mapped"
    TRACKER_FAILED = "tracker_import.failed"
    TRACKER_IMPORTED = "tracker_import.imported"
    TRACKER_DISCARDED = "tracker_import.discarded"
