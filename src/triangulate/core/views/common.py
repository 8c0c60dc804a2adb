from django.shortcuts import render


def attach_errors(form, error, rename=None):
    """Put a service's ValidationError onto the form's fields, so the page shows it like any other."""
    rename = rename or {}
    for field, field_messages in error.message_dict.items():
        field = rename.get(field, field)
        form.add_error(field if field in form.fields else None, field_messages)


def form_page(request, form, *, title, back_url, back_text="Back", submit_text="Save", intro="", caption=""):
    return render(request, "core/form_page.html", {
        "title": title, "form": form, "back_url": back_url, "back_text": back_text, "submit_text": submit_text,
        "intro": intro, "caption": caption})
