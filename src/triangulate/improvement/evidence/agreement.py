"""Agreement between a pack's sources (design §4.4), on direction only: sources measure different things, so only
whether each says positive, mixed or negative can be compared. Pure.

- no source with a verdict → "No source has evidence on this yet.";
- one → "Only one source has evidence on this: Case file audits." (never "agree");
- all the same → "The sources agree: negative.";
- at least one positive and one negative → "The sources disagree.", with a sentence per disagreeing pair built from
  their bases ("Performance data: visits in time improving. Case file audits: 40% of 35 answers good or better.");
- otherwise → "The sources partly agree.", naming the mixed ones."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Agreement:
    state: str  # none, one, agree, disagree, partly (summary.STATE_WORDS)
    headline: str
    sentences: tuple = ()
    verdict: str = ""  # the shared verdict when they agree


def _end(text):
    text = (text or "").strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def agreement_of(blocks):
    judged = [b for b in blocks if b.verdict != "none"]
    if not judged:
        return Agreement("none", "No source has evidence on this yet.")
    if len(judged) == 1:
        return Agreement("one", f"Only one source has evidence on this: {judged[0].title}.")
    verdicts = {b.verdict for b in judged}
    if len(verdicts) == 1:
        verdict = verdicts.pop()
        return Agreement("agree", f"The sources agree: {verdict}.", verdict=verdict)
    positive = [b for b in judged if b.verdict == "positive"]
    negative = [b for b in judged if b.verdict == "negative"]
    if positive and negative:
        pairs = tuple(f"{p.title}: {_end(p.basis)} {n.title}: {_end(n.basis)}" for p in positive for n in negative)
        return Agreement("disagree", "The sources disagree.", pairs)
    mixed = [b.title for b in judged if b.verdict == "mixed"]
    return Agreement("partly", "The sources partly agree.", (f"Mixed: {', '.join(mixed)}.",))
