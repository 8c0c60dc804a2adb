"""The assessor's brief and the blank form for a guest on paper (design §7.4), as PDFs. Placeholders until the
slice lands."""

from django.http import Http404
from django.urls import path


def brief_pdf(request, pk):
    raise Http404


def blank_form_pdf(request, pk):
    raise Http404


urlpatterns = [
    path("assessors/<int:pk>/brief.pdf", brief_pdf, name="brief_pdf"),
    path("<int:pk>/blank-form.pdf", blank_form_pdf, name="blank_form_pdf"),
]
