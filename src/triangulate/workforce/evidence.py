"""The staff voice in improvement's evidence packs and top 10 (docs/design/workforce.md §5.5; improvement design §4.2):
the `staff_voice` provider, registered from workforce's AppConfig.ready.

- The check: the latest published health check (the scope's council's), published by the end of the pack's period.
- The questions: its agree questions whose health theme maps (defaults.PRACTICE_THEME) into the pack's themes.
- The group: council-wide for a council-wide pack; for a team pack only the scope's teams whose results are shown
  (analytics/health.py's grouping: at least `min_responses`, and not pooled into "Other teams"), taken together. A
  team whose results are not shown gives no figure, so a pack cannot undo the results page's suppression.
- The verdict (`verdict`, in the audits' style): the share agreeing `s` over those questions' answers other than
  "don't know" together: s ≥ 0.70 positive, s < 0.50 negative, else mixed; fewer than `min_responses` staff → none.
- For an aggregate-only reader or a wide copy (`registry.controlled`) each share goes through core.disclosure as
  the audits' block does, and a verdict resting on a hidden share is "none" with the reason.
- Signals: one per health theme with a positive or negative verdict, for the council (or each shown team of a team
  scope).
"""

from dataclasses import dataclass
from fractions import Fraction

from django.conf import settings
from django.urls import reverse

from triangulate.core import disclosure
from triangulate.improvement.evidence import registry
from triangulate.improvement.evidence.registry import Block, Row, Signal
from triangulate.improvement.evidence.verdicts import GOOD_ENOUGH, TOO_LOW, Judged, about, percent

from . import health_results
from .analytics import health as analytics
from .defaults import PRACTICE_THEME
from .models import HealthCheck, HealthTheme
from .rules import Perm

TITLE = "Staff voice (the health check)"


def verdict(agree, answering, responses, minimum, about_text=""):
    """`agree` of `answering` answers (other than "don't know") agree, from `responses` staff: none under
    `minimum` staff or with no answers; else by the share as the audits judge."""
    if responses < minimum:
        return Judged("none", f"too few staff answered to judge: fewer than {minimum}")
    if answering == 0:
        return Judged("none", "no answers on these themes other than \"don't know\"")
    share = Fraction(agree, answering)
    judged = "positive" if share >= GOOD_ENOUGH else "negative" if share < TOO_LOW else "mixed"
    on = f" on {about_text}" if about_text else ""
    return Judged(judged, f"{percent(agree, answering)} of staff answers{on} agreeing (n = {answering}; "
                          f"{responses} staff answered)")


@dataclass(frozen=True)
class Group:
    label: str  # "" council-wide, else the teams' names
    responses: int
    questions: dict  # key → QuestionResult


def latest_check(scope):
    checks = HealthCheck.objects.filter(status=HealthCheck.Status.PUBLISHED, published_at__date__lte=scope.end)
    if scope.council is not None:
        checks = checks.filter(council=scope.council)
    return checks.order_by("-published_at", "-pk").first()


def _found(check):
    return registry.memo(("workforce.health_results", check.pk), lambda: health_results.results_of(
        check, year_on_year=False))


def _groups(found, scope):
    """The groups a scope may use: the council's (if shown) for a council-wide scope, else each scope team shown."""
    results = found.results
    if results.council is None:
        return []
    if scope.teams is None:
        return [Group("", results.council.responses, results.council.questions)]
    wanted = {getattr(t, "pk", t) for t in scope.teams}
    return [Group(found.teams[t].name, r.responses, r.questions) for t, r in results.teams if t in wanted]


def _together(groups):
    if len(groups) == 1:
        return groups[0]
    questions = {}
    for key in groups[0].questions:
        parts = [g.questions[key] for g in groups]
        questions[key] = analytics.QuestionResult(key, sum(p.answers for p in parts), sum(p.answering for p in parts),
                                                  sum(p.agree for p in parts), sum(p.disagree for p in parts))
    return Group(", ".join(g.label for g in groups), sum(g.responses for g in groups), questions)


def _in_scope(found, slugs):
    return [q for q in found.questions if PRACTICE_THEME.get(HealthTheme(q.theme)) in slugs]


def _threshold():
    return settings.TRIANGULATE.get("SUPPRESSION_THRESHOLD", disclosure.THRESHOLD)


def _share(controlled, agree, answering):
    """(text, hidden, reason) of a share as the reader may see it."""
    if answering == 0:
        return "no answers", False, ""
    if controlled:
        cell = disclosure.protect("pct", disclosure.Figure(100 * agree / answering, agree, answering), _threshold())
        if cell.value_hidden:
            return "suppressed", True, cell.reason
    return percent(agree, answering), False, ""


class StaffVoiceEvidence:
    key = "staff_voice"
    title = TITLE

    def _none(self, basis, note=""):
        return Block(source=self.key, title=self.title, verdict="none", basis=basis, note=note or basis)

    def block(self, scope, user):
        check = latest_check(scope)
        if check is None:
            return self._none("no health check published by the end of the period")
        found = _found(check)
        questions = _in_scope(found, {t.slug for t in scope.themes})
        if not questions:
            return self._none(f"the {check.title} asked nothing on these themes")
        groups = _groups(found, scope)
        if not groups:
            reason = ("fewer staff answered than a result needs" if found.results.council is None
                      else "no team in scope had enough answers for results of its own")
            return self._none(f"{reason} ({check.min_responses})")
        group = _together(groups)
        controlled = registry.controlled(scope, user)
        url = reverse("workforce:health_results", args=[check.pk]) if user.has_perm(Perm.VIEW_HEALTH) else ""
        rows = []
        for q in questions:
            r = group.questions[q.key]
            rows.append(Row(q.text, f"{_share(controlled, r.agree, r.answering)[0]} agreeing", url,
                            f"n = {r.answering}"))
        agree, answering = analytics.pooled_share(group.questions, [q.key for q in questions])
        judged = verdict(agree, answering, group.responses, check.min_responses,
                         about([t.name for t in scope.themes]))
        if judged.verdict != "none":
            _, hidden, reason = _share(controlled, agree, answering)
            if hidden:
                return Block(source=self.key, title=self.title, verdict="none",
                             basis=f"the share is {disclosure.SUPPRESSED}", rows=tuple(rows),
                             note=reason or disclosure.SUPPRESSED)
        where = f" ({group.label})" if group.label else " (council-wide)"
        return Block(source=self.key, title=self.title, verdict=judged.verdict, basis=judged.basis, rows=tuple(rows),
                     note=f"From the {check.title}{where}.")

    def signals(self, scope):
        """One per health theme with a positive or negative verdict, per group the scope may use."""
        check = latest_check(scope)
        if check is None:
            return []
        found = _found(check)
        questions = _in_scope(found, {t.slug for t in scope.themes})
        out = []
        for group in _groups(found, scope):
            for theme in dict.fromkeys(q.theme for q in questions):
                keys = [q.key for q in questions if q.theme == theme]
                agree, answering = analytics.pooled_share(group.questions, keys)
                judged = verdict(agree, answering, group.responses, check.min_responses)
                if judged.verdict not in ("positive", "negative"):
                    continue
                out.append(Signal(
                    kind="strength" if judged.verdict == "positive" else "area_for_development",
                    theme=PRACTICE_THEME[HealthTheme(theme)], source=self.key, on=check.published_at.date(),
                    team=group.label, text=f"{HealthTheme(theme).label}: {judged.basis}",
                    url=reverse("workforce:health_results", args=[check.pk]), extra={"health_theme": theme}))
        return out
