from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    name = "triangulate.improvement"
    label = "improvement"
    verbose_name = "Findings and actions"

    def ready(self):
        from triangulate.core import site

        from . import home
        from .evidence import registry as evidence
        from .evidence.findings import FindingsEvidence
        from .rules import KnowPerm, Perm

        # the evidence pack's own source: improvement's findings and actions (design §4.3); the others register
        # from their apps
        evidence.register(FindingsEvidence())

        site.add_menu_item(site.MenuItem("Findings", "improvement:finding_list", Perm.VIEW_FINDINGS, 40))
        site.add_menu_item(site.MenuItem("Plans", "improvement:plan_list", KnowPerm.VIEW_PLANS, 45))
        site.add_menu_item(site.MenuItem("Actions", "improvement:action_list", Perm.VIEW_ACTIONS, 50))
        site.add_menu_item(site.MenuItem("Evidence", "improvement:evidence_index", KnowPerm.VIEW_EVIDENCE, 47))
        site.add_menu_item(site.MenuItem("Self-assessment", "improvement:assessment_list", KnowPerm.VIEW_ASSESSMENTS,
                                         46))
        # a team's evidence pack beside its measures, audits and observations on the team's page
        site.add_team_link(site.TeamLink("Evidence pack", "improvement:evidence_team", KnowPerm.VIEW_TEAM_EVIDENCE,
                                         order=40))
        site.add_home_panel(site.HomePanel("actions", "improvement/_home_actions.html", context=home.actions_panel,
                                           permission=Perm.VIEW_ACTIONS, order=20))
        # a priority owner's to-do, just after the actions (design §9)
        site.add_home_panel(site.HomePanel("priorities", "improvement/_home_priorities.html",
                                           context=home.priorities_panel, permission=KnowPerm.VIEW_PLANS, order=21))
