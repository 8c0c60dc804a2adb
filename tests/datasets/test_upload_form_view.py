"""The upload page is the one form page (core/form_page.html) like every other: a form with a file field
is sent as multipart by itself, so the browser sends the workbook and not only its name."""

import re

from django.urls import reverse

from triangulate.core.roles import Role


def test_the_upload_page_sends_its_file_and_keeps_its_words(world, client_for):
    html = client_for(world.users[Role.QA_LEAD]).get(reverse("datasets:upload_create")).content.decode()
    forms = re.findall(r"<form [^>]*>", html)
    assert forms[-1] == '<form method="post" enctype="multipart/form-data" novalidate>'  # after the sign-out form
    assert '<h1 class="govuk-heading-xl">Upload an Annex A extract</h1>' in html
    assert "The import runs in the background." in html
    assert f'href="{reverse("datasets:upload_list")}" class="govuk-back-link">Back to uploads</a>' in html
    assert 'type="file"' in html and "Upload and import</button>" in html


def test_a_form_page_without_a_file_is_not_multipart(world, client_for):
    html = client_for(world.users[Role.QA_LEAD]).get(reverse("people:password_change")).content.decode()
    assert re.findall(r"<form [^>]*>", html)[-1] == '<form method="post" novalidate>'
