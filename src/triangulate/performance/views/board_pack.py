"""The board pack as a PDF download (performance/board_pack.py): the monthly extract chosen with
?extract=YYYY-MM-DD as on the overview, the latest by default. The same document for everyone who may see
the KPIs: it is built for a committee whoever asks (board_pack.committee_audience)."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from triangulate.core.views.decorators import requires
from triangulate.reports import pdf

from .. import board_pack as pack
from .. import scorecard
from ..rules import Perm


@requires(Perm.VIEW_KPIS)
def board_pack(request):
    period = scorecard.choose_period(request.GET)
    if period.upload is None:
        messages.info(request, "There is no board pack to print yet: no extract has been published.")
        return redirect("performance:dashboard")
    if period.unknown:  # never print a different extract from the one asked for: the overview says why
        messages.info(request, "No board pack was printed: there is no published monthly extract of that date.")
        return redirect(reverse("performance:dashboard") + "?" + urlencode({"extract": period.unknown}))
    context = pack.build(period, printed_on=timezone.localdate())
    document = pdf.cached_html_to_pdf(render_to_string("performance/board_pack.html", context), pdf.PRINT_CSS,
                                      title=context["title"], folder=settings.DATA_DIR / "cache" / "reports")
    response = HttpResponse(document, content_type="application/pdf")
    # a plain name from the extract's date, never from data: it stays in download folders and histories
    response["Content-Disposition"] = f'attachment; filename="board-pack-{period.upload.extract_date:%Y-%m-%d}.pdf"'
    response["Cache-Control"] = "private, no-store"  # the council's figures, for this reader's machine only
    return response
