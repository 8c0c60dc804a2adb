"""The evidence pack (design §4): providers registered by the apps that hold the evidence, and the pure
computations over their answers (agreement, the draft paragraph, the top 10's signals)."""
