"""The Jinja2 environment for every page.

govuk-frontend-jinja's templates import each other as "govuk_frontend_jinja/...",
so its loader sits under that prefix, and its macros read missing parameters,
so undefined values must chain quietly (ChainableUndefined).
"""

from django.conf import settings
from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, PackageLoader, PrefixLoader

from triangulate.core import formatting
from triangulate.core.forms import widget_kind


def url(name, *args, **kwargs):
    return reverse(name, args=args or None, kwargs=kwargs or None)


def environment(**options):
    app_loader = options.pop("loader")
    options["loader"] = ChoiceLoader(
        [app_loader, PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")})]
    )
    options["undefined"] = ChainableUndefined
    options.setdefault("autoescape", True)
    env = Environment(**options)
    env.globals.update(
        {
            "static": static,
            "url": url,
            "get_messages": get_messages,
            "assetPath": settings.STATIC_URL.rstrip("/"),
            "settings_triangulate": settings.TRIANGULATE,
            "widget_kind": widget_kind,
        }
    )
    env.filters.update(
        {
            "date_uk": formatting.date_uk,
            "datetime_uk": formatting.datetime_uk,
            "month_uk": formatting.month_uk,
            "number": formatting.number,
            "suppress": formatting.suppress_small,
        }
    )
    return env
