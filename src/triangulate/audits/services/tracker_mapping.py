"""What each tracker column means, and what each coded value means (design §7 steps 2 and 3). Pure functions:
no database writes.

A target is a string: a fixed field ("child_id", "team", ...), "family:<field>" for family feedback, or
"question:<key>" for a question joined by its key across tool versions. Headings are matched ignoring case
and punctuation, allowing one typo in a heading of 10 to 15 letters and two from 16, as Annex A headings are.
"""

import re

from triangulate.datasets.parsers.annex_a.headings import typo_distance, typos_allowed
from triangulate.datasets.parsers.annex_a.normalise import number_text

CHILD_ID, TEAM, COMPLETED_ON, OVERALL_GRADE = "child_id", "team", "completed_on", "overall_grade"
AUDITOR, WORKER, TOOL, CASE_TYPE = "auditor", "worker", "tool", "case_type"
MODERATED_GRADE, MODERATOR, NEXT_STEPS = "moderated_grade", "moderator", "next_steps"
QUESTION, FAMILY = "question:", "family:"
REQUIRED = (CHILD_ID, TEAM, COMPLETED_ON, OVERALL_GRADE)

FIXED_TARGETS = {
    CHILD_ID: "Child Unique ID", TEAM: "Team", COMPLETED_ON: "Date completed", OVERALL_GRADE: "Overall grade",
    AUDITOR: "Auditor", WORKER: "Worker", TOOL: "Tool", CASE_TYPE: "Case type",
    MODERATED_GRADE: "Moderated grade", MODERATOR: "Moderator", NEXT_STEPS: "Next steps",
    FAMILY + "outcome": "Family: contacted", FAMILY + "positive_difference": "Family: positive difference",
    FAMILY + "confident_to_ask_again": "Family: confident to ask for help again",
    FAMILY + "what_could_be_better": "Family: what could be better", FAMILY + "consent": "Family: consent",
}

HEADINGS = {
    CHILD_ID: ("Child Unique ID", "Child ID", "ChildID", "LCS ID", "Mosaic ID", "Person ID", "Client ID", "CYP ID",
               "Case ref", "ID", "Child Unique Identifier", "Unique ID"),
    TEAM: ("Team", "Allocated Team", "Team name", "Service/Team"),
    COMPLETED_ON: ("Date completed", "Date of audit", "Audit date", "Date audited", "Completed", "Date"),
    OVERALL_GRADE: ("Overall grade", "Overall judgement", "Overall rating", "Overall", "Final grade", "Grade",
                    "Judgement"),
    AUDITOR: ("Auditor", "Audited by", "Reviewer"),
    WORKER: ("Social worker", "Allocated worker", "Worker", "SW", "Case holder"),
    TOOL: ("Audit type", "Type of audit", "Tool", "Audit tool", "Theme"),
    CASE_TYPE: ("Case type", "Status", "Legal status", "Category"),
    MODERATED_GRADE: ("Moderated grade", "Moderation grade", "Grade after moderation"),
    MODERATOR: ("Moderator", "Moderated by"),
    NEXT_STEPS: ("Actions", "Next steps", "Recommendations"),
    FAMILY + "outcome": ("Family contacted", "Family spoken to"),
    FAMILY + "positive_difference": ("Positive difference",),
    FAMILY + "confident_to_ask_again": ("Confident to ask for help again",),
    FAMILY + "what_could_be_better": ("What could be better", "Family comments"),
    FAMILY + "consent": ("Consent",),
}

# Coded targets and the codes a value may map to, besides a grade's value and a tool version's or team's pk.
CODES = {
    CASE_TYPE: {"cin": "Child in need", "cp": "Child protection", "cla": "Child looked after",
                "care_leaver": "Care leaver"},
    FAMILY + "outcome": {"reached": "Reached", "not_reached": "Not reached", "not_attempted": "Not attempted"},
    FAMILY + "positive_difference": {"yes": "Yes", "partly": "Partly", "no": "No", "dont_know": "Don't know",
                                     "not_asked": "Not asked"},
    FAMILY + "confident_to_ask_again": {"yes": "Yes", "not_sure": "Not sure", "no": "No", "not_asked": "Not asked"},
    FAMILY + "consent": {"yes": "Yes", "no": "No"},
}
YES_NO = {"yes": "Yes", "no": "No", "na": "Not applicable"}
BLANK = ""  # a value mapped to blank counts as no answer

