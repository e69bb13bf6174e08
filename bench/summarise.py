"""The benchmark's ratios (issue targets), from one run of bench/run.sh: prints Markdown.

- cached pages: requests per second as a share of the static file's, in the same run
  (target: at least 50 %);
- uncached pages: server + database CPU per request as a share of bakerydemo's page of the
  same kind (target: at most one third); bakerydemo measured in the same run when
  bench/run.sh had BAKERYDEMO_URL, else its figures in ../shared/bench/bakerydemo-baseline.md;
- the candidate directory's first render with nothing kept (cold), in each language, as a
  share of bakerydemo's blog index (issue 22: at most one third).

Usage: python bench/summarise.py bench/results/<run>
"""

import json
import re
import sys
from pathlib import Path

# ../shared/bench/bakerydemo-baseline.md, server+DB CPU ms per request (median of 5 runs).
BAKERYDEMO_BASELINE = {"home": 61.0, "index": 47.4, "article": 30.6, "search": 56.5}
BAKERYDEMO_PATHS = {"/": "home", "/blog/": "index", "/blog/wild-yeast/": "article"}


def kind(path):
    if "search" in path:
        return "search"
    if path.endswith((".xml", ".csv", "feed/")) or path.startswith("/static/"):
        return None
    depth = path.strip("/").count("/")
    return {0: "home", 1: "index"}.get(depth, "article")


def load(run, name):
    path = run / f"{name}.json"
    return json.loads(path.read_text())["results"] if path.exists() else None


def cpu(result):
    return result["single"].get("cpu", {}).get("server_cpu_ms_per_req")


def rps(result):
    return (result.get("load") or {}).get("rps")


def main(run):
    run = Path(run)
    uncached, cached, bakery = load(run, "uncached"), load(run, "cached"), load(run, "bakerydemo")
    cold = {r["path"]: r for r in (load(run, "cold") or [])}
    reference, source = dict(BAKERYDEMO_BASELINE), "bakerydemo-baseline.md (another run)"
    if bakery:
        source = "bakerydemo in this run"
        for result in bakery:
            name = BAKERYDEMO_PATHS.get(result["path"].split("?")[0], "search")
            if cpu(result):
                reference[name] = cpu(result)
    static = next((r for r in cached if r["path"].startswith("/static/")), None)
    static_rps = rps(static) if static else None
    by_path = {r["path"]: r for r in cached}

    lines = [
        f"# Benchmark {run.name}",
        "",
        f"Static file (whitenoise): {static_rps:.0f} req/s." if static_rps else "",
        "",
        "| page | kind | uncached p50 ms | uncached req/s | uncached CPU ms/req | vs bakerydemo | "
        "cold CPU ms/req | cold vs bakerydemo | cached p50 ms | cached req/s | cached / static |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    worst_cpu_ratio, worst_static_ratio, worst_cold_ratio = 0.0, 1e9, 0.0
    directory = {}  # the candidate directories (the demo's slugs: /kk/kandidattar/, /ru/kandidaty/)
    for result in uncached:
        path = result["path"]
        page_kind = kind(path)
        ratio = cpu(result) / reference[page_kind] if page_kind and cpu(result) else None
        hit = by_path.get(path)
        share = rps(hit) / static_rps if hit and rps(hit) and static_rps else None
        first = cold.get(path)
        cold_ratio = (
            cpu(first) / reference[page_kind] if first and page_kind and cpu(first) else None
        )
        if cold_ratio is not None:
            worst_cold_ratio = max(worst_cold_ratio, cold_ratio)
            if page_kind == "index" and "/kandidat" in path:
                directory[path] = cold_ratio
        if ratio is not None:
            worst_cpu_ratio = max(worst_cpu_ratio, ratio)
        if share is not None:
            worst_static_ratio = min(worst_static_ratio, share)
        lines.append(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |".format(
                re.sub(r"\?.*", "?q=…", path),
                page_kind or "other",
                _n(result["single"]["p50_ms"], 1),
                _n(rps(result), 0),
                _n(cpu(result), 1),
                f"{ratio:.2f}" if ratio is not None else "",
                _n(cpu(first), 1) if first else "",
                f"{cold_ratio:.2f}" if cold_ratio is not None else "",
                _n(hit["single"]["p50_ms"], 1) if hit else "",
                _n(rps(hit), 0) if hit else "",
                f"{share:.0%}" if share is not None else "",
            )
        )
    lines += [
        "",
        f"bakerydemo reference (server+DB CPU ms/req), {source}: "
        + ", ".join(f"{k} {v:.1f}" for k, v in reference.items()),
        "",
        f"- Uncached: highest CPU per request relative to bakerydemo's page of the same kind: "
        f"{worst_cpu_ratio:.2f} (target at most 0.33): "
        f"{'met' if worst_cpu_ratio <= 1 / 3 else 'NOT met'}.",
        f"- Cold (nothing kept between renders, the first render after a purge): highest CPU "
        f"per request relative to bakerydemo: {worst_cold_ratio:.2f} (reported; the target is "
        f"stated for uncached renders).",
        "- The candidate directory's first render (cold) relative to bakerydemo's blog index: "
        + ", ".join(f"{path} {ratio:.2f}" for path, ratio in directory.items())
        + " (target at most 0.33): "
        + ("met." if directory and max(directory.values()) <= 1 / 3 else "NOT met."),
        f"- Cached: lowest throughput relative to the static file: {worst_static_ratio:.0%} "
        f"(target at least 50 %): {'met' if worst_static_ratio >= 0.5 else 'NOT met'}.",
    ]
    print("\n".join(lines))


def _n(value, digits):
    return "" if value is None else f"{value:.{digits}f}"


if __name__ == "__main__":
    main(sys.argv[1])
