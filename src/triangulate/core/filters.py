"""What a list page's filter form offers, for core/jinja2/components/filters.html to draw.

A filter form is a GET form (the address can be bookmarked and carries the filters, never a record), so
its state is the page's query: each select's option values and each checkbox's name are what the address
holds. A select whose options begin with the value "" ("All teams") filters only when something else is
chosen, and "Clear the filters" takes it back to "" by dropping it from the address; a select without that
option (the order of a list, a team-scoped reader's one team) is a choice the reader keeps, never cleared.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Select:
    name: str
    label: str
    options: tuple[tuple[str, str], ...]  # (value, text), in the order shown
    selected: str | None = None

    @classmethod
    def of(cls, name, label, values, selected, *, everything=None, text=str):
        """A select of `values` (each shown as `text(value)`), `everything` first as the "" option when given."""
        options = ((("", everything),) if everything else ()) + tuple((value, text(value)) for value in values)
        return cls(name, label, options, selected)

    @property
    def clearable(self):
        return any(value == "" for value, _ in self.options)

    @property
    def filtering(self):
        """Whether the list is cut by this select: a value other than "everything" chosen."""
        return self.clearable and bool(self.selected)


@dataclass(frozen=True)
class Checkbox:
    name: str
    label: str
    checked: bool = False

    clearable = True

    @property
    def filtering(self):
        return self.checked


@dataclass(frozen=True)
class Filters:
    selects: tuple[Select, ...]
    checkboxes: tuple[Checkbox, ...] = ()

    @property
    def filtering(self):
        """Whether anything "Clear the filters" would undo is chosen (the link is shown only then)."""
        return any(field.filtering for field in (*self.selects, *self.checkboxes))

    @property
    def cleared(self):
        """The query parameters "Clear the filters" drops: the filters', and the page number, which belongs
        to the filtered list. Everything else in the address (the order, a scoped reader's team) is kept."""
        return {"page", *(field.name for field in (*self.selects, *self.checkboxes) if field.clearable)}
