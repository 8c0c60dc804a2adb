"""Timing of the historic tracker import (audits/services/importer.py, design §7) at its cap.

    .venv/bin/python bench/tracker_import_bench.py [--rows 20000] [--questions 8]

Makes a throwaway SQLite database in a temporary folder (migrated from scratch), one council with ten teams
and the default audit tools, then writes a council-style tracker workbook of `--rows` audits (child, team,
date, auditor, overall grade, one column per grade question of the full case audit, a moderated grade on
one row in ten) and times, in one process: the upload (reading the workbook, finding the heading row,
guessing the mapping and the value maps) and the run (checking every row, then writing the closed round,
its audits, answers, revisions, moderations and their trail in one transaction).
Figures only: nothing is asserted (the import runs in the request, so its time is the user's wait).
"""

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GRADES = ["Outstanding", "Good", "Requires improvement", "Inadequate"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000, help="audits in the tracker (the cap is 20,000)")
    parser.add_argument("--questions", type=int, default=8, help="grade questions given a column each")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="tracker-bench-"))
    os.environ["TRIANGULATE_DATA_DIR"] = str(folder)
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "triangulate.config.settings.local"
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from openpyxl import Workbook

    from triangulate.audits.models import Answer, CaseAudit, Question
    from triangulate.audits.services import importer
    from triangulate.audits.services.tools import ensure_default_tools
    from triangulate.core.authority import System
    from triangulate.core.models import AuditEvent
    from triangulate.core.roles import Role
    from triangulate.people import services as people
    from triangulate.people.models import Council, Region, ServiceArea, Team

    call_command("migrate", verbosity=0)
    council = Council.objects.create(name="Benchshire", la_code="991", region=Region.NORTH_EAST)
    area = ServiceArea.objects.create(council=council, name="Safeguarding")
    teams = [Team.objects.create(council=council, name=f"Safeguarding {n}", team_type="locality_safeguarding",
                                 service_area=area) for n in range(1, 11)]
    ensure_default_tools(actor=System.COMMAND_LINE, council=council)
    qa_lead = people.create_account(actor=System.COMMAND_LINE, username="bench.qalead", password="bench-password-1",
                                    role=Role.QA_LEAD)
    questions = list(Question.objects.filter(section__version__tool__key="full_case_audit",
                                             section__version__status="live", answer_type="grade")
                     .order_by("section__number", "number")[:args.questions])

    rng = random.Random(1)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Audits")
    sheet.append(["CHILD ID", "Allocated Team", "Date of audit", "Auditor", "Overall judgement",
                  *[q.text for q in questions], "Moderated grade"])
    for i in range(args.rows):
        sheet.append([f"C{100_000 + i}", rng.choice(teams).name, date(2024, 1, 1) + timedelta(days=rng.randrange(700)),
                      "", rng.choice(GRADES), *[rng.choice(GRADES) for _ in questions],
                      rng.choice(GRADES) if i % 10 == 0 else None])
    path = folder / "tracker.xlsx"
    book.save(path)
    print(f"tracker: {args.rows:,} rows x {5 + len(questions) + 1} columns, {path.stat().st_size / 1e6:.1f} MB")

    t0 = time.perf_counter()
    tracker = importer.upload_tracker(actor=qa_lead, council=council,
                                      uploaded=SimpleUploadedFile("tracker.xlsx", path.read_bytes()))
    t1 = time.perf_counter()
    if os.environ.get("BENCH_PROFILE"):
        import cProfile
        import pstats

        profile = cProfile.Profile()
        tracker = profile.runcall(importer.run_import, actor=qa_lead, tracker=tracker)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(35)
    else:
        tracker = importer.run_import(actor=qa_lead, tracker=tracker)
    t2 = time.perf_counter()
    if tracker.status != "imported":
        print("not imported:", list(tracker.errors.values_list("row", "column", "problem")[:5]))
        return 1
    print(f"upload (read, heading row, mapping, value maps): {t1 - t0:6.1f} s")
    print(f"run (check every row, write all):                {t2 - t1:6.1f} s")
    print(f"written: {CaseAudit.objects.count():,} audits, {Answer.objects.count():,} answers, "
          f"{AuditEvent.objects.filter(verb='case_audit.imported').count():,} trail events")
    return 0


if __name__ == "__main__":
    sys.exit(main())
