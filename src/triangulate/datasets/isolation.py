"""Running the parse of an uploaded file (extract_job.py) in a child process, so that no file can stop the
worker: a reader that aborts (a native crash), runs out of memory or never ends takes only the child down,
and the import ends FAILED with a reason a QA lead understands.

The parent (the job worker, or `manage.py import_annex_a`) starts `python -m triangulate.datasets.isolation`
with its own settings module and data folder, sends it a small request on its standard input, and waits.
The child, before it imports anything heavy:
- limits itself: RLIMIT_DATA (the memory it may write: heap and private writable mappings) to
  TRIANGULATE_IMPORT_MEMORY_MB, and RLIMIT_CPU to TRIANGULATE_IMPORT_CPU_SECONDS. Not RLIMIT_AS: address
  space counts what DuckDB, Arrow and glibc reserve per thread but never touch (measured: 2.7 GB of address
  space for an import using 360 MB, and more on servers with more cores), so it would fail ordinary imports;
  under RLIMIT_DATA the allocators give way gracefully (the 60,000-children synthetic extract imports under
  800 MB, and below that DuckDB raises its own out-of-memory error rather than crashing);
- dies with its parent (PR_SET_PDEATHSIG on Linux, and a thread watching its parent's pid), so killing the
  worker never leaves an orphan reading child-level data; it ignores SIGINT and SIGTERM, which are the
  parent's to act on (a Ctrl-C or a service stop interrupts the job, it does not fail the file);
- never touches the database (the parent owns the upload's row; in tests the child could not see it);
- writes the tables as Parquet into the partial folder and pickles the small ParsedExtract into that folder:
  child-level tables never pass through a pipe.
While it waits, the parent stops the child when the QA lead cancels the import (leases.py), when it has run
for TRIANGULATE_IMPORT_WALL_SECONDS, or when the parent itself is interrupted (Ctrl-C, SIGTERM: the child is
killed before the exception goes on to the importer).
"""

import json
import logging
import os
import pickle
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from django.conf import settings

from triangulate.core.private_files import private_folder

log = logging.getLogger(__name__)

DEFAULT_JOB = "triangulate.datasets.extract_job.parse_extract"
POLL_SECONDS = 0.2
RESULT, ERRORS = ".parsed.pickle", ".child-errors.log"  # in the partial folder; removed when the child ends
EXIT_UNUSABLE, EXIT_MEMORY, EXIT_BUG = 2, 3, 4  # the child's exit codes besides 0 (a result was written)

MEMORY = ("The file needs more memory than an import may use ({limit:,} MB), so it was not imported. Check that "
          "it holds only the Annex A lists, with no stray cells far below or to the right of the data, then "
          "upload it again; if it really is that big, ask your administrator to raise the import memory limit.")
SYSTEM_MEMORY = ("The import was stopped by the server, most likely because the server ran short of memory while "
                 "reading this file. Nothing from it was saved. Try again later; if it happens again, ask your "
                 "administrator.")
CPU = ("Reading the file took more processing time than an import may use ({minutes:g} minutes), so it was "
       "stopped. Check that it holds only the Annex A lists, then upload it again.")
TOO_LONG = ("The import took longer than an import may take ({minutes:g} minutes), so it was stopped. Check that "
            "the file holds only the Annex A lists, then upload it again.")
CRASHED = ("The file could not be read: the program reading it stopped with an internal error ({signal}). "
           "Check that the file opens in Excel and is saved as an Excel workbook (.xlsx), then upload it again.")


class ExtractFailed(Exception):
    """The file could not be parsed (the child process died or went over its limits); the message says why
    in words a QA lead understands."""


def limits():
    """(memory MB, CPU seconds, wall-clock seconds) an import's child process may use."""
    cpu = int(getattr(settings, "TRIANGULATE_IMPORT_CPU_SECONDS", 1800))
    return (int(getattr(settings, "TRIANGULATE_IMPORT_MEMORY_MB", 4096)), cpu,
            int(getattr(settings, "TRIANGULATE_IMPORT_WALL_SECONDS", 2 * cpu)))


