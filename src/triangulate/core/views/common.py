"""What every form view shares (core/views/forms.service_form uses it)."""


def attach_errors(form, error, rename=None):
    """Put a service's ValidationError onto the form's fields, so the page shows it like any other."""
    if not hasattr(error, "error_dict"):  # a plain refusal ("only while the event is in analysis"): the whole form's
        form.add_error(None, error.messages)
        return
    rename = rename or {}
    for field, field_messages in error.message_dict.items():
        field = rename.get(field, field)
        form.add_error(field if field in form.fields else None, field_messages)
