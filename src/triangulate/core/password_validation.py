"""A password must not be the user's own name or username dressed up with digits and punctuation.

Django's UserAttributeSimilarityValidator compares the whole password with each attribute, so
"Olivia20242024" passes for Olivia (similarity 0.6, under its 0.7 bar). This rule looks at the
letters only: a password whose letters are nothing but the user's names is refused, whatever
digits, spaces and symbols surround them. The names are the first name, last name, username and
email address's local part, and those of the member of staff the account is linked to, each whole
(letters only: "qa_lead" gives "qalead") and each run of letters in it ("Mary-Jane" gives "mary",
"jane"), ignoring case, when 3 letters or longer (a 2-letter name would refuse too much). Names may
repeat and combine: "Olive.Own.1990" and "oliveolive1234" are refused; "Olive walks 1990" is not.
"""

import re

from django.core.exceptions import ObjectDoesNotExist, ValidationError

MIN_NAME_LETTERS = 3
# A longer password is not a name with digits added; the cap keeps the check cheap on hostile input.
MAX_LETTERS_CHECKED = 256
MESSAGE = ("Your password must not be just your name or username with numbers or symbols added: "
           "add a word of your own")


def _letters(text):
    return "".join(character for character in str(text).casefold() if character.isalpha())


def _name_parts(value):
    parts = {_letters(value)} | {_letters(run) for run in re.split(r"[\W\d_]+", str(value))}
    return {part for part in parts if len(part) >= MIN_NAME_LETTERS}


def names_of(user):
    """The user's names as lower-case letter strings, each 3 letters or longer."""
    if user is None:
        return set()
    values = [getattr(user, field, "") or "" for field in ("username", "first_name", "last_name")]
    values.append((getattr(user, "email", "") or "").split("@")[0])
    try:
        staff = user.profile.staff
    except (ObjectDoesNotExist, AttributeError):
        staff = None
    if staff is not None:
        values += [staff.first_name, staff.last_name]
    return set().union(*(_name_parts(value) for value in values))


def made_of(letters, names):
    """Whether letters is one or more of names joined together (dynamic programming: no regex backtracking)."""
    if not letters:
        return False
    ends = [True] + [False] * len(letters)  # ends[i]: letters[:i] is made of names
    for end in range(1, len(letters) + 1):
        ends[end] = any(len(name) <= end and ends[end - len(name)] and letters.startswith(name, end - len(name))
                        for name in names)
    return ends[-1]


class NameAndDigitsValidator:
    """AUTH_PASSWORD_VALIDATORS entry: refuses a password made of the user's names and digits or symbols."""

    def validate(self, password, user=None):
        letters = _letters(password)
        if len(letters) > MAX_LETTERS_CHECKED:
            return
        if made_of(letters, names_of(user)):
            raise ValidationError(MESSAGE, code="password_is_name_and_digits")

    def get_help_text(self):
        return "Your password cannot be your name or username with only numbers or symbols added."
