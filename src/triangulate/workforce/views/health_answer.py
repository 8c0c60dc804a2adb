"""The public answer pages (design §5.2): anyone holding an unused link answers, signed in or not (core's
PUBLIC_URL_NAMES lists these pages).

`health_link` takes the token from the slip's address and swaps it for a signed cookie, then sends the browser to
`health_answer`, whose address holds no token: the token leaves the address bar, the history and any Referer at once,
as Django's password reset does. A signed cookie rather than a session entry, because the database keeps sessions: a
signed-in respondent's session row would hold their user id beside their link, and an anonymous one a row with the
time it was last used. The cookie lives in the respondent's browser only, on the answer pages' path, and is deleted
once they have answered.

Nothing here logs, audits or notifies; the POST is CSRF-protected like every other form."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path, re_path, reverse
from django.views.decorators.http import require_http_methods

from triangulate.core.forms import GovukForm

from ..models import Agreement, HealthQuestion, HealthTheme
from ..services.health_answer import answer, link_of, refusal

COOKIE = "triangulate_health_link"
SALT = "workforce.health_link"
COOKIE_AGE = 4 * 60 * 60  # long enough to answer with breaks; a lost cookie only means opening the slip again
# the order a respondent reads: strongly agree first, "don't know" last
CHOICES = [(c.value, c.label) for c in (Agreement.STRONGLY_AGREE, Agreement.AGREE, Agreement.NEITHER,
                                         Agreement.DISAGREE, Agreement.STRONGLY_DISAGREE, Agreement.DONT_KNOW)]


def _cookie_path():
    """The answer pages' folder (/workforce/health-check/): the cookie goes nowhere else on the site."""
    return reverse("workforce:health_answer").removesuffix("answer/")


def _no_link(request, message, status=200):
    return render(request, "workforce/health/answer_refused.html",
                  {"title": "You cannot answer with this link", "message": message}, status=status)


def _to_answers(token):
    """Keep the token in a cookie and go to the answer page, whose address holds none."""
    response = redirect("workforce:health_answer")
    response.set_signed_cookie(COOKIE, token, salt=SALT, max_age=COOKIE_AGE, path=_cookie_path(), httponly=True,
                               samesite="Lax", secure=settings.SESSION_COOKIE_SECURE)
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def health_link(request, token):
    """The slip's address: check the link, keep its token in a cookie and leave the address at once. (A POST is
    treated as a GET: it writes nothing either way.)"""
    problem = refusal(link_of(token))
    if problem:
        return _no_link(request, problem)
    return _to_answers(token)


class CodeForm(GovukForm):
    code = forms.CharField(label="Your code", max_length=40, help_text="The 12 letters and numbers on your slip, "
                           "for example K7QM-4TXP-9HRA. Capitals and dashes do not matter.",
                           error_messages={"required": "Enter the code on your slip"})


@require_http_methods(["GET", "HEAD", "POST"])
def health_code(request):
    """For a slip read on paper: type its short code here rather than its whole address. The code is checked as
    the address is, and only the answer is kept, never who typed what."""
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        problem = refusal(link_of(code))
        if not problem:
            return _to_answers(code)
        form.add_error("code", problem)
    return render(request, "workforce/health/code.html", {"title": "Answer the social work health check",
                                                          "form": form})


class AnswerForm(GovukForm):
    """One radio group a question, the comment questions as text boxes; built from the check's questions."""

    def __init__(self, questions, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for q in questions:
            if q.kind == HealthQuestion.Kind.AGREE:
                self.fields[f"q{q.pk}"] = forms.TypedChoiceField(
                    label=f"{q.number}. {q.text}", choices=CHOICES, coerce=int, widget=forms.RadioSelect,
                    error_messages={"required": f"Answer question {q.number} (choose \"Don't know\" if you are "
                                                "not sure)"})
            else:
                self.fields[f"q{q.pk}"] = forms.CharField(
                    label=f"{q.number}. {q.text}", required=False, max_length=5000, widget=forms.Textarea,
                    help_text="Optional. Do not write your name or anyone else's.")

    def themes(self):
        """[(theme label, [bound fields])] for the agree questions, in the questions' order; then the comments."""
        groups = {}
        for q in self.questions:
            if q.kind == HealthQuestion.Kind.AGREE:
                groups.setdefault(HealthTheme(q.theme).label, []).append(self[f"q{q.pk}"])
        return list(groups.items())

    def comments(self):
        return [self[f"q{q.pk}"] for q in self.questions if q.kind == HealthQuestion.Kind.TEXT]

    def answers(self):
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}


@require_http_methods(["GET", "HEAD", "POST"])
def health_answer(request):
    token = request.get_signed_cookie(COOKIE, default="", salt=SALT, max_age=COOKIE_AGE)
    link = link_of(token)
    problem = refusal(link) if token else "Open the link on your slip to answer the health check."
    if problem:
        return _no_link(request, problem)
    check = link.health_check
    questions = list(check.questions.order_by("number"))
    form = AnswerForm(questions, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            answer(token, form.answers())
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            response = redirect("workforce:health_thanks")
            response.delete_cookie(COOKIE, path=_cookie_path(), samesite="Lax")
            return response
    return render(request, "workforce/health/answer.html", {
        "title": check.title, "check": check, "form": form, "action": reverse("workforce:health_answer")})


def health_thanks(request):
    """Any method: the page says the same to whoever opens it, and writes nothing."""
    return render(request, "workforce/health/answer_thanks.html", {"title": "Thank you for answering"})


urlpatterns = [
    path("health-check/answer/", health_answer, name="health_answer"),
    path("health-check/thank-you/", health_thanks, name="health_thanks"),
    path("health-check/code/", health_code, name="health_code"),
    # a code is 14 characters with its dashes; nothing else under health-check/ is 12 or more characters long
    re_path(r"^health-check/(?P<token>[A-Za-z0-9_-]{12,100})/$", health_link, name="health_link"),
]
