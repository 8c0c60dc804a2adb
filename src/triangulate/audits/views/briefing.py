"""The 7-minute briefing (design §6): its text edited by a QA lead or PSW (round_briefing, EDIT_BRIEFING), and the
one-page PDF (round_briefing_pdf, optionally ?team=), which is always under disclosure control (decision 16):
it is passed round teams, so whoever prints it gets the elected members' view of the figures."""

from django import forms
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone

from triangulate.core.concurrency import VERSION, VersionField, current_version, submitted_values, version_of
from triangulate.core.forms import GovukForm
from triangulate.core.views.decorators import requires
from triangulate.core.views.forms import service_form

from ..models import AuditRound, FamilyFeedback, RoundBriefing
from ..presenters import Audience
from ..rules import Perm
from ..services import briefing as services
from ..services import figures, report_records
from .reports import build_report, chosen_filters, pdf_response, question_labels

EDIT = ("GET", "HEAD", "POST")
QUOTES = 2


class BriefingForm(GovukForm):
    version = VersionField()
    working_well = forms.CharField(label="Box 4: What is working well", widget=forms.Textarea, required=False,
                                   max_length=5000)
    needs_to_improve = forms.CharField(label="Box 5: What needs to improve", widget=forms.Textarea, required=False,
                                       max_length=5000)
    doing_about_it = forms.CharField(label="Box 7: What happens next", widget=forms.Textarea, required=False,
                                     max_length=5000)
    questions_for_teams = forms.CharField(label="Box 7: Questions for your team", widget=forms.Textarea,
                                          required=False, max_length=5000)


def _prefilled(request, round):
    audits = report_records.cohort(round=round)
    f = figures.compute(report_records.load(audits, request.user), today=timezone.localdate())
    return services.prefill(f, question_labels(list(f.r8_by_question) + list(f.r9_yes_no)))


@requires(Perm.EDIT_BRIEFING, methods=EDIT)
def round_briefing(request, pk):
    round = get_object_or_404(AuditRound, pk=pk)
    briefing = RoundBriefing.objects.filter(round=round).first()
    if briefing is None:
        initial = _prefilled(request, round)
    else:
        initial = {name: getattr(briefing, name) for name in services.BOXES}
    form = BriefingForm(request.POST or None, initial={**initial, VERSION: current_version(briefing)})
    return service_form(
        request, form,
        save=lambda form: services.save_briefing(actor=request.user, round=round, expected_version=version_of(form),
                                                 **submitted_values(form, list(services.BOXES))),
        success_message="Briefing saved", success_url=reverse("audits:round_report", args=[round.pk]),
        context={"title": "Edit the 7-minute briefing", "caption": round.name,
                 "intro": "The briefing is one page. Its figures are added when it is printed, under disclosure "
                          "control; the text below fills boxes 4, 5 and 7.",
                 "back_url": reverse("audits:round_report", args=[round.pk]), "back_text": "Back to the report",
                 "submit_text": "Save the briefing"})


def featured_quotes(audits):
    """At most two families' words chosen for the briefing, each given with consent (decision 13)."""
    quotes = []
    for family in FamilyFeedback.objects.filter(audit__in=audits, featured=True, consent=True,
                                                outcome=FamilyFeedback.Outcome.REACHED).order_by("audit__completed_on",
                                                                                                 "pk"):
        text = family.what_went_well or family.what_could_be_better
        if text:
            quotes.append(text)
    return quotes[:QUOTES]


def by_id(summary):
    """The first shown figure of each id (R14's "partly" comes second, as partly)."""
    shown = {}
    for s in summary:
        shown.setdefault(s.id if s.id not in shown else s.id + "b", s)
    return shown


def previous_round(round):
    return (AuditRound.objects.exclude(kind=AuditRound.Kind.IMPORTED).exclude(pk=round.pk)
            .filter(audits_due__lt=round.audits_due).order_by("-audits_due", "-pk").first())


@requires(Perm.VIEW_REPORTS)
def round_briefing_pdf(request, pk):
    round = get_object_or_404(AuditRound, pk=pk)
    chosen = chosen_filters(request.GET, round=round)
    audience = Audience.briefing()
    context = build_report(request, chosen, audience)
    before = previous_round(round)
    last_good = None
    if before is not None:
        last_good = build_report(request, {**chosen, "round": before}, audience)["view"]["summary"]
        last_good = by_id(last_good)["R5"]
    briefing = RoundBriefing.objects.filter(round=round).first()
    context.update(
        round=round, last_round=before, last_good=last_good, briefing=briefing or _prefilled(request, round),
        # Featured quotes are chosen, with consent, for teams to read; elected members never see families'
        # words (§6 "quotes … are never shown to these readers", §8), so their briefing has the figures only.
        quotes=featured_quotes(context["audits"]) if Audience.for_user(request.user).may_read_words else None,
        fig=by_id(context["view"]["summary"]),
        teams=[rt.team.name for rt in round.teams.select_related("team").order_by("team__name")],
        case_types=", ".join(dict.fromkeys(a.get_case_type_display() for a in context["audits"].exclude(
            state="withdrawn") if a.case_type)),
    )
    return pdf_response(request, "audits/reports/briefing_print.html", context,
                        title=f"7-minute briefing: {round.name}", filename=f"round-{round.pk}-briefing")


urlpatterns = [
    path("rounds/<int:pk>/briefing/", round_briefing, name="round_briefing"),
    path("rounds/<int:pk>/briefing.pdf", round_briefing_pdf, name="round_briefing_pdf"),
]
