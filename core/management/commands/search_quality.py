"""Measure search recall across word forms, per language (core/search/corpus.py).

For each pair (stem, inflected form) the public search is run twice, as a reader in that
language would: recall is the share of the pages found by the stem that the inflected form
finds too, summed over all pairs. Reads only (like the search page itself).

    manage.py search_quality                 # both languages
    manage.py search_quality --language kk --verbose --min-recall 95
"""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from core.search import kazakh
from core.search.corpus import PAIRS


def measure(language, pairs):
    """(found_by_stem, also_found_by_form, per-pair rows) for `pairs` in `language`."""
    from core.search.public import search_pages

    locale = Locale.objects.get(language_code=language)
    total = kept = 0
    rows = []
    for stem, form in pairs:
        by_stem = {page.pk for page in search_pages(locale, stem)}
        by_form = {page.pk for page in search_pages(locale, form)}
        total += len(by_stem)
        kept += len(by_stem & by_form)
        rows.append((stem, form, len(by_stem), len(by_form), len(by_stem - by_form)))
    return total, kept, rows


def percent(kept, total):
    return 100.0 * kept / total if total else 0.0


class Command(BaseCommand):
    help = "Search recall of inflected word forms against their stems, per language."

    def add_arguments(self, parser):
        parser.add_argument("--language", choices=sorted(PAIRS), action="append")
        parser.add_argument("--verbose", action="store_true", help="One line per pair.")
        parser.add_argument(
            "--min-recall",
            type=float,
            help="Fail (exit status 1) when a language's recall is below this percentage.",
        )

    def handle(self, *args, language=None, verbose=False, min_recall=None, **options):
        if not kazakh.available():
            self.stdout.write(f"Kazakh stems: unavailable ({kazakh.missing_reason()})")
        failures = []
        for code in language or sorted(PAIRS):
            total, kept, rows = measure(code, PAIRS[code])
            unfound = [row for row in rows if row[2] == 0]
            recall = percent(kept, total)
            full = sum(1 for row in rows if row[2] and not row[4])
            self.stdout.write(
                f"{code}: recall {recall:.1f}% ({kept} of {total} pages found by the stems "
                f"also found by the inflected forms; {full} of {len(rows)} pairs complete"
                + (f"; {len(unfound)} stems found nothing" if unfound else "")
                + ")"
            )
            if verbose:
                for stem, form, by_stem, by_form, missed in rows:
                    mark = "  " if not missed else "✗ "
                    self.stdout.write(
                        f"  {mark}{stem} → {form}: {by_stem} by the stem, {by_form} by the form"
                        + (f", {missed} missed" if missed else "")
                    )
            if min_recall is not None and (recall < min_recall or not total):
                failures.append(f"{code} {recall:.1f}% < {min_recall}%")
        if failures:
            raise CommandError("Recall below the minimum: " + ", ".join(failures))
