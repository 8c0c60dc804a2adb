"""The token pages (docs/design/estate.md §4): the list, issuing (the secret shown once, on the response to the
POST that made it: it is in no redirect, session, message or log), revoking (a confirmation page, then POST), the
call log and the help page. The system administrator issues and revokes; the QA lead reads the list and the log."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse

from triangulate.core.views.common import attach_errors
from triangulate.core.views.decorators import requires

from .. import services
from ..forms import IssueForm
from ..models import FeedCall, FeedToken
from ..rules import Perm
from .endpoints import ENDPOINT_NAMES, RATE_LIMIT

CALLS_PER_PAGE = 100


@requires(Perm.VIEW_TOKENS)
def token_list(request):
    tokens = FeedToken.objects.select_related("created_by", "revoked_by").prefetch_related("teams")
    return render(request, "feed/token_list.html", {
        "title": "Data feed tokens", "tokens": tokens, "can_manage": request.user.has_perm(Perm.MANAGE_TOKENS)})


@requires(Perm.MANAGE_TOKENS, methods=("GET", "POST"))
def token_issue(request):
    form = IssueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            issued = services.issue_token(actor=request.user, name=data["name"], purpose=data["purpose"],
                                          scope=data["scope"], publication=data["publication"],
                                          expires_at=data["expires_at"], teams=list(data["teams"]))
        except ValidationError as error:
            attach_errors(form, error)
        else:
            # the one time the secret is shown: this response, never stored (the browser is told not to keep it)
            response = render(request, "feed/token_issued.html", {
                "title": "Token issued", "token": issued.token, "secret": issued.secret,
                "endpoints": ENDPOINT_NAMES})
            response["Cache-Control"] = "no-store"
            return response
    return render(request, "feed/token_issue.html", {"title": "Issue a feed token", "form": form})


@requires(Perm.MANAGE_TOKENS, methods=("GET", "POST"))
def token_revoke(request, pk):
    token = get_object_or_404(FeedToken, pk=pk)
    if request.method == "POST":
        try:
            services.revoke_token(actor=request.user, token=token)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Token “{token.name}” revoked: it no longer works.")
        return redirect("feed:token_list")
    return render(request, "feed/token_revoke.html", {"title": f"Revoke “{token.name}”", "token": token})


@requires(Perm.VIEW_TOKENS)
def call_log(request):
    calls = FeedCall.objects.select_related("token")
    token_id = request.GET.get("token", "")
    chosen = None
    if token_id.isdigit():
        chosen = FeedToken.objects.filter(pk=int(token_id)).first()
        if chosen is not None:
            calls = calls.filter(token=chosen)
    page = Paginator(calls, CALLS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "feed/call_log.html", {"title": "Data feed call log", "page": page, "calls": page.object_list,
                                                  "chosen": chosen})


@requires(Perm.VIEW_TOKENS)
def connect_help(request):
    return render(request, "feed/help.html", {
        "title": "Connect Power BI or Excel", "endpoints": ENDPOINT_NAMES, "rate_limit": RATE_LIMIT,
        "example": request.build_absolute_uri(reverse("feed:kpis", kwargs={"fmt": "csv"}))})


urlpatterns = [
    path("tokens/", token_list, name="token_list"),
    path("tokens/issue/", token_issue, name="token_issue"),
    path("tokens/<int:pk>/revoke/", token_revoke, name="token_revoke"),
    path("calls/", call_log, name="call_log"),
    path("help/", connect_help, name="help"),
]
