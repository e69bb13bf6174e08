"""Demo content of the appeals app: the Federation's 2023 election appeal."""

from pathlib import Path

from appeals.models import AppealPage
from appeals.parse import parse_appeal
from appeals.write import import_appeal

SEEDS = Path(__file__).resolve().parent / "seeds"


def load(stdout=None):
    for seed in sorted(SEEDS.glob("*.txt")):
        parsed = parse_appeal(seed.read_bytes())
        if parsed.number and AppealPage.objects.filter(number=parsed.number).exists():
            continue  # already loaded: a second `make run` adds no revisions
        result = import_appeal(parsed, publish=True)
        if stdout:
            stdout.write(f"Appeal {result.source.number}: {result.source.url_path}")
