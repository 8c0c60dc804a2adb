"""Where imported child-level tables live: Parquet files in the data folder, one folder per upload.

A folder is written under a temporary name and renamed into place only when complete, so a
failed or interrupted import never leaves a half-written upload, and earlier uploads are never
touched.
"""

import shutil
from pathlib import Path

import pyarrow.parquet as pq
from django.conf import settings


def root():
    path = Path(settings.DATA_DIR) / "annex_a"
    path.mkdir(parents=True, exist_ok=True)
    return path


def upload_folder(upload_id):
    return root() / f"upload-{upload_id}"


def incoming_root():
    folder = Path(settings.DATA_DIR) / "incoming"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def incoming_path(upload_id, suffix):
    return incoming_root() / f"upload-{upload_id}{suffix}"


def discard_incoming(path):
    """Remove the copy of an uploaded file (or CSV folder) once its import has ended: the Parquet tables
    are what is kept, and child-level data is not kept twice. Only paths in the incoming folder are
    touched, never a file the import was pointed at elsewhere."""
    path = Path(path).resolve()
    if path.parent != incoming_root().resolve():
        return
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def write_tables(upload_id, tables):
    final = upload_folder(upload_id)
    temporary = final.with_name(final.name + ".partial")
    shutil.rmtree(temporary, ignore_errors=True)
    temporary.mkdir(parents=True)
    try:
        for number, table in tables.items():
            pq.write_table(table, temporary / f"list_{number}.parquet")
        temporary.rename(final)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return final


def read_tables(upload_id):
    folder = upload_folder(upload_id)
    return {int(p.stem.split("_")[1]): pq.read_table(p) for p in sorted(folder.glob("list_*.parquet"))}


def discard(upload_id):
    shutil.rmtree(upload_folder(upload_id), ignore_errors=True)
    shutil.rmtree(upload_folder(upload_id).with_name(f"upload-{upload_id}.partial"), ignore_errors=True)
