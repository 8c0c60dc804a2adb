"""`triangulate ...`: the project's command line.

    triangulate kpis ...    KPIs from an Annex A extract, as JSON (no database needed)
    triangulate synth ...   write a synthetic council's Annex A to a file or folder
    triangulate <other>     Django management commands (local settings by default)
"""

import os
import sys


def main(argv=None):
    argv = list(argv if argv is not None else sys.argv[1:])
    if argv and argv[0] == "kpis":
        from triangulate.kpis.cli import main as kpis_main

        sys.exit(kpis_main(argv[1:]))
    if argv and argv[0] == "synth":
        from triangulate.synth.cli import main as synth_main

        sys.exit(synth_main(argv[1:]))
    from triangulate.core.private_files import restrict_new_files

    restrict_new_files()  # management commands write the database and the data folder: child-level data
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "triangulate.config.settings.local")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["triangulate", *argv])


if __name__ == "__main__":
    main()
