"""The report format of design §7.1, pure (no Django): a blank line separates paragraphs; a line starting "- " is
a bullet; "  - " (two spaces) a second-level bullet. Nothing else is interpreted, so what is typed is what prints:
a line starting "=" or "#" is text.

`parse(text)` gives plain blocks, `Paragraph(text)` and `BulletList(items, level)`, that the report's page and PDF
(HTML) and its Word file (reports.docx blocks) are both built from, so the three read the same.

`draft(facts, observations, entries, …)` pre-fills a report from the analysis (§7.1), as text in that format: the
introduction, the process, the reflection, each heading's strengths and areas for development (or, under an
`examples` heading, every good-practice entry by theme), the case examples and the conclusion. It counts through
counts.py and chooses entries through representative.py, so the report says what the analysis page shows.

Choices where §7.1 is silent (what a QA lead would expect):
- a timetable's visits are those not cancelled; its days are the dates those visits fall on; "<A> assessors
  observed" counts the assessors with a handed-in observation; the teams visited leave out a team whose only
  visits did not happen;
- the assessors are "n staff assessors" and "n guests from <organisations>": never a guest's name;
- line conflicts are counted, never their reasons (free text that may name someone);
- A5 and A6 are given without naming a team: elected members read the approved report (§8.1);
- a theme with positive entries but no strength of its own (an exemplar only) gets its line without second-level
  bullets; quotes are not drafted (whether a quote may be used is the organiser's to judge on the page);
- an entry's text is put on one line (its line breaks would otherwise break the bullet it is in);
- a part with nothing to say is left blank, so filling again later can still fill it."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from . import counts
from .records import AREA_FOR_DEVELOPMENT, EXEMPLAR, GOOD_PRACTICE, STRENGTH
from .representative import representative

BULLET = "- "
SECOND_BULLET = "  - "


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class BulletList:
    items: tuple
    level: int = 1  # 1, or 2 for "  - "


def _line_kind(line):
    if line.startswith(SECOND_BULLET):
        return 2, line[len(SECOND_BULLET):].strip()
    if line.startswith(BULLET):
        return 1, line[len(BULLET):].strip()
    return 0, line.strip()


def parse(text):
    """The blocks of a section's `text`, in order. Consecutive bullets of one level make one list; a line that is
    not a bullet joins the paragraph it is in (lines of one paragraph are joined by a space)."""
    blocks = []
    paragraph = []  # the lines of the paragraph being read
    bullets = []  # the items of the list being read
    level = 0

    def flush_paragraph():
        if paragraph:
            blocks.append(Paragraph(" ".join(paragraph)))
            paragraph.clear()

    def flush_bullets():
        if bullets:
            blocks.append(BulletList(tuple(bullets), level))
            bullets.clear()

    for raw in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not raw.strip():
            flush_paragraph()
            flush_bullets()
            continue
        kind, content = _line_kind(raw.rstrip())
        if kind:
            flush_paragraph()
            if kind != level:
                flush_bullets()
            level = kind
            if content:
                bullets.append(content)
        else:
            flush_bullets()
            level = 0
            paragraph.append(content)
    flush_paragraph()
    flush_bullets()
    return blocks


# ---- the pre-fill (§7.1) --------------------------------------------------------------------------------------

STRENGTHS_AND_DEVELOPMENT = "strengths_and_development"
EXAMPLES = "examples"
REFLECTION_PROMPTS = "What worked in the process?\n\nWhat should change next time?"
CONCLUSION_PROMPT = "What will change as a result?"


@dataclass(frozen=True)
class HeadingFacts:
    id: int  # the EventHeading's pk (EntryRecord.heading)
    number: int
    title: str
    mode: str  # strengths_and_development or examples


@dataclass(frozen=True)
class VisitFacts:
    date: date
    activity: str  # its label: "Team meeting"
    team_name: str
    status: str  # planned, happened, cancelled, did_not_happen
    conflict_accepted: bool = False


@dataclass(frozen=True)
class AssessorFacts:
    kind: str  # staff or guest
    organisation: str = ""


@dataclass(frozen=True)
class EventFacts:
    title: str
    starts_on: date
    ends_on: date
    focus: str
    headings: tuple = ()  # HeadingFacts, by number
    visits: tuple = ()  # VisitFacts
    assessors: tuple = ()  # AssessorFacts, every assessor of the event
    observers: int = 0  # assessors with at least one handed-in observation


@dataclass(frozen=True)
class HeadingDraft:
    strengths: str
    development: str = ""  # an examples heading has none


@dataclass(frozen=True)
class Draft:
    introduction: str
    process: str
    reflection: str
    case_examples: str
    conclusion: str
    headings: dict = field(default_factory=dict)  # heading id -> HeadingDraft


def plural(n, one, many=None):
    return f"{n} {one if n == 1 else (many or one + 's')}"


def date_text(d):
    return f"{d.day} {d:%B %Y}"


def one_line(text):
    return " ".join((text or "").split())


def and_list(items):
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def draft(facts, observations, entries, theme_names, theme_order=None, picks=()):
    """The report's sections drafted from `facts` (EventFacts) and the analysis records (records.py's
    ObservationRecord and EntryRecord, as gather.event_records gives them). `theme_names` names the entries'
    themes; `theme_order` (slug -> sort key) orders ties; `picks` are the organiser's chosen entry ids in order."""
    c = counts.cohort(observations, entries)
    order = theme_order or {}

    def theme_key(slug):
        return (order.get(slug, (0, theme_names.get(slug, slug))), slug)

    chosen = representative(c, picks)
    return Draft(
        introduction=_introduction(facts, c),
        process=_process(facts),
        reflection=_reflection(c),
        case_examples="\n\n".join(one_line(e.text) for e in sorted(c.entries, key=lambda e: e.id)
                                   if e.kind == EXEMPLAR),
        conclusion=CONCLUSION_PROMPT,
        headings={h.id: _heading(h, c, chosen, theme_names, theme_key) for h in facts.headings},
    )


