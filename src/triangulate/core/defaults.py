"""The default practice themes, installed by migration 0002 (and by `seed_an_empty_database` whenever the
themes table is empty after migrating or flushing) and restored one by one by `ensure_default_themes`."""

from django.utils.text import slugify

DEFAULT_THEMES = [
    ("Voice of the child", "Children are seen, heard and understood; their wishes and feelings shape the plan."),
    ("Management oversight and supervision", "Managers' decisions and reflective supervision are recorded and make a difference."),
    ("Assessment quality", "Assessments analyse history, risk and strengths, and say what life is like for the child."),
    ("Planning (SMART)", "Plans are specific, measurable, achievable, realistic and timed, and families understand them."),
    ("Visits and direct work", "Children are visited within timescales, seen alone when right, and direct work is purposeful."),
    ("Multi-agency working", "Partners share information, attend meetings and carry out their parts of the plan."),
    ("Recording", "Records are up to date, written for the child, and chronologies and summaries are current."),
    ("Timeliness", "Decisions, assessments, conferences and reviews happen within statutory timescales."),
    ("Workforce and caseloads", "Caseloads are manageable, the workforce is stable, and staff are trained and supported."),
    ("Leadership", "Leaders know their services well and act on what they find."),
    ("Parent and carer experience", "Parents and carers are treated with respect, understand the worries and are helped to change."),
    ("Outcomes", "Children's circumstances improve because of the help they receive."),
]


def install_default_themes(theme_model, using="default"):
    """Create the default themes that are missing, in their order (the migration's rows, and the seed's)."""
    for i, (name, description) in enumerate(DEFAULT_THEMES, start=1):
        theme_model.objects.using(using).get_or_create(
            slug=slugify(name), defaults={"name": name, "description": description, "order": i * 10})


def seed_an_empty_database(sender, apps=None, using="default", **kwargs):
    """post_migrate: an empty themes table gets the defaults. Migration 0002 installs them once; a database
    flushed since (Django's flush re-runs post_migrate, as for content types and permissions, and the
    tests flush after each transactional test) gets them back, so no page depends on which test ran first.
    A council's own edits are never touched: the table is seeded only when it has no theme at all."""
    if apps is None:  # flush sends no migration state: the models as they are
        from django.apps import apps
    try:
        theme = apps.get_model("core", "Theme")
    except LookupError:  # migrated back before the themes table
        return
    if not theme.objects.using(using).exists():
        install_default_themes(theme, using)
