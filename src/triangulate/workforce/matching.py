"""Which staff record an extract's worker means (design §2.3), as datasets/teams/selectors.py does for team names.

Extracts name a worker by name ("Sam Patel", "PATEL, Sam" is not guessed) or by id ("SW1042"). A name matches
ignoring case and runs of spaces. An explicit WorkerMatch row wins (a staff member, or "not a member of staff");
without one, a staff member whose reference is the same, else whose full name is, is the match — when exactly one
staff member is. Two equally good staff members leave the worker unmatched ("ambiguous") rather than guessing: a
guess would put one person's cases on another's caseload."""

from dataclasses import dataclass

from triangulate.datasets.teams.selectors import name_key, tidy
from triangulate.people.models import StaffMember

from .models import WorkerMatch

MATCHED = "matched"  # an explicit row names the staff member
SAME_REF = "same reference"
SAME_NAME = "same name"
NOT_STAFF = "not staff"  # an explicit row says the worker is no member of staff
AMBIGUOUS = "ambiguous"
NONE = "none"


@dataclass(frozen=True)
class WorkerMatchResult:
    staff: StaffMember | None
    how: str
    candidates: tuple = ()

    @property
    def is_matched(self):
        return self.staff is not None

    @property
    def is_decided(self):
        """Matched, or deliberately no one: nothing left for the admin to do."""
        return self.staff is not None or self.how == NOT_STAFF


class WorkerNames:
    """Resolves extract worker names for one council. Loads the rows and staff once; look up many names."""

    def __init__(self, council):
        self.rows = {m.key: m for m in WorkerMatch.objects.filter(council=council).select_related("staff")}
        self.staff = list(StaffMember.objects.filter(council=council))
        self._by_ref, self._by_name = {}, {}
        for member in self.staff:
            if member.staff_ref.strip():
                self._by_ref.setdefault(name_key(member.staff_ref), []).append(member)
            self._by_name.setdefault(name_key(member.full_name), []).append(member)

    def implicit(self, name):
        for index, how in ((self._by_ref, SAME_REF), (self._by_name, SAME_NAME)):
            found = index.get(name_key(name), [])
            if len(found) == 1:
                return WorkerMatchResult(found[0], how)
            if len(found) > 1:
                return WorkerMatchResult(None, AMBIGUOUS, tuple(sorted(found, key=lambda s: s.full_name)))
        return WorkerMatchResult(None, NONE)

    def resolve(self, name):
        if not tidy(name):
            return WorkerMatchResult(None, NONE)
        row = self.rows.get(name_key(name))
        if row is not None:
            return WorkerMatchResult(row.staff, MATCHED) if row.staff_id else WorkerMatchResult(None, NOT_STAFF)
        return self.implicit(name)
