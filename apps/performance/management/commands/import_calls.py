"""manage.py import_calls FILE --profile NAME [--kind calls|intervals]"""

import os

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from apps.performance.importing import load_file
from apps.performance.models import ImportKind
from apps.performance.profiles import get_profile, profiles


class _Counted:
    """A binary file that moves a progress bar by the bytes read."""

    def __init__(self, handle, bar):
        self.handle, self.bar = handle, bar

    def readable(self):
        return True

    def read(self, size=-1):
        data = self.handle.read(size)
        self.bar.update(len(data))
        return data

    def read1(self, size=-1):
        data = self.handle.read1(size)
        self.bar.update(len(data))
        return data

    def readinto(self, buffer):
        n = self.handle.readinto(buffer)
        self.bar.update(n or 0)
        return n

    def readline(self, size=-1):
        data = self.handle.readline(size)
        self.bar.update(len(data))
        return data

    def seekable(self):
        return self.handle.seekable()

    def tell(self):
        return self.handle.tell()

    def seek(self, offset, whence=0):
        return self.handle.seek(offset, whence)

    def __getattr__(self, name):
        return getattr(self.handle, name)


class Command(BaseCommand):
    help = "Import a phone system export (call-level rows or interval totals): all or nothing."
    # The system checks import every page's code (PDF and chart libraries among them): a
    # second and 100 MB before the first row, for a command that needs none of it.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--profile", default="generic", choices=sorted(profiles()))
        parser.add_argument("--kind", default=ImportKind.CALLS, choices=ImportKind.values)
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, **options):
        path = options["file"]
        if not os.path.exists(path):
            raise CommandError(f"No such file: {path}")
        profile = get_profile(options["profile"])
        with (
            open(path, "rb", buffering=1024 * 1024) as raw,
            tqdm(
                total=os.path.getsize(path),
                unit="B",
                unit_scale=True,
                desc="Importing",
                disable=options["no_progress"],
            ) as bar,
        ):
            result = load_file(_Counted(raw, bar), kind=options["kind"], profile=profile)
        if not result.ok:
            for error in result.errors:
                self.stderr.write(f"line {error['line']}, {error['column']}: {error['message']}")
            if result.error_count > len(result.errors):
                self.stderr.write(f"... and {result.error_count - len(result.errors)} more")
            raise CommandError(f"{result.error_count} bad rows: nothing was imported from {path}")
        self.stdout.write(
            f"{result.rows} rows read, {result.loaded} imported, {result.duplicates} already held"
        )