def _timetable(facts):
    return [v for v in facts.visits if v.status != "cancelled"]


def _introduction(facts, c):
    visits = _timetable(facts)
    days = len({v.date for v in visits})
    held = (f"held on {date_text(facts.starts_on)}" if facts.starts_on == facts.ends_on
            else f"held between {date_text(facts.starts_on)} and {date_text(facts.ends_on)}")
    return (f"This document sets out the findings of {one_line(facts.title)}, {held}. From a timetable of "
            f"{plural(len(visits), 'visit')} over {plural(days, 'day')}, {plural(facts.observers, 'assessor')} "
            f"observed practice in {plural(c.teams_observed, 'team')}. The focus was: {_sentence(facts.focus)}")


def _sentence(text):
    text = one_line(text)
    return text if not text or text.endswith((".", "!", "?")) else text + "."


def _process(facts):
    visits = _timetable(facts)
    parts = []
    teams = sorted({v.team_name for v in visits if v.status != "did_not_happen"})
    if teams:
        parts.append("The teams visited:\n" + "\n".join(f"- {t}" for t in teams))
    staff = sum(1 for a in facts.assessors if a.kind == "staff")
    guests = [a for a in facts.assessors if a.kind == "guest"]
    kinds = []
    if staff:
        kinds.append(plural(staff, "staff assessor"))
    if guests:
        organisations = sorted({one_line(a.organisation) for a in guests if a.organisation.strip()})
        kinds.append(plural(len(guests), "guest") + (f" from {and_list(organisations)}" if organisations else ""))
    if kinds:
        parts.append(f"The assessors: {and_list(kinds)}.")
    by_activity = defaultdict(int)
    for v in visits:
        by_activity[v.activity] += 1
    if by_activity:
        rows = sorted(by_activity.items(), key=lambda kv: (-kv[1], kv[0]))
        parts.append("Visits by activity:\n" + "\n".join(f"- {a}: {plural(n, 'visit')}" for a, n in rows))
    missed = sum(1 for v in visits if v.status == "did_not_happen")
    if missed:
        parts.append(f"{plural(missed, 'visit')} did not happen.")
    accepted = sum(1 for v in visits if v.conflict_accepted)
    if accepted:
        verb = "was" if accepted == 1 else "were"
        parts.append(f"{plural(accepted, 'visit')} within an assessor's own management line {verb} accepted "
                     "with a reason.")
    else:
        parts.append("No visit was within an assessor's own management line.")
    return "\n\n".join(parts)


def _reflection(c):
    supported = counts.felt_supported(c)
    if supported.asked:
        a5 = (f"Of the {plural(supported.asked, 'team')} asked, {supported.supported} said they felt supported by "
              "their managers.")
    else:
        a5 = "No team was asked whether staff felt supported by their managers."
    n = len(c.observations)
    if n:
        heard = counts.heard_directly(c)
        a6 = (f"Assessors heard directly from a child in {heard.child.numerator} of {plural(n, 'visit')} and from "
              f"a parent or carer in {heard.parent_carer.numerator} of {plural(n, 'visit')}.")
    else:
        a6 = "No observation has been handed in yet."
    return f"{a5}\n\n{a6}\n\n{REFLECTION_PROMPTS}"


def _heading(heading, c, chosen, theme_names, theme_key):
    if heading.mode == EXAMPLES:
        by_theme = defaultdict(list)
        for e in c.entries:
            if e.heading == heading.id and e.kind == GOOD_PRACTICE:
                by_theme[e.theme].append(e)
        lines = []
        for slug in sorted(by_theme, key=theme_key):
            lines.append(f"- {theme_names.get(slug, slug)}")
            lines.extend(f"  - {one_line(e.text)}" for e in by_theme[slug])
        return HeadingDraft("\n".join(lines))
    teams = counts.teams_by_heading_theme(c)
    mine = {theme: count for (h, theme), count in teams.items() if h == heading.id}
    n = c.teams_observed

    def part(team_set, kind, words):
        rows = [(len(team_set(count)), slug) for slug, count in mine.items() if team_set(count)]
        lines = []
        for teams_with, slug in sorted(rows, key=lambda row: (-row[0], theme_key(row[1]))):
            lines.append(f"- {theme_names.get(slug, slug)}: {words} in {teams_with} of {plural(n, 'team')}")
            lines.extend(f"  - {one_line(e.text)}" for e in chosen.get((heading.id, slug, kind), ()))
        return "\n".join(lines)

    return HeadingDraft(
        strengths=part(lambda count: count.positive_teams, STRENGTH, "seen as a strength"),
        development=part(lambda count: count.development_teams, AREA_FOR_DEVELOPMENT, "an area for development"))
