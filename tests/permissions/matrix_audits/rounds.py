"""The permission matrix's rows for the audits pages of slice 'rounds' (design §8 gives the letters).

The `round` is in progress, so every button is refused with a message (302) for the QA lead and PSW, except
"Close", which closes it (also 302); the `entry` is the side's sampled child, whose empty withdrawal names no
reason."""

PAGES = [
    ("audits:round_list", None, "OOOOOOOFOF"),
    ("audits:round_detail", "round", "OOOOOOOFOF"),
    ("audits:round_create", None, "FFFFOOFFFF"),
    ("audits:round_edit", "round", "FFFFOOFFFF"),
    ("audits:round_add_child", "round", "FFFFOOFFFF"),
    ("audits:round_allocation", "round", "FFFFOOFFFF"),
]
TEAM_PAGES = []
POST_PAGES = [
    ("audits:round_sample", "round", "FFFFRRFFFF", "FFFFRRFFFF"),
    ("audits:round_resample", "round", "FFFFRRFFFF", "FFFFRRFFFF"),
    ("audits:round_allocate", "round", "FFFFRRFFFF", "FFFFRRFFFF"),
    ("audits:round_close", "round", "FFFFRRFFFF", "FFFFRRFFFF"),
    ("audits:round_cancel", "round", "FFFFRRFFFF", "FFFFRRFFFF"),
    ("audits:entry_withdraw", "entry", "FFFFRRFFFF", "FFFFRRFFFF"),
]