def parse_extract(upload, source_path, folder):
    """Parse `source_path` in a child process that writes the tables into `folder`; the ParsedExtract, or
    ExtractFailed (also for the reader's AnnexAError, whose message it keeps), or leases.Cancelled."""
    from . import leases  # here, not at the top: the child imports this module before Django is set up

    population = upload.council.population_for(upload.extract_date.year - 1) or \
        upload.council.population_for(upload.extract_date.year)
    memory_mb, cpu_seconds, wall_seconds = limits()
    folder = Path(folder)
    shutil.rmtree(folder, ignore_errors=True)  # an earlier attempt's leftovers
    private_folder(folder)
    request = {"job": getattr(settings, "TRIANGULATE_EXTRACT_JOB", DEFAULT_JOB), "source_path": str(source_path),
               "folder": str(folder), "extract_date": upload.extract_date.isoformat(), "population": population,
               "memory_mb": memory_mb, "cpu_seconds": cpu_seconds, "parent_pid": os.getpid(), "sys_path": sys.path}
    lease = leases.current(upload.pk)
    started = time.monotonic()
    with open(folder / ERRORS, "wb") as errors:
        child = subprocess.Popen([sys.executable, "-m", __name__], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                 stderr=errors, env=_child_environment(), start_new_session=True)
    try:
        try:
            child.stdin.write(json.dumps(request).encode())
            child.stdin.close()
        except BrokenPipeError:  # it died at once: its exit status says why
            pass
        code, usage = _wait(child, lease, started, wall_seconds)
        log.info("import of upload %s: child process ended %s after %.1f s, peak memory %d MB, CPU %.1f s",
                 upload.pk, code, time.monotonic() - started, usage.ru_maxrss // 1024,
                 usage.ru_utime + usage.ru_stime)
        return _outcome(upload, folder, code, memory_mb, cpu_seconds)
    finally:
        if child.returncode is None:  # cancelled, too long, or this process interrupted: the child goes first
            child.kill()
            child.wait()
        (folder / RESULT).unlink(missing_ok=True)
        (folder / ERRORS).unlink(missing_ok=True)


def _wait(child, lease, started, wall_seconds):
    """Wait for the child, watching for a cancel and the time limit; (exit code, its resource usage)."""
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            child.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
            return child.returncode, usage
        if lease is not None:
            lease.raise_if_stopped()
        if time.monotonic() > started + wall_seconds:
            raise ExtractFailed(TOO_LONG.format(minutes=round(wall_seconds / 60, 1)))
        if lease is not None:
            lease.stopped.wait(POLL_SECONDS)  # wakes at once on a cancel
        else:
            time.sleep(POLL_SECONDS)


def _outcome(upload, folder, code, memory_mb, cpu_seconds):
    if code in (0, EXIT_UNUSABLE):
        with open(folder / RESULT, "rb") as handle:
            result = pickle.load(handle)  # written by our own child into our own private folder
        if code == 0:
            return result
        raise ExtractFailed(result)
    head, errors = _ends(folder / ERRORS)
    # a native allocation that failed aborts: Rust says "memory allocation of N bytes failed" first (then a
    # backtrace), C++ "std::bad_alloc"
    if code == EXIT_MEMORY or (code == -signal.SIGABRT and any(
            sign in head or sign in errors for sign in (b"memory allocation of", b"bad_alloc"))):
        raise ExtractFailed(MEMORY.format(limit=memory_mb))
    log.warning("import of upload %s: the child process ended with %s; its output began:\n%s\n...and ended:\n%s",
                upload.pk, _describe(code), head.decode(errors="replace"), errors.decode(errors="replace"))
    if code == EXIT_BUG:
        raise RuntimeError("the import's child process failed (its traceback is logged above)")
    if code == -signal.SIGXCPU:
        raise ExtractFailed(CPU.format(minutes=round(cpu_seconds / 60, 1)))
    if code == -signal.SIGKILL:  # not ours (we reap what we kill): the kernel's out-of-memory killer, or a person
        raise ExtractFailed(SYSTEM_MEMORY)
    raise ExtractFailed(CRASHED.format(signal=_describe(code)))


