#!/usr/bin/env python
"""Django's command-line utility for Triangulate (the demo uses local settings)."""

import os
import sys

if __name__ == "__main__":
    # before anything is written: the database, uploads and tables hold child-level data
    from triangulate.core.private_files import restrict_new_files

    restrict_new_files()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "triangulate.config.settings.local")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
