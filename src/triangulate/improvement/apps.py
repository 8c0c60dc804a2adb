from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    name = "triangulate.improvement"
    label = "improvement"
    verbose_name = "Findings and actions"

    def ready(self):
        from triangulate.core import site

        from . import home
        from .rules import Perm

        site.add_menu_item(site.MenuItem("Findings", "improvement:finding_list", Perm.VIEW_FINDINGS, 40))
        site.add_menu_item(site.MenuItem("Actions", "improvement:action_list", Perm.VIEW_ACTIONS, 50))
        from .rules import KnowPerm
        site.add_menu_item(site.MenuItem("Self-assessment", "improvement:assessment_list", KnowPerm.VIEW_ASSESSMENTS, 46))
        site.add_home_panel(site.HomePanel("actions", "improvement/_home_actions.html", context=home.actions_panel,
                                           permission=Perm.VIEW_ACTIONS, order=20))
