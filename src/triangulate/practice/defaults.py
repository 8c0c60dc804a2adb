"""The four headings of seed 000 (design §2), installed for every council by migration 0002 and restored by
`ensure_default_headings(council)` (the demo and the tests call it).

Headings stay broad for the report; the themes offered first under each make the entries countable — the answer
to seed 000's lesson that "the headings were too broad". Theme slugs are core's (core/defaults.py)."""

from dataclasses import dataclass

GUIDANCE = "Write one point per entry. Choose the narrowest theme that fits."
ALL_THEMES = None  # a heading offering every active theme first


@dataclass(frozen=True)
class DefaultHeading:
    number: int
    title: str
    mode: str
    themes: tuple | None  # theme slugs, or ALL_THEMES
    prompts: tuple


DEFAULT_HEADINGS = (
    DefaultHeading(1, "Leadership", "strengths_and_development",
                   ("leadership", "management-oversight-and-supervision", "workforce-and-caseloads"),
                   ("How visible and accessible are managers?",
                    "How often are staff supervised, and is it reflective?",
                    "How are caseloads managed?",
                    "What is morale like?")),
    DefaultHeading(2, "The voice of the child", "strengths_and_development",
                   ("voice-of-the-child", "visits-and-direct-work", "recording"),
                   ("Is the child at the centre of the discussion?",
                    "How are the child's views gathered and recorded?",
                    "Does the child's view change the plan?")),
    DefaultHeading(3, "The parent/carer experience", "strengths_and_development",
                   ("parent-and-carer-experience", "planning-smart", "multi-agency-working"),
                   ("Are parents and carers part of the plan?",
                    "Is the language respectful and clear?",
                    "Do families know what will happen next?")),
    DefaultHeading(4, "Good or innovative practice", "examples", ALL_THEMES,
                   ("What would you want every team to copy?",)),
)


def install_default_headings(council, heading_model, theme_model):
    """Give `council` each default heading it lacks (matched by title, ignoring case), and make an inactive one
    active again. A heading the council has is otherwise left exactly as it is, edits and all. A default's
    number is kept when free, else it goes after the council's last. Works with real or historical models (the
    migration's); returns the headings created."""
    existing = {h.title.casefold(): h for h in heading_model.objects.filter(council=council)}
    themes = {theme.slug: theme for theme in theme_model.objects.all()}
    created = []
    for spec in DEFAULT_HEADINGS:
        heading = existing.get(spec.title.casefold())
        if heading is not None:
            if not heading.is_active:
                heading.is_active = True
                heading.save(update_fields=["is_active"])
            continue
        numbers = set(heading_model.objects.filter(council=council).values_list("number", flat=True))
        number = spec.number if spec.number not in numbers else max(numbers) + 1
        heading = heading_model.objects.create(council=council, number=number, title=spec.title, mode=spec.mode,
                                               guidance=GUIDANCE, prompts="\n".join(spec.prompts))
        if spec.themes is ALL_THEMES:
            offered = [theme for theme in themes.values() if theme.is_active]
        else:
            missing = [slug for slug in spec.themes if slug not in themes]
            if missing:
                raise LookupError(f"the default themes {missing} are missing: run core's migrations first")
            offered = [themes[slug] for slug in spec.themes]
        heading.themes.set(offered)
        created.append(heading)
    return created


def ensure_default_headings(council):
    """Restore the default headings for `council` (idempotent); returns those created."""
    from triangulate.core.models import Theme

    from .models import HeadingTemplate

    return install_default_headings(council, HeadingTemplate, Theme)
