"""Representative entries: the words senior leaders see, and what pre-fills the report (design §6.3, decision 11).

Pure. For each (heading, theme, kind) group of a cohort's entries, up to three: the organiser's picks first, in
their order; then one entry per team, teams in descending order of their entry count in the group (ties by team
name), each team's longest text (ties by the earlier `created_at`, then the entry id).

Choices where §6.3 is silent (what a QA lead would expect):
- the automatic fill spreads across teams, so it passes over a team one of the picks already represents;
- more picks than the limit: the first ones, in the organiser's order;
- a pick no longer in the cohort (its entry was removed, or its observation returned to draft) is passed over;
- a quote from a child or a parent or carer who did not agree to be quoted (`may_quote`) is never chosen, picked
  or not: the report travels furthest (decision 16)."""

from collections import defaultdict

LIMIT = 3


def representative(c, picks=(), limit=LIMIT):
    """{(heading, theme, kind): [EntryRecord, …]} for every group in cohort `c`; `picks` are entry ids in the
    organiser's order (EntryPick.position)."""
    if limit < 1:
        raise ValueError(f"At least one representative entry is needed, not {limit}")
    groups = defaultdict(list)
    for e in c.entries:
        if e.quotable:
            groups[(e.heading, e.theme, e.kind)].append(e)
    picked = {entry_id: place for place, entry_id in reversed(list(enumerate(picks)))}
    return {key: _choose(c, group, picked, limit) for key, group in sorted(groups.items())}


def _choose(c, group, picked, limit):
    chosen = sorted((e for e in group if e.id in picked), key=lambda e: picked[e.id])[:limit]
    represented = {c.team_of(e) for e in chosen}
    by_team = defaultdict(list)
    for e in group:
        by_team[c.team_of(e)].append(e)
    teams = sorted(by_team, key=lambda team: (-len(by_team[team]), c.team_names[team], team))
    for team in teams:
        if len(chosen) >= limit:
            break
        if team in represented:
            continue
        chosen.append(min(by_team[team], key=_longest_first))
    return chosen


def _longest_first(e):
    # entries without a created_at (never saved) sort after those with one
    return (-len(e.text), e.created_at is None, e.created_at or 0, e.id)
