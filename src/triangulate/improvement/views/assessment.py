"""The self-assessment pages (design §3, §8, §9). Placeholder views until each page lands."""

from django.http import Http404
from django.urls import path

from triangulate.core.views.decorators import requires

from ..rules import KnowPerm


@requires(KnowPerm.VIEW_ASSESSMENTS)
def placeholder(request, pk=None):
    raise Http404("not built yet")


urlpatterns = [
    path("self-assessment/", placeholder, name="assessment_list"),
    path("self-assessment/new/", placeholder, name="assessment_create"),
    path("self-assessment/scale/", placeholder, name="scale_edit"),
    path("self-assessment/domains/", placeholder, name="domain_list"),
    path("self-assessment/domains/<int:pk>/edit/", placeholder, name="domain_edit"),
    path("self-assessment/judgements/<int:pk>/edit/", placeholder, name="judgement_edit"),
    path("self-assessment/<int:pk>/", placeholder, name="assessment_detail"),
    path("self-assessment/<int:pk>/edit/", placeholder, name="assessment_edit"),
    path("self-assessment/<int:pk>/external/", placeholder, name="external_view"),
    path("self-assessment/<int:pk>/publish/", placeholder, name="assessment_publish"),
    path("self-assessment/<int:pk>/next/", placeholder, name="assessment_next"),
    path("self-assessment/<int:pk>/self-assessment.docx", placeholder, name="assessment_docx"),
    path("self-assessment/<int:pk>/self-assessment.pdf", placeholder, name="assessment_pdf"),
]
