"""`triangulate ...`: the project's command line (Django management commands, local settings by default)."""

import os
import sys


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "triangulate.config.settings.local")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["triangulate", *(argv if argv is not None else sys.argv[1:])])


if __name__ == "__main__":
    main()
