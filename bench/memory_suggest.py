"""Time of a translation-memory suggestion (`editorial.memory.suggest`) over a memory of
100,000 entries (50,000 approved pairs, both directions).

The entries are made from the seed appeal's aligned Kazakh and Russian paragraphs: windows
of 6 to 30 words, one to three words swapped for others of the same text, and a number,
so that many entries look alike, as in a memory of appeals and news that repeat each
other. The queries are texts from the memory with one word changed (close matches), texts
as they are (exact), and new texts made the same way.

Runs in a throwaway test database: SQLite by default, PostgreSQL with DATABASE_URL set.
Wall-clock times depend on what else the machine runs; the CPU time of this process (on
SQLite, the database's work included) much less.
`python bench/memory_suggest.py [ENTRIES]`
"""

import os
import random
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "federation_site.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from appeals.parse import parse_appeal  # noqa: E402
from editorial.memory import Pair, add_pairs, suggest  # noqa: E402
from tests.conftest import SEED  # noqa: E402

QUERIES = 300


def seed_paragraphs():
    halves = parse_appeal(SEED.read_bytes()).halves
    kk, ru = halves[0], halves[1]
    return [(a.text.split(), b.text.split()) for a, b in zip(kk.body, ru.body, strict=False)]


def variant(rng, words, vocabulary, number):
    size = rng.randint(6, min(30, len(words)))
    start = rng.randint(0, len(words) - size)
    chosen = words[start : start + size]
    for _ in range(rng.randint(1, 3)):
        chosen[rng.randrange(len(chosen))] = rng.choice(vocabulary)
    chosen.insert(rng.randrange(len(chosen) + 1), str(number))
    return " ".join(chosen)


def make_pairs(count, rng):
    paragraphs = [p for p in seed_paragraphs() if len(p[0]) >= 6 and len(p[1]) >= 6]
    kk_vocabulary = sorted({w for kk, _ru in paragraphs for w in kk})
    ru_vocabulary = sorted({w for _kk, ru in paragraphs for w in ru})
    now = timezone.now()
    pairs = []
    for number in range(count):
        kk, ru = rng.choice(paragraphs)
        pairs.append(
            Pair(
                "kk",
                "ru",
                variant(rng, kk, kk_vocabulary, number),
                variant(rng, ru, ru_vocabulary, number),
                None,
                None,
                now - timezone.timedelta(minutes=number),
            )
        )
    return pairs, kk_vocabulary


def main():
    entries = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rng = random.Random(21)
    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        pairs, vocabulary = make_pairs(entries // 2, rng)
        start = time.perf_counter()
        created = add_pairs(pairs)
        print(
            f"{connection.vendor}: built {created} entries in {time.perf_counter() - start:.1f} s"
        )
        if connection.vendor == "postgresql":
            # What autovacuum does soon after a bulk load: the planner's statistics, and the
            # visibility map that lets the word index answer alone (index-only scans).
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE editorial_memoryentry")
                cursor.execute("VACUUM ANALYZE editorial_memoryword")
        kinds = {"close (one word changed)": [], "exact": [], "new text": []}
        for _ in range(QUERIES):
            pair = rng.choice(pairs)
            words = pair.source_text.split()
            words[rng.randrange(len(words))] = rng.choice(vocabulary)
            kinds["close (one word changed)"].append(("kk", "ru", " ".join(words)))
            kinds["exact"].append(("ru", "kk", rng.choice(pairs).target_text))
            kinds["new text"].append(("kk", "ru", variant(rng, words, vocabulary, 10**6)))
        for kind, queries in kinds.items():
            times = []
            cpu = []
            found = 0
            for source, target, text in queries:
                start, start_cpu = time.perf_counter(), time.process_time()
                result = suggest(source, target, text)
                times.append((time.perf_counter() - start) * 1000)
                cpu.append((time.process_time() - start_cpu) * 1000)
                found += bool(result)
            times.sort()
            print(
                f"suggest, {kind}: median {statistics.median(times):.1f} ms, "
                f"p95 {times[int(len(times) * 0.95)]:.1f} ms, max {times[-1]:.1f} ms; "
                f"CPU median {statistics.median(cpu):.1f} ms "
                f"({found}/{len(queries)} with suggestions)"
            )
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main()
