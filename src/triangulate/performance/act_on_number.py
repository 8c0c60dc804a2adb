"""Acting on a number: "Record a finding" and "Add an action" from a measure (and a team), so performance
evidence enters the shared findings and actions already pointing at the measure, team and theme.

The links go to improvement's own create pages with the choice in the address (?kpi=&team=&theme=), which
fill the form in (improvement/views/findings.prefill) and check it all again: nothing here can put a measure,
team or theme the reader may not use onto a record. The template is performance/_act_on_number.html.

improvement cannot read the KPI catalogue (it sits below kpis in docs/architecture.md), so this module is
also what performance registers with improvement.kpi_links: the measures' titles, their pages and the
theme each section usually falls under.
"""

from functools import lru_cache
from urllib.parse import urlencode

from django.urls import reverse

from triangulate.improvement.kpi_links import Catalogue
from triangulate.improvement.rules import Perm as ImprovementPerm
from triangulate.kpis.registry import all_kpis

# The practice theme (core/defaults.py, by slug) a finding about a section's measures usually falls under,
# offered as the form's starting choice; the person recording it can change it.
SECTION_THEMES = {
    "Front door": "multi-agency-working",  # contacts and referrals come from partners
    "Assessments": "timeliness",
    "Section 47 and ICPC": "timeliness",
    "Children in need": "planning-smart",
    "Child protection": "visits-and-direct-work",
    "Children in care": "visits-and-direct-work",
    "Care leavers": "outcomes",
    "Adoption": "timeliness",
    "Caseloads": "workforce-and-caseloads",
}
# Measures whose own theme is not their section's: whether the child was seen (alone) is the child's voice.
MEASURE_THEMES = {
    "cp_seen_alone_pct": "voice-of-the-child",
    "assessments_child_seen_pct": "voice-of-the-child",
}


@lru_cache(maxsize=1)
def measures():
    """{kpi id: (section, title)} in the catalogue's order (the catalogue is fixed once the code is loaded)."""
    return {kpi_id: (spec.section, spec.title) for kpi_id, spec in all_kpis().items()}


def kpi_url(kpi_id):
    return reverse("performance:kpi_detail", args=[kpi_id])


def theme_for(kpi_id):
    if kpi_id in MEASURE_THEMES:
        return MEASURE_THEMES[kpi_id]
    section = measures().get(kpi_id, ("", ""))[0]
    return SECTION_THEMES.get(section, "")


def catalogue():
    """What performance/apps.py registers with improvement.kpi_links."""
    return Catalogue(measures=measures, url=kpi_url, theme=theme_for)


def permissions(user):
    """What the reader may start from a number: {"finding": bool, "action": bool}. A view passes it to the
    template once; the links are left out for anyone without improvement's permissions (elected members,
    practitioners, inspectors)."""
    return {"finding": user.has_perm(ImprovementPerm.ADD_FINDING),
            "action": user.has_perm(ImprovementPerm.ADD_ACTION)}


def links(allowed, spec, team=None):
    """{"finding": url or None, "action": url or None, "about": words} for one measure (and team), or None
    when the reader may do neither. `team` is a people.Team (its pk goes in the address) or None."""
    if not (allowed["finding"] or allowed["action"]):
        return None
    query = {"kpi": spec.id}
    if team is not None:
        query["team"] = team.pk
    theme = theme_for(spec.id)
    if theme:
        query["theme"] = theme
    query = urlencode(query)
    return {
        "finding": f"{reverse('improvement:finding_create')}?{query}" if allowed["finding"] else None,
        "action": f"{reverse('improvement:action_create')}?{query}" if allowed["action"] else None,
        "about": f"{spec.title}, {team.name}" if team is not None else spec.title,
    }
