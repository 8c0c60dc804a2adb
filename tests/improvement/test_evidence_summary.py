"""The pack's draft paragraph (docs/design/improvement.md §4.5), written from the sources' blocks."""

from triangulate.improvement.evidence.registry import Block
from triangulate.improvement.evidence.summary import draft_paragraph

KPIS = Block(source="performance", title="Performance data", verdict="positive",
             basis="Visits within timescale improving (special cause of improvement since May)")
AUDITS = Block(source="audits", title="Case file audits", verdict="negative",
               basis="40% of 35 answers on visits good or better")
PRACTICE = Block(source="practice", title="Observations", verdict="mixed", basis="3 of 6 teams had a strength")
FAMILIES = Block(source="feedback", title="Families", verdict="none", basis="Too few families to judge: 3")
FINDINGS = Block(source="findings", title="Findings and actions", verdict="none", basis="")


def test_a_disagreement_names_each_source_in_the_packs_order_and_counts_the_actions():
    text = draft_paragraph("visits and direct work", "disagree", [KPIS, AUDITS, PRACTICE, FAMILIES, FINDINGS],
                           open_actions=3, overdue_actions=1)
    assert text == (
        "On visits and direct work the sources disagree. "
        "Performance data: visits within timescale improving (special cause of improvement since May). "
        "Case file audits: 40% of 35 answers on visits good or better. "
        "Observations: 3 of 6 teams had a strength. "
        "Families: no evidence (too few families to judge: 3). "
        "3 actions are open, 1 of them overdue.")


def test_agreement_says_on_what_and_one_open_action_agrees_with_its_verb():
    text = draft_paragraph("voice of the child", "agree", [AUDITS, PRACTICE], verdict="negative",
                           open_actions=1, overdue_actions=0)
    assert text.startswith("On voice of the child the sources agree: negative. Case file audits: 40% of 35")
    assert text.endswith("1 action is open.")


def test_without_action_counts_the_paragraph_ends_with_the_sources():
    assert draft_paragraph("leadership", "one", [KPIS]) == (
        "On leadership only one source has evidence. Performance data: visits within timescale improving (special "
        "cause of improvement since May).")
