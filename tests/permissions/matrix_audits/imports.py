"""The permission matrix's rows for the tracker import pages (design §8): only the QA lead imports trackers.
Letters in the order PR TM SM AU QA PW SL EM IN SA. The `import` record is in mapping with no stored file."""

PAGES = [
    ("audits:import_list", None, "FFFFOFFFFF"),
    ("audits:import_create", None, "FFFFOFFFFF"),
    ("audits:import_detail", "import", "FFFFOFFFFF"),
    ("audits:import_mapping", "import", "FFFFOFFFFF"),
    ("audits:import_template", "version", "FFFFOFFFFF"),
]
TEAM_PAGES = []
POST_PAGES = [
    # the run is refused (no file) and the discard goes through: both redirect for the QA lead
    ("audits:import_run", "import", "FFFFRFFFFF", "FFFFRFFFFF"),
    ("audits:import_discard", "import", "FFFFRFFFFF", "FFFFRFFFFF"),
]
