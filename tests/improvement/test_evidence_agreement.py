"""Agreement between sources (docs/design/improvement.md §4.4), by a table of verdicts; the disagreeing pair's
sentence is the design's own example."""

import pytest

from triangulate.improvement.evidence.agreement import agreement
from triangulate.improvement.evidence.registry import Block

TITLES = {"performance": "Performance data", "audits": "Case file audits", "practice": "Practice observation",
          "feedback": "Family feedback"}
BASES = {"performance": "visits within timescale improving (special cause of improvement since May)",
         "audits": "40% of answers on visits good or better (n = 35)",
         "practice": "2 of 3 teams observed had a strength",
         "feedback": "60% of families said the work made a positive difference (n = 10)"}


def blocks(**verdict_by_source):
    return [Block(source=s, title=TITLES[s], verdict=v, basis=BASES[s]) for s, v in verdict_by_source.items()]


@pytest.mark.parametrize(("verdicts", "kind", "headline"), [
    ({"performance": "positive", "audits": "positive"}, "agree", "The sources agree: positive."),
    ({"performance": "negative", "audits": "negative", "practice": "none"}, "agree", "The sources agree: negative."),
    ({"audits": "mixed", "feedback": "mixed"}, "agree", "The sources agree: mixed."),
    ({"performance": "positive", "audits": "mixed"}, "partly", "The sources partly agree."),
    ({"performance": "positive", "audits": "none"}, "one_source",
     "Only one source has evidence on this: Performance data."),
    ({"performance": "none", "audits": "none"}, "no_source", "No source has evidence on this."),
    ({}, "no_source", "No source has evidence on this."),
])
def test_agreement_by_verdicts(verdicts, kind, headline):
    found = agreement(blocks(**verdicts))
    assert (found.kind, found.headline) == (kind, headline)


def test_disagreement_says_one_sentence_per_disagreeing_pair_from_their_bases():
    found = agreement(blocks(performance="positive", audits="negative", practice="mixed"))
    assert found.headline == "The sources disagree."
    assert found.sentences == (
        "Performance data: visits within timescale improving (special cause of improvement since May). "
        "Case file audits: 40% of answers on visits good or better (n = 35).",)


def test_two_positive_against_one_negative_make_two_pairs():
    found = agreement(blocks(performance="positive", audits="negative", practice="positive"))
    assert len(found.sentences) == 2
    assert found.sentences[1].startswith("Practice observation: 2 of 3 teams observed had a strength. Case file")


def test_partly_agree_names_the_mixed_sources():
    found = agreement(blocks(performance="positive", audits="mixed", feedback="mixed"))
    assert found.sentences == ("Case file audits and Family feedback are mixed.",)
    assert agreement(blocks(performance="negative", audits="mixed")).sentences == ("Case file audits is mixed.",)
