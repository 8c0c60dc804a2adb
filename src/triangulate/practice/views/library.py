"""The good practice library (design §1.5, §8, §9.1; issue 11: "exemplars and innovative practice, searchable by
theme and team, shareable across teams").

The library is council-wide, not team-scoped: every reader (VIEW_LIBRARY) finds the published items, by theme,
team and words. Items are looked up through services.library.visible_items (404 for a proposal or a withdrawn
item the reader may not see), then the permission is asked (403). The QA lead and the principal social worker
(MANAGE_LIBRARY) also see proposals and withdrawn items, edit, publish and withdraw. A proposal starts from an
observation entry the proposer may read (observations_visible_to, 404) and may propose from (403).

The words searched for are the reader's own and sit in the address (a search can be bookmarked and shared); they
are matched with `icontains` on title and text, each word in one or the other. No page shows an entry's child id
(decision 16): it is never copied to an item, and the proposal page shows the entry's text only."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse

from triangulate.core.concurrency import version_of
from triangulate.core.filters import Filters, Select
from triangulate.core.formatting import counted
from triangulate.core.models import Theme
from triangulate.core.views.decorators import requires
from triangulate.core.views.forms import service_action, service_form
from triangulate.people.models import Team

from ..forms_library import LibraryItemEditForm, LibraryItemForm
from ..models import LibraryItem, ObservationEntry
from ..rules import Perm
from ..selectors import observations_visible_to
from ..services import library as services

EDIT = ("GET", "HEAD", "POST")
PER_PAGE = 20
WORDS_MAX = 100  # a search longer than this is cut: it is a search, not a document


def search(items, *, words="", theme="", team="", status=""):
    """`items` cut to a theme (pk), a team (pk) and a status, and to those holding every word of `words` in their
    title or text (case-insensitive). A value that is not a choice (a stale bookmark) cuts nothing."""
    if theme.isdigit():
        items = items.filter(theme_id=int(theme))
    if team.isdigit():
        items = items.filter(from_team_id=int(team))
    if status in LibraryItem.Status.values:
        items = items.filter(status=status)
    for word in words.split():
        items = items.filter(Q(title__icontains=word) | Q(text__icontains=word))
    return items


@requires(Perm.VIEW_LIBRARY)
def library(request):
    manager = request.user.has_perm(Perm.MANAGE_LIBRARY)
    visible = services.visible_items(request.user)
    words = " ".join(request.GET.get("q", "").split())[:WORDS_MAX]
    chosen = {name: request.GET.get(name, "") for name in ("theme", "team", "status")}
    themes = Theme.objects.filter(pk__in=visible.values("theme_id")).order_by("order", "name")
    teams = Team.objects.filter(pk__in=visible.values("from_team_id")).order_by("name")
    selects = [Select("theme", "Theme", (("", "All themes"), *((str(t.pk), t.name) for t in themes)),
                      chosen["theme"]),
               Select("team", "Team", (("", "All teams"), *((str(t.pk), t.name) for t in teams)), chosen["team"])]
    if manager:
        selects.append(Select("status", "Status", (("", "Every status"), *LibraryItem.Status.choices),
                              chosen["status"]))
    else:
        chosen["status"] = ""  # a reader's list is what they may see; the filter is the managers'
    filters = Filters(selects=tuple(selects))
    # newest published first, then proposals and never-published withdrawals, newest proposed first (the same on
    # PostgreSQL, which puts nulls first in a descending order, and SQLite)
    found = search(visible, words=words, **chosen).select_related("event").order_by(
        F("published_at").desc(nulls_last=True), F("proposed_at").desc(nulls_last=True), "-pk")
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    searching = bool(words) or filters.filtering
    kept = {key: value for key, value in request.GET.items() if key not in filters.cleared | {"q"}}
    return render(request, "practice/library/library.html", {
        "title": "Good practice library",
        "filters": filters,
        "words": words,
        "searching": searching,
        "page": page,
        "found": counted(page.paginator.count, "item"),
        "manager": manager,
        "clear_query": kept,
    })


def _item(request, pk):
    item = get_object_or_404(services.visible_items(request.user).select_related(
        "event", "source_entry", "proposed_by", "published_by"), pk=pk)
    if not request.user.has_perm(Perm.VIEW_LIBRARY, item):
        raise PermissionDenied(Perm.VIEW_LIBRARY)
    return item


def _managed(request, pk):
    item = get_object_or_404(LibraryItem, pk=pk)
    if not request.user.has_perm(Perm.MANAGE_LIBRARY, item):
        raise PermissionDenied(Perm.MANAGE_LIBRARY)
    return item


@requires(Perm.VIEW_LIBRARY)
def library_item(request, pk):
    item = _item(request, pk)
    manager = request.user.has_perm(Perm.MANAGE_LIBRARY, item)
    return render(request, "practice/library/item.html", {
        "title": item.title,
        "item": item,
        "manager": manager,
        "possible_name": services.possible_name(item) if manager else None,
        # the text it was copied from, for the manager checking the copy is anonymised (never its child id)
        "source_text": (services.without_child_ref(item.source_entry.text, item.source_entry.child_ref)
                        if manager and item.source_entry else None),
        "event_url": reverse("practice:event_detail", args=[item.event_id]) if item.event_id else None,
        "back_url": reverse("practice:library"),
    })


def _values(form):
    data = form.cleaned_data
    return {"title": data["title"], "text": data["text"], "kind": data["kind"], "theme": data["theme"]}


@requires(Perm.MANAGE_LIBRARY, methods=EDIT)
def library_item_edit(request, pk):
    item = _managed(request, pk)
    form = LibraryItemEditForm(request.POST or None, initial={
        "title": item.title, "text": item.text, "kind": item.kind, "theme": item.theme,
        "no_names_checked": item.no_names_checked, "version": item.version})

    def save(form):
        return services.edit_item(actor=request.user, item=item, expected_version=version_of(form),
                                  no_names_checked=form.cleaned_data["no_names_checked"], **_values(form))

    return service_form(
        request, form, save=save, template="practice/library/item_form.html",
        success_message="Library item saved", success_url=reverse("practice:library_item", args=[item.pk]),
        context={"title": "Change a library item", "caption": item.get_status_display(),
                 "possible_name": services.possible_name(item),
                 "back_url": reverse("practice:library_item", args=[item.pk]), "back_text": "Back to the item",
                 "submit_text": "Save item"})


@requires(Perm.PROPOSE_LIBRARY_ITEM, methods=EDIT)
def library_propose(request, entry_pk):
    entry = get_object_or_404(
        ObservationEntry.objects.filter(observation__in=observations_visible_to(request.user))
        .select_related("observation__event", "observation__team", "theme", "heading"), pk=entry_pk)
    if not request.user.has_perm(Perm.PROPOSE_LIBRARY_ITEM, entry):
        raise PermissionDenied(Perm.PROPOSE_LIBRARY_ITEM)
    refusal = services.proposable(entry)
    entry_text = services.without_child_ref(entry.text, entry.child_ref)
    form = LibraryItemForm(request.POST or None, initial={
        "text": entry_text, "kind": services.KIND_FOR_ENTRY.get(entry.kind), "theme": entry.theme})

    def save(form):
        return services.propose_item(actor=request.user, entry=entry, **_values(form))

    event = entry.observation.event
    return service_form(
        request, form, save=save, template="practice/library/propose.html",
        success_message="Proposed for the good practice library: the QA lead or the principal social worker "
                        "checks it for names before it is published",
        success_url=lambda item: reverse("practice:library_item", args=[item.pk]),
        context={"title": "Propose for the good practice library", "caption": event.title, "entry": entry,
                 "entry_text": entry_text,
                 "refusal": refusal,
                 "back_url": reverse("practice:analysis", args=[event.pk]) or reverse("practice:library"),
                 "back_text": "Back", "submit_text": "Propose for the library"})


@requires(Perm.MANAGE_LIBRARY, methods=("POST",))
def library_publish(request, pk):
    item = _managed(request, pk)
    checked = request.POST.get("no_names_checked") == "1"
    return service_action(
        request, lambda: services.publish_item(actor=request.user, item=item, no_names_checked=checked),
        success_message="Published: every reader of the library can now find it",
        redirect_to=reverse("practice:library_item", args=[item.pk]))


@requires(Perm.MANAGE_LIBRARY, methods=("POST",))
def library_withdraw(request, pk):
    item = _managed(request, pk)
    reason = request.POST.get("reason", "")
    return service_action(
        request, lambda: services.withdraw_item(actor=request.user, item=item, reason=reason),
        success_message="Withdrawn from the library: readers no longer see it",
        redirect_to=reverse("practice:library_item", args=[item.pk]))


urlpatterns = [
    path("library/", library, name="library"),
    path("library/<int:pk>/", library_item, name="library_item"),
    path("library/<int:pk>/edit/", library_item_edit, name="library_item_edit"),
    path("library/propose/<int:entry_pk>/", library_propose, name="library_propose"),
    path("library/<int:pk>/publish/", library_publish, name="library_publish"),
    path("library/<int:pk>/withdraw/", library_withdraw, name="library_withdraw"),
]
