"""Time to parse a 10,000-paragraph bilingual appeal file (the parser must stay linear)."""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "federation_site.settings.dev")

import django  # noqa: E402

django.setup()

from appeals.parse import parse_appeal  # noqa: E402


def appeal_file(paragraphs):
    kk = "\n\n".join(f"Қазақша азат жол {n}." for n in range(paragraphs))
    ru = "\n\n".join(f"Русский абзац {n}." for n in range(paragraphs))
    return (
        f"ҮНДЕУ\n\n677\n\n{kk}\n\nБас кеңестің қаулысымен қабылданды\n\n"
        f"ОБРАЩЕНИЕ\n\n677\n\n{ru}\n\nПринято постановлением"
    ).encode()


for paragraphs in (1_000, 10_000):
    raw = appeal_file(paragraphs)
    best = min(
        (lambda start: (parse_appeal(raw), time.perf_counter() - start)[1])(time.perf_counter())
        for _ in range(3)
    )
    print(
        f"parse {paragraphs:>6} paragraphs per half ({len(raw) // 1024} KB): {best * 1000:.0f} ms"
    )
