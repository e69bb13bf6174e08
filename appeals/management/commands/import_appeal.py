from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from appeals.lines import AppealFileError
from appeals.parse import parse_appeal
from appeals.write import import_appeal


class Command(BaseCommand):
    help = (
        "Import a bilingual (Kazakh and Russian) appeal, a UTF-8 text or Word (.docx) file: the "
        "first half becomes the page, the other half its wagtail-localize translation. "
        "Re-importing updates; an appeal in review or locked is refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--publish", action="store_true", help="Publish both languages (default: drafts)."
        )

    def handle(self, *args, path: Path, publish: bool, **options):
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from error
        try:
            parsed = parse_appeal(raw, path.name)
            result = import_appeal(parsed, publish=publish)
        except AppealFileError as error:
            raise CommandError(f"{path}: {error}") from error
        verb = "Created" if result.created else "Updated"
        state = "published" if publish else "saved as drafts"
        self.stdout.write(
            f"{verb} appeal {parsed.number or result.source.slug} "
            f"({result.source.locale.language_code} → {result.translation.locale.language_code}),"
            f" {state}."
        )
