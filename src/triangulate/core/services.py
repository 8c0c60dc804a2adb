"""Writes to core records. Each is a public service (core/authority.py): it names its actor, checks its
permission, runs in its own transaction and records an AuditEvent."""

from django.utils.text import slugify

from . import audit
from .authority import service
from .defaults import DEFAULT_THEMES
from .models import Theme
from .rules import Perm
from .verbs import Verb

THEME_FIELDS = ("name", "description", "order", "is_active")


@service(Perm.MANAGE_THEMES)
def create_theme(*, actor, name, description="", order=None):
    if order is None:
        last = Theme.objects.order_by("-order").values_list("order", flat=True).first()
        order = (last or 0) + 10
    theme = Theme.objects.create(name=name, slug=slugify(name)[:100], description=description, order=order)
    audit.record(actor, Verb.THEME_CREATED, theme, name=name, order=order)
    return theme


@service(Perm.MANAGE_THEMES)
def update_theme(*, actor, theme, expected_version=None, **fields):
    return audit.update_recorded(actor, theme, fields=THEME_FIELDS, verb=Verb.THEME_UPDATED, values=fields,
                                 expected_version=expected_version)


@service(Perm.MANAGE_THEMES)
def ensure_default_themes(*, actor):
    """Add any default theme that is missing (by slug); leave existing themes as they are."""
    added = []
    for i, (name, description) in enumerate(DEFAULT_THEMES, start=1):
        if not Theme.objects.filter(slug=slugify(name)).exists():
            theme = Theme.objects.create(name=name, slug=slugify(name), description=description, order=i * 10)
            audit.record(actor, Verb.THEME_CREATED, theme, name=name, order=theme.order)
            added.append(theme)
    return added
