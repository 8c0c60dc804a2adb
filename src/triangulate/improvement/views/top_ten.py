"""The top 10 strengths and areas for development (design §5): the ranking computed from every source's signals
beside the council's own saved lists, which the lead saves from the ranking and then edits."""

from django import forms
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone

from triangulate.core.concurrency import VERSION, VersionField
from triangulate.core.forms import GovukForm
from triangulate.core.selectors import active_themes
from triangulate.core.views.decorators import requires
from triangulate.core.views.forms import service_action, service_form
from triangulate.people.selectors import the_council

from .. import ranking
from ..evidence.gather import council_signals, theme_order
from ..evidence.registry import providers
from ..models import TopTen
from ..rules import KnowPerm
from ..top_ten import latest_top_ten, save_top_ten

KINDS = {"strength": "Top 10 strengths", "area_for_development": "Top 10 areas for development"}
EVIDENCE_KEPT = 5  # the newest signals kept with a saved item


def computed(council, today):
    themes = {t.slug: t for t in active_themes()}
    ranked = ranking.rank(council_signals(council, today), today, theme_order=theme_order())
    return {kind: [(r, themes.get(r.theme)) for r in items if r.theme in themes] for kind, items in ranked.items()}


def evidence_of(ranked):
    titles = {p.key: p.title for p in providers()}
    return [{"source": titles.get(s.source, s.source), "title": s.text, "url": s.url, "on": s.on.isoformat()}
            for s in ranked.signals[:EVIDENCE_KEPT]]


@requires(KnowPerm.VIEW_EVIDENCE)
def top_ten(request):
    council, today = the_council(), timezone.localdate()
    lists = computed(council, today)
    return render(request, "improvement/top_ten/top_ten.html", {
        "title": "Top 10 strengths and areas for development", "today": today, "kinds": KINDS,
        "computed": lists, "saved": {kind: latest_top_ten(council, kind) for kind in KINDS},
        "can_edit": request.user.has_perm(KnowPerm.EDIT_TOP_TEN)})


def _kind_or_404(kind):
    if kind not in KINDS:
        raise Http404("No such list")
    return kind


@requires(KnowPerm.EDIT_TOP_TEN, methods=("POST",))
def top_ten_save(request, kind):
    """"Save as our top 10": the computed list as it stands today becomes the council's (a new list, or the same
    day's list replaced)."""
    _kind_or_404(kind)
    council, today = the_council(), timezone.localdate()
    items = [{"theme": theme, "title": theme.name, "text": "", "evidence": evidence_of(r)}
             for r, theme in computed(council, today)[kind]]
    if not items:
        from django.contrib import messages

        messages.error(request, "There is nothing to save yet: no source has evidence of this kind.")
        return redirect("improvement:top_ten")
    current = TopTen.objects.filter(council=council, kind=kind, ranked_on=today).first()
    return service_action(
        request, lambda: save_top_ten(actor=request.user, council=council, kind=kind, ranked_on=today, items=items,
                                      expected_version=current.version if current else None),
        success_message=f"{KINDS[kind]} saved as the council's", redirect_to=reverse("improvement:top_ten"))


class TopTenForm(GovukForm):
    """The saved list's items (order, title, text, remove) and one item to add (theme, title, reason)."""

    version = VersionField()

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for n, item in enumerate(self.items, start=1):
            self.fields[f"order_{n}"] = forms.IntegerField(label=f"Position of item {n}", min_value=1, max_value=99,
                                                           initial=n)
            self.fields[f"title_{n}"] = forms.CharField(label=f"Title of item {n}", max_length=200,
                                                        initial=item.title)
            self.fields[f"text_{n}"] = forms.CharField(label=f"What it means, item {n}", required=False,
                                                       widget=forms.Textarea(attrs={"rows": 2}), initial=item.text)
            self.fields[f"remove_{n}"] = forms.BooleanField(label=f"Take item {n} off the list", required=False)
        self.fields["add_theme"] = forms.ModelChoiceField(label="Theme", queryset=active_themes(), required=False)
        self.fields["add_title"] = forms.CharField(label="Title", max_length=200, required=False)
        self.fields["add_reason"] = forms.CharField(label="Why it belongs on the list", max_length=300,
                                                    required=False)

    def clean(self):
        data = super().clean()
        adding = [data.get(name) for name in ("add_theme", "add_title", "add_reason")]
        if any(adding) and not all(adding):
            raise forms.ValidationError("To add an item, give its theme, its title and why it belongs on the list.")
        return data

    def ordered_items(self):
        data = self.cleaned_data
        kept = [(data[f"order_{n}"], n, {"theme": item.theme, "title": data[f"title_{n}"], "text": data[f"text_{n}"],
                                         "evidence": item.evidence, "added_reason": item.added_reason})
                for n, item in enumerate(self.items, start=1) if not data.get(f"remove_{n}")]
        out = [item for _, _, item in sorted(kept, key=lambda k: (k[0], k[1]))]
        if data.get("add_theme"):
            out.append({"theme": data["add_theme"], "title": data["add_title"], "text": "", "evidence": [],
                        "added_reason": data["add_reason"]})
        return out


@requires(KnowPerm.EDIT_TOP_TEN, methods=("GET", "POST"))
def top_ten_edit(request, kind):
    _kind_or_404(kind)
    council = the_council()
    saved = latest_top_ten(council, kind)
    if saved is None:
        raise Http404("No saved list yet")
    form = TopTenForm(request.POST or None, items=saved.items.select_related("theme"),
                      initial={VERSION: saved.version})
    return service_form(
        request, form,
        save=lambda form: save_top_ten(actor=request.user, council=council, kind=kind, ranked_on=saved.ranked_on,
                                       items=form.ordered_items(), expected_version=form.cleaned_data.get(VERSION)),
        success_message=f"{KINDS[kind]} saved", success_url=reverse("improvement:top_ten"),
        stored_values=lambda top: {f"{name}_{n}": getattr(item, name) if name != "order" else n
                                   for n, item in enumerate(top.items.all(), start=1)
                                   for name in ("order", "title", "text")},
        context={"title": f"Edit the council's {KINDS[kind][0].lower()}{KINDS[kind][1:]}",
                 "intro": "Change an item's position, title or words, take it off, or add one the ranking did not "
                          "find (say why: the list shows it).", "submit_text": "Save the list",
                 "back_url": reverse("improvement:top_ten"), "back_text": "Back to the top 10"})


urlpatterns = [
    path("evidence/top-10/", top_ten, name="top_ten"),
    path("evidence/top-10/<slug:kind>/save/", top_ten_save, name="top_ten_save"),
    path("evidence/top-10/<slug:kind>/edit/", top_ten_edit, name="top_ten_edit"),
]
