"""The demo's council plan and self-assessments (docs/design/improvement.md §10, S6), replayed from
synth/improvement_data.py through the plans and assessment services as the demo accounts: the plan year's ten
priorities with their dated progress, the practice week's and a few audits' actions linked to the priorities on
their themes, service plans made from it, last year's self-assessment published with an external reviewer's view,
and this year's draft begun from it. Called by synth/improvement.py inside its transaction."""

from datetime import date, timedelta

from triangulate.improvement import assessment, plans
from triangulate.improvement.models import Action, PriorityUpdate, SelfAssessment

from .audit_conduct import at
from .improvement_data import LAST_YEAR, PRIORITIES, REVIEWER, SUMMARY, THIS_YEAR_GRADES

LINKED_ACTIONS = 12  # open audit and practice actions linked to the priorities on their themes


def teams_for(parts, cast, council):
    """The teams the story's parts name: front_door, strong, drifting, mismatched, strained."""
    names = set()
    for part in parts:
        if part == "front_door":
            names |= set(council.teams.filter(team_type="front_door").values_list("name", flat=True))
        elif part == "strained":
            names |= {n for n in cast.strained_teams if n.startswith("Safeguarding")}
        else:
            names.add(getattr(cast, f"{part}_team"))
    return list(council.teams.filter(name__in=names))


def add_plan(council, users, cast, year_start, today, counts):
    director, qa = users["demo.director"], users["demo.qalead"]
    year = year_start.year
    plan = plans.create_plan.step(
        actor=director, council=council, title=f"Improvement plan {year}/{(year + 1) % 100:02d}", level="council",
        owner=director, starts_on=year_start, ends_on=date(year + 1, 3, 31))
    plan = plans.edit_plan.step(actor=director, plan=plan, title=plan.title, owner=director, starts_on=plan.starts_on,
                                ends_on=plan.ends_on, status="live", expected_version=plan.version)
    themes = {t.slug: t for t in council_themes()}
    priorities = []
    for spec in PRIORITIES:
        priority = plans.add_priority.step(
            actor=director, plan=plan, title=spec.title, owner=users[spec.owner],
            themes=[themes[s] for s in spec.themes], teams=teams_for(spec.team_parts, cast, council),
            kpi_ids=list(spec.kpi_ids), target=spec.target)
        for progress, offset, impact, next_steps in spec.updates:
            on = year_start + timedelta(days=offset)
            if on > today:
                continue
            priority.refresh_from_db()
            update = plans.record_progress.step(
                actor=users[spec.owner], priority=priority, progress=progress, on=on, evidence_of_impact=impact,
                whats_next=next_steps, expected_version=priority.version)
            PriorityUpdate.objects.filter(pk=update.pk).update(recorded_at=at(on))
            counts["priority updates"] += 1
        priorities.append(priority)
    counts["priorities"] = len(priorities)
    _link_actions(priorities, qa, counts)
    children = plans.make_child_plans.step(actor=director, plan=plan)
    counts["service plans"] = len(children)
    return plan, priorities


def council_themes():
    from triangulate.core.models import Theme

    return Theme.objects.all()


def _link_actions(priorities, qa, counts):
    """The open actions of the practice week and the audits, newest first, linked to the first priority on their
    theme: the plan's actions are the QA activities' own."""
    by_theme = {}
    for priority in priorities:
        for theme in priority.themes.all():
            by_theme.setdefault(theme.pk, priority)
    actions = (Action.objects.filter(status__in=Action.OPEN_STATUSES, theme_id__in=by_theme,
                                     plan_priority__isnull=True)
               .exclude(finding__isnull=True).order_by("-created_at", "-pk")[:LINKED_ACTIONS])
    for action in actions:
        plans.link_action.step(actor=qa, action=action, priority=by_theme[action.theme_id],
                               expected_version=action.version)
        counts["actions linked"] += 1


def add_assessments(council, users, priorities, year_start, today, counts):
    """Last year's self-assessment, judged, published and reviewed; this year's draft begun from it."""
    qa = users["demo.qalead"]
    last = assessment.create_assessment.step(actor=qa, council=council, year=year_start.year - 1)
    last = assessment.edit_assessment.step(actor=qa, assessment=last, summary=SUMMARY, expected_version=last.version)
    grades = {g.value: g for g in last.scale.grades.all()}
    judgements = list(last.judgements.order_by("number"))
    for judgement, (ours, _theirs, know, how, doing) in zip(judgements, LAST_YEAR, strict=False):
        assessment.edit_judgement.step(actor=qa, judgement=judgement, grade=grades[ours], what_we_know=know,
                                       how_we_know=how, what_we_are_doing=doing, expected_version=judgement.version)
    last.refresh_from_db()
    last = assessment.publish_assessment.step(actor=qa, assessment=last, expected_version=last.version)
    reviewed = min(today, year_start - timedelta(days=45))
    assessment.record_external_view.step(
        actor=qa, assessment=last, reviewer_name=REVIEWER[0], reviewer_organisation=REVIEWER[1], reviewed_on=reviewed,
        domains={j: (grades[row[1]], "") for j, row in zip(judgements, LAST_YEAR, strict=False)},
        expected_version=last.version)
    SelfAssessment.objects.filter(pk=last.pk).update(published_at=at(year_start - timedelta(days=60)))
    draft = assessment.start_next_year.step(actor=qa, assessment=last)
    for judgement, value in zip(draft.judgements.order_by("number"), THIS_YEAR_GRADES, strict=False):
        # the domain cites the priorities on its themes
        own = [p for p in priorities if set(p.themes.values_list("pk", flat=True))
               & set(judgement.themes.values_list("pk", flat=True))]
        assessment.edit_judgement.step(actor=qa, judgement=judgement, grade=grades[value], priorities=own,
                                       expected_version=judgement.version)
    counts["self-assessments"] = 2
    return last, draft
