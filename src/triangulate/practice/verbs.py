"""The changes practice's services record on the audit trail (core/audit.py; design §3). An event carries ids,
states and times, never free text (no notes, no reasons' words, no names) and never a child id."""

from triangulate.core.audit import AuditVerb


class Verb(AuditVerb):
    # Headings (§1.1)
    HEADING_TEMPLATE_CREATED = "practice_heading_template.created"
    HEADING_TEMPLATE_UPDATED = "practice_heading_template.updated"
    HEADINGS_RESTORED = "practice_heading_template.defaults_restored"
    HEADING_CREATED = "practice_heading.created"
    HEADING_UPDATED = "practice_heading.updated"
    HEADING_MOVED = "practice_heading.moved"
    HEADING_DELETED = "practice_heading.deleted"
    # The event (§3.1)
    EVENT_CREATED = "practice_event.created"
    EVENT_UPDATED = "practice_event.updated"
    EVENT_PUBLISHED = "practice_event.published"
    EVENT_OBSERVING = "practice_event.observing"  # automatic, when the first observation is saved
    OBSERVATIONS_CLOSED = "practice_event.observations_closed"
    OBSERVATIONS_REOPENED = "practice_event.observations_reopened"
    SUMMARIES_SHARED = "practice_event.summaries_shared"
    EVENT_COMPLETED = "practice_event.completed"
    EVENT_CANCELLED = "practice_event.cancelled"
    TEAM_ADDED = "practice_event_team.added"
    TEAM_UPDATED = "practice_event_team.updated"
    TEAM_DETAILS_CONFIRMED = "practice_event_team.details_confirmed"
    TEAM_REMOVED = "practice_event_team.removed"
    ASSESSOR_ADDED = "practice_assessor.added"
    ASSESSOR_UPDATED = "practice_assessor.updated"
    ASSESSOR_REMOVED = "practice_assessor.removed"
    # Guests (§3.4)
    GUEST_INVITED = "practice_assessor.guest_invited"
    GUEST_LINK_REPLACED = "practice_assessor.guest_link_replaced"
    GUEST_WELCOMED = "practice_assessor.guest_welcomed"  # the guest set a password through the link
    GUEST_ACCESS_ENDED = "practice_assessor.guest_access_ended"
    # Visits (§3.2, §4)
    VISIT_CREATED = "practice_visit.created"
    VISIT_UPDATED = "practice_visit.updated"
    VISIT_CANCELLED = "practice_visit.cancelled"
    VISIT_DID_NOT_HAPPEN = "practice_visit.did_not_happen"
    VISIT_HAPPENED = "practice_visit.happened"
    CONSENT_RECORDED = "practice_visit.consent_recorded"
    CONFLICT_ACCEPTED = "practice_visit.conflict_accepted"
    # Observations (§3.3, §5)
    OBSERVATION_STARTED = "practice_observation.started"
    OBSERVATION_SAVED = "practice_observation.saved"  # the fields changed, never their text
    ENTRY_SAVED = "practice_entry.saved"
    ENTRY_REMOVED = "practice_entry.removed"
    OBSERVATION_HANDED_IN = "practice_observation.handed_in"
    OBSERVATION_RETURNED = "practice_observation.returned"
    PROGRESS_RATED = "practice_progress_check.rated"
    # Analysis, report and plan (§6, §7)
    ENTRY_PICKED = "practice_entry_pick.picked"
    ENTRY_UNPICKED = "practice_entry_pick.unpicked"
    REPORT_CREATED = "practice_report.created"
    REPORT_UPDATED = "practice_report.updated"
    REPORT_FILLED = "practice_report.filled"
    REPORT_APPROVED = "practice_report.approved"
    REPORT_REOPENED = "practice_report.reopened"
    PLAN_ITEM_ADDED = "practice_plan_item.added"
    PLAN_ITEM_UPDATED = "practice_plan_item.updated"
    PLAN_ITEM_REMOVED = "practice_plan_item.removed"
    # The library (§1.5)
    LIBRARY_PROPOSED = "practice_library_item.proposed"
    LIBRARY_UPDATED = "practice_library_item.updated"
    LIBRARY_PUBLISHED = "practice_library_item.published"
    LIBRARY_WITHDRAWN = "practice_library_item.withdrawn"
