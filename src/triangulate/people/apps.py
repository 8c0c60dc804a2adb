from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "triangulate.people"
    label = "people"
    verbose_name = "People and organisation"

    def ready(self):
        from triangulate.core import site

        from . import home
        from .rules import Perm

        for item in (site.MenuItem("Teams", "people:team_list", Perm.VIEW_TEAMS, 20),
                     site.MenuItem("Staff", "people:staff_list", Perm.VIEW_STAFF, 30),
                     site.MenuItem("Council", "people:council", Perm.VIEW_COUNCIL, 70),
                     site.MenuItem("Users", "people:user_list", Perm.MANAGE_USERS, 90)):
            site.add_menu_item(item)
        site.add_home_panel(site.HomePanel("scope", "people/_home_scope.html", context=home.scope_panel, order=10))
        site.set_council_name(home.council_name)
