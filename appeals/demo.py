"""Demo content of the appeals app: the Federation's 2023 election appeal."""

from pathlib import Path

from appeals.importer import parse_appeal
from appeals.importing import import_appeal

SEEDS = Path(__file__).resolve().parent / "seeds"


def load(stdout=None):
    for seed in sorted(SEEDS.glob("*.txt")):
        result = import_appeal(parse_appeal(seed.read_bytes()), publish=True)
        if stdout:
            stdout.write(f"Appeal {result.source.number}: {result.source.url_path}")
