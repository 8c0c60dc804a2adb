"""The case file audits' evidence for improvement's packs and top 10 (docs/design/improvement.md §4.3, §5): two
providers, "audits" (graded answers on the scope's themes) and "feedback" (families reached and consenting).

Counted as the audit reports count (audits/services/report_records.py → figures.py's records): the cohort is every
audit of the scope's teams submitted (or moderated) with its completion date in the period, whoever reads it, and the
words (families' quotes) are kept only for the audits the reader may read (`audits_visible_to`). The grade of an
answer is the one recorded: moderation re-grades only the overall grade (audits decision 9). For an aggregate-only
reader every share goes through `core.disclosure` as on the report pages, and a verdict whose share is hidden is
"none" with the reason.
"""

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from triangulate.core import disclosure
from triangulate.improvement.evidence import registry, verdicts
from triangulate.improvement.evidence.registry import Block, Row, Signal
from triangulate.people.models import Team

from .models import CaseAudit, Question
from .presenters import Audience
from .rules import Perm
from .services import report_records
from .services.figures import ANSWERED, DONE

# feedback is about the family's experience: its top-10 signals are on this theme (design §5 gives none)
FEEDBACK_THEME = "parent-and-carer-experience"
HEAVY_INADEQUATE = (20, 100)  # design §5: an audits signal weighs 2 when at least 20% of its answers are inadequate


def cohort(scope):
    audits = CaseAudit.objects.filter(state__in=DONE, completed_on__gte=scope.start, completed_on__lte=scope.end)
    if scope.teams is not None:
        audits = audits.filter(team__in=scope.teams)
    if scope.council is not None:
        audits = audits.filter(round__council=scope.council)
    return audits


def _records(scope, reader=None):
    """The cohort's audit records (with words where `reader` may read them; none for the top 10's signals), loaded
    once for the audits and the feedback blocks, and for a board paper's packs (registry.shared_work)."""
    reader = reader or AnonymousUser()
    teams = None if scope.teams is None else tuple(sorted(t.pk for t in scope.teams))
    key = ("audits.records", teams, scope.start, scope.end, getattr(scope.council, "pk", None), reader.pk)
    return registry.memo(key, lambda: report_records.load(cohort(scope), reader))


def _graded_on(records, theme_names):
    """(record, answer) for every graded answer on the themes, as figures.py's R8 counts them."""
    return [(r, x) for r in records for x in r.answers
            if x.theme in theme_names and not x.not_applicable and x.answer_type == "grade" and x.grade is not None]


def _question_texts(audits, keys):
    return dict(Question.objects.filter(key__in=keys, answers__audit__in=audits).order_by("version__number")
                .values_list("key", "text"))


def _shown(audience, good, n):
    """(text, hidden, reason) of a share as this reader may see it."""
    if n == 0:
        return "no answers", False, ""
    cell = disclosure.protect("pct", disclosure.Figure(100 * good / n, good, n), audience.threshold) \
        if audience.controlled else None
    if cell is not None and cell.value_hidden:
        return "suppressed", True, cell.reason
    return verdicts.percent(good, n), False, ""


def _count(audience, n):
    if audience.controlled and 0 < n < audience.threshold:
        return disclosure.fewer_than(audience.threshold)
    return str(n)


def _about(scope):
    return verdicts.about([t.name for t in scope.themes])


def _hidden_block(key, title, reason, rows=(), quotes=()):
    return Block(source=key, title=title, verdict="none", basis=f"the share is {disclosure.SUPPRESSED}", rows=rows,
                 note=reason or disclosure.SUPPRESSED, quotes=quotes)


