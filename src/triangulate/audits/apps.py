from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "triangulate.audits"
    label = "audits"
    verbose_name = "Case file audits"

    def ready(self):
        from triangulate.core import housekeeping, site
        from triangulate.improvement import reminders as action_reminders
        from triangulate.people.scope import register_grant

        from . import grants, home
        from .rules import Perm
        from .services import flags, reminders, tracker_reading

        register_grant(grants.KIND, grants.case_audit_grant)
        # improvement's evidence packs and top 10 read audits through these providers (improvement design §4.2)
        from triangulate.improvement.evidence import registry as evidence

        from .evidence import AuditsEvidence, FeedbackEvidence

        evidence.register(AuditsEvidence())
        evidence.register(FeedbackEvidence())
        site.add_menu_item(site.MenuItem("Audits", "audits:audit_list", Perm.VIEW_ROUNDS, 45))
        site.add_menu_item(site.MenuItem("Audit reports", "audits:report", Perm.VIEW_REPORTS, 48))
        site.add_menu_item(site.MenuItem("Audit tools", "audits:tool_list", Perm.MANAGE_TOOLS, 47))
        site.add_team_link(site.TeamLink("Case file audits", "audits:team_audits", Perm.VIEW_REPORTS, order=20))
        site.add_menu_item(site.MenuItem("Safeguarding flags", "audits:flag_list", Perm.VIEW_FLAGS, 46))
        site.add_home_panel(site.HomePanel("audits", "audits/_home_panel.html", context=home.audits_panel,
                                           permission=Perm.VIEW_ROUNDS, order=15))
        # design §9.3: flags are escalated within minutes of falling due; reminders once a day
        housekeeping.register("flag_escalation", flags.escalate_overdue_flags, every_seconds=300)
        housekeeping.register("audit_overdue", reminders.remind_overdue_audits, every_seconds=86_400)
        housekeeping.register("moderation_overdue", reminders.remind_overdue_moderations, every_seconds=86_400)
        housekeeping.register("tracker_sweep", tracker_reading.sweep_trackers, every_seconds=86_400)
        # improvement's reminders are registered here as improvement has no timer of its own to hang them on
        housekeeping.register("action_overdue", action_reminders.remind_overdue_actions, every_seconds=86_400)
