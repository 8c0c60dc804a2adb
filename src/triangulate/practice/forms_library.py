"""The good practice library's forms (design §1.5): a proposal from an entry, and a manager's edit."""

from django import forms

from triangulate.core.concurrency import VersionField
from triangulate.core.forms import GovukForm
from triangulate.core.selectors import active_themes

from .models import LibraryItem
from .services.library import TEXT_MAX, TITLE_MAX

NO_NAMES = ("Do not write anyone's name: say 'the child', 'mum', 'the social worker'. Take out anything that could "
            "identify a child, a family or a member of staff (a school, a street, a date of birth).")


class LibraryItemForm(GovukForm):
    title = forms.CharField(label="Title", max_length=TITLE_MAX,
                            help_text="A few words that say what the practice is, for example “School nurse at "
                                      "allocation meetings”",
                            error_messages={"required": "Enter a title",
                                            "max_length": f"The title must be {TITLE_MAX} characters or fewer"})
    text = forms.CharField(label="Text", widget=forms.Textarea(attrs={"rows": 8}), max_length=TEXT_MAX,
                           help_text=NO_NAMES,
                           error_messages={"required": "Enter the text",
                                           "max_length": f"The text must be {TEXT_MAX:,} characters or fewer"})
    kind = forms.ChoiceField(label="Kind", choices=LibraryItem.Kind.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Select what kind of practice this is"})
    theme = forms.ModelChoiceField(label="Theme", queryset=None, empty_label="Select a theme",
                                   error_messages={"required": "Select a theme"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = active_themes()


class LibraryItemEditForm(LibraryItemForm):
    no_names_checked = forms.BooleanField(
        label="I have read the title and text: they name no child, family member or member of staff",
        required=False, help_text="A published item must have this ticked.")
    version = VersionField()
