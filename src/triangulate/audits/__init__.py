"""Case file audits (docs/design/audits.md): tools, rounds and their samples, the audits themselves,
safeguarding flags, moderation and the reports made from them."""
