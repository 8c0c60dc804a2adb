from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "triangulate.practice"
    label = "practice"
    verbose_name = "Practice weeks and days"

    def ready(self):
        # The permissions are registered with `rules` when rules.py is imported; the slices of design §10 add
        # their menu items, team links, home panels and housekeeping here as their pages land.
        from triangulate.core import site

        from . import home, rules  # noqa: F401
        from .rules import Perm

        site.add_menu_item(site.MenuItem("Practice weeks", "practice:event_list", Perm.VIEW_EVENTS, 49))
        site.add_home_panel(site.HomePanel("practice_organiser", "practice/events/_home_panel.html",
                                           context=home.organiser_panel, permission=Perm.PLAN_EVENT, order=16))

        # a team's practice events, with its summaries and follow-up (§9.1); after audits' link (20)
        site.add_team_link(site.TeamLink("Practice observation", "practice:team_practice", Perm.VIEW_FOLLOW_UP,
                                         order=30))

        # S2 guests and briefs (§9.1, §9.2): the guests' menu item, "Your practice visits" on the home page (a
        # role-less panel, so guests get it too) and the day-before reminder.
        from triangulate.core import housekeeping

        from . import home as s2_home
        from . import reminders as s2_reminders

        site.add_menu_item(site.MenuItem("Your practice visits", "practice:my_visits", Perm.GUEST_VISITS, order=62))
        site.add_home_panel(site.HomePanel("practice_visits", "practice/guests/_home_panel.html",
                                           context=s2_home.visits_panel, permission=Perm.OBSERVE, order=20,
                                           roleless=True))
        housekeeping.register("practice_visit_reminders", s2_reminders.remind_visits_tomorrow, every_seconds=86_400)
