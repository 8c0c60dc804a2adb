from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "triangulate.practice"
    label = "practice"
    verbose_name = "Practice weeks and days"

    def ready(self):
        # The permissions are registered with `rules` when rules.py is imported.
        from triangulate.core import housekeeping, site

        from . import home, reminders, rules  # noqa: F401
        from .rules import Perm

        # §9.1 menu: the events (after the audits' items), the library (after improvement's Actions, 50), and the
        # guests' own visits (GUEST_VISITS: only guests, who have no other menu)
        site.add_menu_item(site.MenuItem("Practice weeks", "practice:event_list", Perm.VIEW_EVENTS, 49))
        site.add_menu_item(site.MenuItem("Good practice library", "practice:library", Perm.VIEW_LIBRARY, 52))
        site.add_menu_item(site.MenuItem("Your practice visits", "practice:my_visits", Perm.GUEST_VISITS, order=62))

        # home panels: the organisers' work, and "Your practice visits" (role-less, so guests get it too)
        site.add_home_panel(site.HomePanel("practice_organiser", "practice/events/_home_panel.html",
                                           context=home.organiser_panel, permission=Perm.PLAN_EVENT, order=16))
        site.add_home_panel(site.HomePanel("practice_visits", "practice/guests/_home_panel.html",
                                           context=home.visits_panel, permission=Perm.OBSERVE, order=20,
                                           roleless=True))

        # a team's practice events, with its summaries and follow-up; after audits' link (20)
        site.add_team_link(site.TeamLink("Practice observation", "practice:team_practice", Perm.VIEW_FOLLOW_UP,
                                         order=30))

        # improvement's evidence packs and top 10 read observations through this provider (improvement design §4.2)
        from triangulate.improvement.evidence import registry as evidence

        from .evidence import PracticeEvidence

        evidence.register(PracticeEvidence())

        # §9.2: the day-before reminder
        housekeeping.register("practice_visit_reminders", reminders.remind_visits_tomorrow, every_seconds=86_400)
