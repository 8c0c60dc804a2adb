"""What an assessor writes on one demo visit (design §10, S8): 3–6 entries under the default headings, who they
heard from, and whether staff said they felt supported. Pure functions of a seeded generator.

- Themes are drawn by weight: the week's focus (the child's voice, the parent's experience) first, then what the
  activity shows (supervision shows oversight, a home visit the child) and what the team's part in the story is
  (the strained locality's workforce and oversight, the strong team's voice, the mismatched team's visits).
- An entry on theme θ is a strength with probability `quality(team, θ, visit date)`, else an area for development,
  so West's workforce and oversight come out as areas for development and the strong team's voice as strengths.
  The mismatched team's visits read "on time on paper, but thin" (practice_phrases.THIN_VISITS).
- Felt supported is asked at team meetings, supervision and case discussions: in the team the design marks as
  mixed, "yes" with probability 0.45 + quality on oversight, else "mixed"; elsewhere "yes" (see practice_plan's
  observe for why)."""

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field

from .journeys.keyed import seed_of
from .practice_phrases import DEVELOPMENT, EXEMPLARS, GOOD_PRACTICE, QUOTES, STRENGTHS, THIN_VISITS
from .practice_records import EntryPlan

VOICE, PARENTS, VISITS = "voice-of-the-child", "parent-and-carer-experience", "visits-and-direct-work"
OVERSIGHT, WORKFORCE = "management-oversight-and-supervision", "workforce-and-caseloads"
HEADING_OF = {"leadership": 1, OVERSIGHT: 1, WORKFORCE: 1, VOICE: 2, VISITS: 2, "recording": 2, PARENTS: 3,
              "planning-smart": 3, "multi-agency-working": 3}
EXAMPLES_HEADING = 4
BASE_WEIGHT = {theme: 1.0 for theme in HEADING_OF} | {VOICE: 3.0, PARENTS: 3.0, VISITS: 2.0}
PART_WEIGHT = {"strained": {WORKFORCE: 4.0, OVERSIGHT: 4.0}, "strong": {VOICE: 8.0},
               "mismatched": {VISITS: 5.0}, "drifting": {VISITS: 2.0, "planning-smart": 1.0}}
ACTIVITY_WEIGHT = {"team_meeting": {"leadership": 2.0, WORKFORCE: 2.0}, "supervision": {OVERSIGHT: 3.0},
                   "home_visit": {VOICE: 2.0, VISITS: 2.0}, "family_conversation": {PARENTS: 3.0},
                   "meeting_observation": {"multi-agency-working": 2.0, "planning-smart": 2.0},
                   "case_discussion": {"recording": 1.5, "planning-smart": 1.0}}
ASKS_SUPPORT = frozenset({"team_meeting", "supervision", "case_discussion"})
HEARD_FROM = {"home_visit": ("child", "parent_carer"), "family_conversation": ("parent_carer",),
              "meeting_observation": ("parent_carer", "partner")}
QUOTED_BY = {"home_visit": ("child", "parent_carer"), "family_conversation": ("parent_carer",)}
SLOTS = ((dt.time(9, 30), dt.time(11, 0)), (dt.time(11, 30), dt.time(13, 0)), (dt.time(14, 0), dt.time(15, 30)))
MINUTES = {"team_meeting": 90, "supervision": 60, "case_discussion": 60, "home_visit": 90,
           "meeting_observation": 90, "family_conversation": 45}
HOST_ROLE = {"team_meeting": "team_manager", "supervision": "team_manager"}
LOCATION = {"team_meeting": "Team room, {office}", "supervision": "Manager's office, {office}",
            "case_discussion": "Meeting room, {office}", "home_visit": "Travel with the worker from {office}",
            "meeting_observation": "Meeting room, {office}", "family_conversation": "Family room, {office}"}


GOLDEN = (5 ** 0.5 - 1) / 2
WHAT = {"team_meeting": "Team meeting", "supervision": "Supervision with the team manager",
        "case_discussion": "Case discussion with the social worker", "home_visit": "Home visit with the worker",
        "meeting_observation": "Observed a meeting", "family_conversation": "Conversation with a parent"}


def rng_for(seed, *parts):
    return random.Random(int(seed_of(seed, "practice", *parts)))


def office_of(team, localities):
    """Where the team sits: its locality's office, or the civic centre for a council-wide team."""
    here = next((loc for loc in localities if loc in team.split()), None)
    return f"{here} locality office" if here else "Aldermoor Civic Centre"


@dataclass
class Notebook:
    """What an event's assessors have written so far: how often each text was used (the least used comes next),
    and how many strength-or-development entries each (team, theme) has had. `scope` names the event."""

    seed: int
    scope: str
    texts: Counter = field(default_factory=Counter)
    written: Counter = field(default_factory=Counter)

    def positive(self, team, theme, quality):
        """The k-th entry on (team, theme) is a strength when (u + k·φ) mod 1 < quality, with u fixed per team and
        theme by the seed: each entry is a strength with probability `quality`, and a low-discrepancy sequence
        keeps the team's share within about one entry of it, so three visits tell the team's story whatever the
        seed (independent draws would reverse it one seed in five)."""
        u = float(seed_of(self.seed, "practice", self.scope, team, theme) % 1_000_003) / 1_000_003
        k = self.written[(team, theme)]
        self.written[(team, theme)] += 1
        return (u + k * GOLDEN) % 1 < quality


