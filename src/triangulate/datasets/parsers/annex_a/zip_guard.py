"""Refuse a file that is not a zip, or a zip that would inflate too far (a zip bomb), before anything unpacks it.

An .xlsx workbook is a zip archive. Both readers of councils' workbooks (the Annex A extract and the case file
audit tracker) check the archive here first, each with its own limits and its own error class, so the checks
cannot drift apart."""

import zipfile

# A zip's parts are streamed through in chunks of this size to prove their declared sizes honest.
_CHUNK = 1 << 20


def check_zip(path, name, *, error, max_members, max_unpacked, expected, max_ratio=None, ratio_floor=0):
    """Raise `error` (an exception class taking a message) unless the file at `path`, shown to people as `name`,
    is a zip of at most `max_members` parts that unpacks to at most `max_unpacked` bytes and, when `max_ratio` is
    given, does not unpack more than `max_ratio` times its packed size once it passes `ratio_floor` bytes.
    `expected` ends the size message ("a workbook under 1,024 MB unpacked")."""
    if not zipfile.is_zipfile(path):
        raise error(f"{name}: is not an Excel .xlsx workbook (an .xlsx file is a zip archive; this one is not). "
                    "Save it from Excel as 'Excel Workbook (.xlsx)', without a password.")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > max_members:
                raise error(f"{name}: holds {len(members):,} parts; expected an ordinary Excel workbook")
            inflated = sum(m.file_size for m in members)
            if inflated > max_unpacked:
                raise error(f"{name}: would unpack to more than {max_unpacked / 1024**2:,.0f} MB; "
                            f"expected {expected}")
            compressed = sum(m.compress_size for m in members) or 1
            if max_ratio is not None and inflated > ratio_floor and inflated / compressed > max_ratio:
                raise error(f"{name}: unpacks {inflated / compressed:,.0f} times larger than its size, "
                            "which is not what an Excel workbook does; refused as unsafe")
            for member in members:  # declared sizes must be honest: zipfile stops at them and checks CRCs
                with archive.open(member) as stream:
                    while stream.read(_CHUNK):
                        pass
    except error:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError, ValueError) as exc:
        raise error(f"{name}: the workbook is damaged and cannot be unpacked ({exc}); "
                    "expected an Excel .xlsx workbook") from exc
