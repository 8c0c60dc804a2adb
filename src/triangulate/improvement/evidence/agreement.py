"""Agreement between a pack's sources (docs/design/improvement.md §4.4): pure Python, about direction, not size.

Only the blocks with a verdict other than "none" count. All the same: the sources agree; at least one positive and one
negative: they disagree, with one sentence per disagreeing pair built from the two bases; otherwise they partly agree,
naming the mixed ones. Fewer than two sources with a verdict is never "agree": thin evidence must not look like it.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Agreement:
    kind: str  # agree, disagree, partly, one_source, no_source
    headline: str
    sentences: tuple = ()  # the pairs in disagreement, or the mixed sources


def _sentence(block):
    basis = block.basis.strip().rstrip(".")
    return f"{block.title}: {basis}."


def _names(titles):
    return titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + " and " + titles[-1]


def agreement(blocks):
    judged = [b for b in blocks if b.verdict != "none"]
    if not judged:
        return Agreement("no_source", "No source has evidence on this.")
    if len(judged) == 1:
        return Agreement("one_source", f"Only one source has evidence on this: {judged[0].title}.")
    verdicts = {b.verdict for b in judged}
    if len(verdicts) == 1:
        return Agreement("agree", f"The sources agree: {judged[0].verdict}.")
    positive = [b for b in judged if b.verdict == "positive"]
    negative = [b for b in judged if b.verdict == "negative"]
    if positive and negative:
        return Agreement("disagree", "The sources disagree.",
                         tuple(f"{_sentence(p)} {_sentence(n)}" for p in positive for n in negative))
    mixed = [b.title for b in judged if b.verdict == "mixed"]
    return Agreement("partly", "The sources partly agree.",
                     (f"{_names(mixed)} {'is' if len(mixed) == 1 else 'are'} mixed.",))