_WORDS = {
    "yes": ("yes", "y", "true", "1"),
    "no": ("no", "n", "false", "0"),
    "reached": ("reached", "yes", "y", "spoken to", "contacted"),
    "na": ("n/a", "na", "not applicable"),
    "not_reached": ("not reached", "no", "n", "no answer", "no response", "not contacted"),
    "not_attempted": ("not attempted", "not tried"),
    "partly": ("partly", "partially", "somewhat", "some"),
    "dont_know": ("don't know", "dont know", "not known", "unknown"),
    "not_sure": ("not sure", "unsure", "maybe"),
    "not_asked": ("not asked",),
    "cin": ("cin", "child in need"), "cp": ("cp", "cpp", "child protection"),
    "cla": ("cla", "lac", "looked after", "child looked after", "looked after child"),
    "care_leaver": ("care leaver", "leaving care", "cl"),
}
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def key(text):
    """Letters and digits only, case-folded: "Child Unique ID" and "CHILD_UNIQUE_ID" agree."""
    return _NOT_ALNUM.sub("", str(text).casefold())


def words(text):
    return _NOT_ALNUM.sub(" ", str(text).casefold()).split()


def cell_text(value):
    """A cell as the text a value map is keyed by: spaces collapsed, case-folded; numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, float):
        value = number_text(value)
    return " ".join(str(value).split()).casefold()


def candidates(versions):
    """{target: [names]} for every heading a tracker might use: the fixed targets' variants, then each
    question of `versions` by its text and key, and each grade question by its section's title and theme."""
    names = {target: list(variants) for target, variants in HEADINGS.items()}
    for version in versions:
        for section in version.sections.all():
            questions = list(section.questions.all())
            for question in questions:
                names.setdefault(QUESTION + question.key, []).extend([question.text, question.key])
            graded = [q for q in questions if q.answer_type == "grade"]
            if len(graded) == 1:  # a section's own grade: "Management oversight" -> oversight_grade
                names[QUESTION + graded[0].key].append(section.title)
                if graded[0].theme_id:
                    names[QUESTION + graded[0].key].append(graded[0].theme.name)
    return names


def guess_mapping(headings, names):
    """{column index (str): target} for the headings that match a name; each target taken once, by the
    closest heading (an exact match before a typo), the first column winning a tie."""
    exact, close = {}, {}
    lookup = {}
    for target, variants in names.items():
        for variant in variants:
            lookup.setdefault(key(variant), target)
    for index, heading in enumerate(headings):
        heading_key = key(heading)
        if not heading_key:
            continue
        if heading_key in lookup:
            exact.setdefault(lookup[heading_key], str(index))
            continue
        allowed = typos_allowed(len(heading_key))
        if not allowed:
            continue
        near = {target for name_key, target in lookup.items() if len(name_key) >= 10
                and typo_distance(heading_key, name_key, allowed) <= allowed}
        if len(near) == 1:
            close.setdefault(near.pop(), str(index))
    mapping = {}
    for target, column in list(exact.items()) + list(close.items()):
        if column not in mapping and target not in mapping.values():
            mapping[column] = target
    return dict(sorted(mapping.items(), key=lambda item: int(item[0])))


def is_grade_target(target, grade_questions=()):
    return target in (OVERALL_GRADE, MODERATED_GRADE) or target in grade_questions


def propose_grade(text, grades):
    """The grade value (as text) a cell means, or None: a label ("Requires improvement (to be good)"), its
    initials ("RI", "R"), shortened words ("Req Imp"), or the value itself ("2", 2.0)."""
    if not text:
        return None
    by_value = {str(g.value): g for g in grades}
    if text in by_value:
        return text
    value_words = words(text)
    if not value_words:
        return None
    found = set()
    for grade in grades:
        label_words = words(grade.label)
        initials = "".join(w[0] for w in label_words)
        if key(text) in (key(grade.label), initials, initials[:1]):
            found.add(str(grade.value))
            continue
        shorter, longer = sorted((value_words, label_words), key=len)
        if shorter == longer[:len(shorter)] or (
                len(value_words) == len(label_words)
                and all(lw.startswith(vw) for vw, lw in zip(value_words, label_words, strict=True))):
            found.add(str(grade.value))
    return found.pop() if len(found) == 1 else None


def propose_code(target, text, *, grades=(), grade_questions=(), yes_no_questions=(), tools=(), teams=None):
    """The code proposed for one distinct value of a coded target, or None when a person must choose."""
    if is_grade_target(target, grade_questions):
        return propose_grade(text, grades)
    if target == TOOL:
        matches = {pk for pk, names in tools for name in names if key(name) == key(text)}
        return str(matches.pop()) if len(matches) == 1 else None
    if target == TEAM:
        team = teams(text) if teams else None
        return str(team.pk) if team else None
    codes = YES_NO if target in yes_no_questions else CODES.get(target)
    if codes is None:
        return None
    for code in codes:
        if text in _WORDS.get(code, ()) or text == code or key(text) == key(codes[code]):
            return code
    return None
