"""The pack's draft paragraph (design §4.5): one paragraph a QA lead edits before QPAG, written from the sources'
blocks in the pack's order. Pure and deterministic: the same evidence drafts the same words.

    On voice of the child the sources disagree. Performance data: 2 measures improving (special cause of
    improvement). Case file audits: 40% of 35 answers good or better. Observations: 3 of 8 teams had a strength.
    Families: no evidence (too few families to judge: 3). 3 actions are open, 1 of them overdue."""

from triangulate.core.formatting import counted

STATE_WORDS = {"agree": "the sources agree", "disagree": "the sources disagree", "partly": "the sources partly agree",
               "one": "only one source has evidence", "none": "no source has evidence yet"}


def draft_paragraph(subject, state, blocks, *, open_actions=None, overdue_actions=None, verdict=""):
    """`subject`: what the pack is about ("voice of the child"); `state`: one of STATE_WORDS's keys (the agreement
    of design §4.4), with `verdict` the shared verdict when they agree; `blocks`: registry.Block in the pack's order
    (findings and actions, which have no verdict, are left to the action counts)."""
    opening = STATE_WORDS[state]
    if state == "agree" and verdict:
        opening += f": {verdict}"
    sentences = [f"On {subject} {opening}."]
    for block in blocks:
        if block.source == "findings":
            continue
        if block.verdict == "none":
            why = block.basis or block.note
            sentences.append(f"{block.title}: no evidence" + (f" ({_lower_first(why).rstrip('.')})." if why else "."))
        else:
            sentences.append(f"{block.title}: {_lower_first(block.basis).rstrip('.')}.")
    if open_actions is not None:
        actions = counted(open_actions, "action is", "actions are")
        overdue = f", {overdue_actions} of them overdue" if overdue_actions else ""
        sentences.append(f"{actions[0].upper()}{actions[1:]} open{overdue}.")
    return " ".join(sentences)


def _lower_first(text):
    """Lower-case the first letter unless the first word is an acronym or a number ("KPI", "40%")."""
    text = (text or "").strip()
    first = text.split(" ", 1)[0]
    if not text or first.isupper() or not first[:1].isalpha():
        return text
    return text[0].lower() + text[1:]
