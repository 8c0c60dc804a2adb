"""Make sure the demo council exists, and print one login per role."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from triangulate.datasets.models import Upload
from triangulate.people.models import Council
from triangulate.synth.audits import add_demo_audits
from triangulate.synth.benchmark_data import load_demo_benchmarks
from triangulate.synth.demo import (
    DEFAULT_CHILDREN,
    DEMO_PASSWORD,
    demo_account_plan,
    generate_demo_council,
    refresh_demo_inspector,
)
from triangulate.synth.demo_data import MONTHLY_EXTRACTS, demo_story, import_demo_annex_a
from triangulate.synth.improvement import add_demo_improvement
from triangulate.synth.practice import add_demo_practice
from triangulate.synth.workforce import add_demo_workforce


class Command(BaseCommand):
    help = "Generate the synthetic demo council if the database has none, then list the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same council)")
        parser.add_argument("--children", type=int, default=DEFAULT_CHILDREN,
                            help="children aged 0 to 17 in the council (sets the number of localities and staff)")
        parser.add_argument("--extracts", type=int, default=MONTHLY_EXTRACTS,
                            help=f"monthly Annex A extracts to import, to the last month end (default {MONTHLY_EXTRACTS})")

    def _progress(self, upload):
        self._imported.append(upload.extract_date)
        # failed, or held as implausible: the demo must publish. (Still queued only inside an outer transaction,
        # as in tests: the import runs when it commits.)
        if upload.is_finished and upload.status != upload.Status.SUCCEEDED:
            raise CommandError(f"The demo extract of {upload.extract_date} was not imported "
                               f"({upload.get_status_display().lower()}): {upload.error or upload.plausibility}")

    def handle(self, *args, seed, children, extracts, **options):
        self._imported = []
        council = Council.objects.first()
        if council is None:
            try:
                demo = generate_demo_council(seed=seed, children=children)
            except ValueError as error:
                raise CommandError(str(error)) from error
            council = demo.council
            self.stdout.write(f"Generated {council.name}: {council.teams.count()} teams, "
                              f"{demo.staff_count} staff records (seed {seed}).")
        else:
            self.stdout.write(f"Using the existing council: {council.name}.")
            refresh_demo_inspector()
        upload = import_demo_annex_a(council, seed=seed, months=max(1, extracts), progress=self._progress)
        if upload is not None:
            self.stdout.write(f"Imported {len(self._imported)} monthly synthetic Annex A extracts, "
                              f"{self._imported[0]:%B %Y} to {upload.extract_date:%B %Y}; the latest has "
                              f"{upload.rows_read:,} rows, status {upload.get_status_display().lower()}.")
            self.stdout.write("The story in its figures (README, \"The demo council's story\"):")
            for line in demo_story(council, seed=seed, months=max(1, extracts)).describe():
                self.stdout.write(f"  - {line}")
        # The audits sample from a published extract (none yet when the imports wait for an outer transaction).
        published = Upload.objects.filter(council=council, status=Upload.Status.SUCCEEDED).exists()
        audits = add_demo_audits(council, seed=seed) if published else None
        if audits is not None:
            self.stdout.write(f"Made {audits['rounds']} audit rounds ({audits['audits']} case audits, the latest "
                              f"in progress) and imported {audits['imported']} audits of two years' history from a "
                              "tracker.")
        practice = add_demo_practice(council, seed=seed) if published else None
        if practice is not None:
            self.stdout.write(f"Made a practice week and {practice['events'] - 1} practice days ({practice['visits']} "
                              f"visits, {practice['notes']} notes, {practice['plan items']} action plan items); "
                              "heads of service sign in as demo.headofservice1 and demo.headofservice2.")
        improvement = add_demo_improvement(council, seed=seed) if published else None
        if improvement is not None:
            self.stdout.write(f"Made the improvement plan ({improvement['priorities']} priorities, "
                              f"{improvement['priority updates']} progress updates, {improvement['service plans']} "
                              "service plans), last year's published self-assessment and this year's draft, QPAG's "
                              "paragraphs, the top 10 and the workforce development plan.")
        workforce = add_demo_workforce(council, seed=seed) if published else None
        if workforce is not None:
            self.stdout.write(f"Made the workforce story: caseload targets, the weighting scheme with "
                              f"{workforce['overrides']} override, ASYE dates for {workforce['asye']} staff, last "
                              f"year's health check published with its plan ({workforce['plan rows']} rows) and "
                              "this year's open for answers.")
        benchmarks = load_demo_benchmarks(council, seed=seed)
        if benchmarks is not None:
            self.stdout.write(f"Uploaded {benchmarks.row_count} benchmark figures (England, region, neighbours).")
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for every account: {DEMO_PASSWORD}):")
        for role, (username, staff, _areas) in demo_account_plan(council, timezone.localdate()).items():
            who = f" – {staff.full_name}" if staff else ""
            self.stdout.write(f"  {role.label:<26} {username}{who}")

