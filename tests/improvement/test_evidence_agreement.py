"""Agreement between a pack's sources (docs/design/improvement.md §4.4), worked by hand."""

import pytest

from triangulate.improvement.evidence.agreement import agreement_of
from triangulate.improvement.evidence.registry import Block


def block(source, verdict, basis=""):
    return Block(source=source, title=source.capitalize(), verdict=verdict, basis=basis)


@pytest.mark.parametrize("verdicts, state, headline", [
    ((), "none", "No source has evidence on this yet."),
    (("none", "none"), "none", "No source has evidence on this yet."),
    (("negative", "none"), "one", "Only one source has evidence on this: A."),
    (("negative", "negative", "none"), "agree", "The sources agree: negative."),
    (("mixed", "mixed"), "agree", "The sources agree: mixed."),
    (("positive", "mixed", "negative"), "disagree", "The sources disagree."),
    (("positive", "mixed"), "partly", "The sources partly agree."),
    (("negative", "mixed", "negative"), "partly", "The sources partly agree."),
])
def test_the_state_follows_the_verdicts_with_a_verdict(verdicts, state, headline):
    found = agreement_of([block("abcdefg"[n], v) for n, v in enumerate(verdicts)])
    assert (found.state, found.headline) == (state, headline)


def test_a_disagreement_says_each_positive_and_negative_pair_from_their_bases():
    found = agreement_of([
        block("performance", "positive", "Visits within timescale improving"),
        block("audits", "negative", "40% of 35 answers good or better."),
        block("practice", "negative", "2 of 8 teams had a strength"),
        block("feedback", "mixed", "62% of 13 families")])
    assert found.sentences == (
        "Performance: Visits within timescale improving. Audits: 40% of 35 answers good or better.",
        "Performance: Visits within timescale improving. Practice: 2 of 8 teams had a strength.")


def test_partial_agreement_names_the_mixed_sources():
    found = agreement_of([block("audits", "positive"), block("practice", "mixed"), block("feedback", "mixed")])
    assert found.sentences == ("Mixed: Practice, Feedback.",)