class AuditsEvidence:
    key = "audits"
    title = "Case file audits"

    def block(self, scope, user):
        audience = Audience.for_user(user, wide=scope.wide)
        audits = cohort(scope)
        records = _records(scope, user)
        graded = _graded_on(records, {t.name for t in scope.themes})
        url = reverse("audits:report") if user.has_perm(Perm.VIEW_REPORTS) else ""
        texts = _question_texts(audits, {x.key for _, x in graded})
        rows = []
        for key in sorted({x.key for _, x in graded}, key=lambda k: texts.get(k, k)):
            mine = [x for _, x in graded if x.key == key]
            good, bad = sum(x.grade.good for x in mine), sum(x.grade.inadequate for x in mine)
            inadequate = _shown(audience, bad, len(mine))[0]
            rows.append(Row(texts.get(key, key), f"{_shown(audience, good, len(mine))[0]} good or better", url,
                            f"{inadequate} inadequate; n = {_count(audience, len(mine))}"))
        good = sum(x.grade.good for _, x in graded)
        judged = verdicts.audits(good, len(graded), about=_about(scope))
        if judged.verdict != "none":
            _, hidden, reason = _shown(audience, good, len(graded))
            if hidden:
                return _hidden_block(self.key, self.title, reason, tuple(rows))
        return Block(source=self.key, title=self.title, verdict=judged.verdict, basis=judged.basis, rows=tuple(rows),
                     note="" if graded else "No graded answers on these themes in audits completed in the period.")

    def signals(self, scope):
        """One per (team, themed question) with at least 5 answers: a strength at g ≥ 0.70, an area below 0.50."""
        records = _records(scope)
        graded = _graded_on(records, {t.name for t in scope.themes})
        slugs = {t.name: t.slug for t in scope.themes}
        teams = dict(Team.objects.filter(pk__in={r.team for r, _ in graded}).values_list("pk", "name"))
        groups = {}
        for record, answer in graded:
            groups.setdefault((record.team, answer.theme, answer.key), []).append((record, answer))
        found = []
        for (team, theme, key), pairs in sorted(groups.items(), key=lambda kv: (teams[kv[0][0]], kv[0][1], kv[0][2])):
            good, n = sum(x.grade.good for _, x in pairs), len(pairs)
            judged = verdicts.audits(good, n)
            if judged.verdict not in ("positive", "negative"):
                continue
            heavy = sum(x.grade.inadequate for _, x in pairs) * HEAVY_INADEQUATE[1] >= HEAVY_INADEQUATE[0] * n
            found.append(Signal(
                kind="strength" if judged.verdict == "positive" else "area_for_development", theme=slugs[theme],
                source=self.key, on=max(r.completed_on for r, _ in pairs), weight=2 if heavy else 1,
                team=teams[team], text=f"{key}: {judged.basis}", url=reverse("audits:report"),
                extra={"question": key}))
        return found


def _families(records):
    """The families reached, consenting and asked whether the work made a positive difference (figures.py's R14)."""
    return [(r, r.family) for r in records if r.family is not None and r.family.outcome == "reached"
            and r.family.consent and r.family.positive_difference in ANSWERED]


class FeedbackEvidence:
    key = "feedback"
    title = "Family feedback"

    def block(self, scope, user):
        audience = Audience.for_user(user, wide=scope.wide)
        families = _families(_records(scope, user))
        yes = sum(f.positive_difference == "yes" for _, f in families)
        partly = sum(f.positive_difference == "partly" for _, f in families)
        n = len(families)
        rows = (Row("Families asked whether the work made a positive difference", _count(audience, n)),
                Row("Said it made a positive difference", _shown(audience, yes, n)[0]),
                Row("Said it partly did", _shown(audience, partly, n)[0]))
        # the families' words only with their consent, featured, from audits the reader may read; never a name
        quotes = () if audience.controlled else tuple(f.quote for _, f in families if f.featured and f.quote)
        judged = verdicts.feedback(yes, n)
        if judged.verdict != "none":
            _, hidden, reason = _shown(audience, yes, n)
            if hidden:
                return _hidden_block(self.key, self.title, reason, rows)
        return Block(source=self.key, title=self.title, verdict=judged.verdict, basis=judged.basis, rows=rows,
                     quotes=quotes, note="" if n else "No family reached and asked in audits completed in the period.")

    def signals(self, scope):
        """One per team with at least 5 families asked: a strength at f ≥ 0.70, an area below 0.50."""
        if FEEDBACK_THEME not in {t.slug for t in scope.themes}:
            return []
        by_team = {}
        for record, family in _families(_records(scope)):
            by_team.setdefault(record.team, []).append((record, family))
        teams = dict(Team.objects.filter(pk__in=by_team).values_list("pk", "name"))
        found = []
        for team, pairs in sorted(by_team.items(), key=lambda kv: teams[kv[0]]):
            judged = verdicts.feedback(sum(f.positive_difference == "yes" for _, f in pairs), len(pairs))
            if judged.verdict not in ("positive", "negative"):
                continue
            found.append(Signal(
                kind="strength" if judged.verdict == "positive" else "area_for_development", theme=FEEDBACK_THEME,
                source=self.key, on=max(r.completed_on for r, _ in pairs), team=teams[team], text=judged.basis,
                url=reverse("audits:report")))
        return found