def draw_observation(inputs, visit, part, rng, book, *, mixed_team=False, force=(), weights=None):
    """The observed fields of `visit` (a VisitPlan) as a dict for VisitPlan: what_happened, felt_supported,
    heard_from, entries. `book` is the event's Notebook (texts used so far, entries per team and theme); `force` holds kinds
    the visit must have (good_practice, exemplar); `weights` adds to the theme weights (a practice day's focus)."""
    def quality(theme):
        return inputs.quality(visit.team, theme, visit.date)

    total = rng.randint(3, 6)
    extras = list(force)
    if "good_practice" not in extras and rng.random() < 0.5 * quality(VOICE):
        extras.append("good_practice")
    if rng.random() < 0.25:
        extras.append("quote")
    extras = extras[:total - 2]
    themes = _themes(rng, part, visit.activity, total - len(extras), weights or {})
    entries = [_assessed(rng, inputs, visit, part, theme, book) for theme in themes]
    for kind in extras:
        entries.append({"good_practice": _good_practice, "exemplar": _exemplar, "quote": _quote}[kind](
            rng, visit, quality, book))
    minutes = (visit.ends_at.hour * 60 + visit.ends_at.minute) - (visit.starts_at.hour * 60 + visit.starts_at.minute)
    note = f" ({visit.activity_note.lower()})" if visit.activity_note else ""
    asked = visit.activity in ASKS_SUPPORT
    supported = "not_asked"
    if asked:
        supported = "yes" if not mixed_team or rng.random() < 0.45 + quality(OVERSIGHT) else "mixed"
    return {"what_happened": f"{WHAT[visit.activity]}{note}, {_duration(minutes)}", "felt_supported": supported,
            "heard_from": HEARD_FROM.get(visit.activity, ()), "entries": tuple(entries), "observed": True}


def _duration(minutes):
    hours, rest = divmod(minutes, 60)
    parts = ([f"{hours} hour{'s' if hours > 1 else ''}"] if hours else []) + ([f"{rest} minutes"] if rest else [])
    return " ".join(parts)


def _themes(rng, part, activity, n, extra):
    """n distinct themes, drawn by weight without replacement."""
    weights = {theme: BASE_WEIGHT[theme] + PART_WEIGHT.get(part, {}).get(theme, 0)
               + ACTIVITY_WEIGHT.get(activity, {}).get(theme, 0) + extra.get(theme, 0) for theme in HEADING_OF}
    chosen = []
    for _ in range(n):
        pool = [t for t in sorted(weights) if t not in chosen]
        pick = rng.random() * sum(weights[t] for t in pool)
        for theme in pool:
            pick -= weights[theme]
            if pick < 0:
                break
        chosen.append(theme)
    return sorted(chosen, key=lambda t: (HEADING_OF[t], t))


def pick_text(rng, texts, book, in_order=False):
    """The least used of `texts` so far in `book` (ties broken by the generator, or the first if `in_order`)."""
    least = min(book.texts[t] for t in texts)
    tied = [t for t in texts if book.texts[t] == least]
    text = tied[0] if in_order else rng.choice(tied)
    book.texts[text] += 1
    return text


def _assessed(rng, inputs, visit, part, theme, book):
    positive = book.positive(visit.team, theme, inputs.quality(visit.team, theme, visit.date))
    thin = not positive and part == "mismatched" and theme == VISITS  # "on time on paper" first
    texts = STRENGTHS[theme] if positive else THIN_VISITS if thin else DEVELOPMENT[theme]
    return EntryPlan(heading=HEADING_OF[theme], kind="strength" if positive else "area_for_development",
                     theme=theme, text=pick_text(rng, texts, book, in_order=thin))


def _good_practice(rng, visit, quality, book):
    theme = rng.choice(sorted(GOOD_PRACTICE))
    return EntryPlan(heading=EXAMPLES_HEADING, kind="good_practice", theme=theme,
                     text=pick_text(rng, GOOD_PRACTICE[theme], book))


def _exemplar(rng, visit, quality, book):
    text = pick_text(rng, [text for _, text in EXEMPLARS], book)
    theme = next(theme for theme, t in EXEMPLARS if t == text)
    return EntryPlan(heading=EXAMPLES_HEADING, kind="exemplar", theme=theme, text=text)


def _quote(rng, visit, quality, book):
    """A quote from someone the visit heard (staff unless a child or parent was there), positive with the
    quality of its theme; a child or parent agreed to be quoted without their name two times in three."""
    by = rng.choice(QUOTED_BY.get(visit.activity, ("staff",)))
    positive = None
    options = []
    while not options:
        positive = rng.random() < quality(VOICE) if positive is None else not positive
        options = [q for q in QUOTES[by] if q[1] == positive]
    text = pick_text(rng, [t for _, _, t in options], book)
    theme = next(theme for theme, _, t in options if t == text)
    return EntryPlan(heading=HEADING_OF[theme], kind="quote", theme=theme, text=text, quote_by=by,
                     may_quote=by == "staff" or rng.random() < 2 / 3)