def _describe(code):
    if code < 0:
        try:
            return signal.Signals(-code).name
        except ValueError:
            return f"signal {-code}"
    return f"exit code {code}"


def _ends(path, size=4000):
    """The first and last `size` bytes of the child's error output."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(size)
            handle.seek(max(len(head), handle.seek(0, os.SEEK_END) - size))
            return head, handle.read()
    except OSError:
        return b"", b""


def _child_environment():
    """The parent's environment, with its settings module and data folder (a test's DATA_DIR included), and
    the folder holding the triangulate package importable."""
    import triangulate

    package_parent = str(Path(triangulate.__file__).resolve().parents[1])
    # the environment names the module Django was set up from (settings.SETTINGS_MODULE is None while a test
    # overrides settings)
    module = os.environ.get("DJANGO_SETTINGS_MODULE") or settings.SETTINGS_MODULE
    env = dict(os.environ, DJANGO_SETTINGS_MODULE=module, TRIANGULATE_DATA_DIR=str(settings.DATA_DIR),
               PYTHONFAULTHANDLER="1")  # a native crash prints where it happened (no values) to the errors log
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_parent, os.environ.get("PYTHONPATH")) if p)
    return env


# ---- the child ----------------------------------------------------------------------------------------------

def _limit_self(memory_mb, cpu_seconds):
    import resource

    resource.setrlimit(resource.RLIMIT_DATA, (memory_mb << 20, memory_mb << 20))
    # soft limit: SIGXCPU (we report it); hard limit a little later: SIGKILL if SIGXCPU was somehow survived
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 10))
    # no core dump of a crash: it would be a copy of child-level data wherever the process happened to run
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _die_with_parent(parent_pid):
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)

    def watch():  # elsewhere (and if the parent died before prctl): notice within a second
        while os.getppid() == parent_pid:
            time.sleep(1)
        os._exit(1)

    if os.getppid() != parent_pid:
        os._exit(1)
    threading.Thread(target=watch, daemon=True).start()


def _no_database(execute, sql, params, many, context):
    raise RuntimeError("an import's child process must not use the database")


def _write_result(folder, value):
    path = Path(folder) / RESULT
    temporary = path.with_suffix(".partial")
    with open(temporary, "wb") as handle:
        pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
    temporary.rename(path)


def child_main():
    request = json.loads(sys.stdin.buffer.read())
    _limit_self(request["memory_mb"], request["cpu_seconds"])
    _die_with_parent(request["parent_pid"])
    sys.path.extend(p for p in request["sys_path"] if p not in sys.path)  # e.g. a test's own modules
    folder = request["folder"]
    try:
        return _run_job(request)
    except MemoryError:  # Python's, and Arrow's (ArrowMemoryError is one); also while setting up
        return EXIT_MEMORY
    except Exception as error:
        if type(error).__name__ == "OutOfMemoryException":  # DuckDB's
            return EXIT_MEMORY
        from triangulate.datasets.parsers.annex_a.issues import AnnexAError

        if isinstance(error, AnnexAError):  # the file cannot be used: the reader says why
            _write_result(folder, str(error))
            return EXIT_UNUSABLE
        import traceback

        # the frames and the exception's type, not its message: a message may quote a cell's value
        sys.stderr.write("".join(traceback.format_tb(error.__traceback__)) + type(error).__qualname__ + "\n")
        return EXIT_BUG


def _run_job(request):
    from datetime import date

    import django

    django.setup()
    from django.db import connection
    from django.utils.module_loading import import_string

    job = import_string(request["job"])
    with connection.execute_wrapper(_no_database):
        parsed = job(request["source_path"], Path(request["folder"]), date.fromisoformat(request["extract_date"]),
                     request["population"])
    _write_result(request["folder"], parsed)
    return 0


if __name__ == "__main__":
    sys.exit(child_main())
