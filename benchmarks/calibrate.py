"""Measure how often the printed confidence is right, on the public OEIS benchmark.

For each sequence: search the first 15 terms as ``progsearch guess`` does (its defaults), and
for each of the next 10 terms record the mixture's value, its weights and whether it is the
true term.  ``python benchmarks/calibrate.py run`` writes ``benchmarks/calibration.json`` (about
5 minutes of CPU); ``python benchmarks/calibrate.py table`` prints the Markdown table of
benchmarks/README.md and the ``CALIBRATION`` constant of progsearch/confidence.py from it.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from progsearch.bench import load_benchmark
from progsearch.confidence import LEVELS, Confidence, confidence
from progsearch.search import search

HERE = Path(__file__).parent
OUT = HERE / "calibration.json"
SHOWN, PREDICTED = 15, 10


def measure(entry: dict) -> dict:
    """The search on the first 15 terms, and each of the next 10 terms' confidence and truth."""
    terms, offset = entry["terms"], entry["offset"]
    r = search(terms[:SHOWN], offset=offset)  # the defaults of progsearch guess
    truth = terms[SHOWN:SHOWN + PREDICTED]
    rows = confidence(r, len(truth))
    pick = r.best.continuation(offset + SHOWN, len(truth))
    return {"id": entry["id"], "tier": entry["tier"], "pick": r.best.form,
            "bits": r.best.bits, "max_size": r.stats.max_size, "stopped_by": r.stats.stopped_by,
            "terms": [{"value": c.value, "p": c.p, "p_lookup": c.p_lookup,
                       "p_unsearched": c.p_unsearched, "ratio": c.ratio, "agree": c.agree,
                       "right": c.value == t,
                       "pick_right": pick is not None and pick[j] == t}
                      for j, (c, t) in enumerate(zip(rows, truth))]}


def run() -> None:
    entries = load_benchmark()
    started, out = time.perf_counter(), []
    for i, entry in enumerate(entries, 1):
        out.append(measure(entry))
        print(f"[{i}/{len(entries)}] {entry['id']} {time.perf_counter() - started:.0f} s",
              file=sys.stderr)
    write(out)


def write(data: list[dict]) -> None:
    """One sequence a line, shares in 6 significant digits."""
    def short(x):
        return float(f"{x:.6g}") if isinstance(x, float) else x

    lines = [json.dumps({k: ([{kk: short(vv) for kk, vv in t.items()} for t in v]
                             if k == "terms" else short(v)) for k, v in seq.items()})
             for seq in data]
    OUT.write_text("[\n" + ",\n".join(lines) + "\n]\n")


def level(t: dict) -> str:
    return Confidence(0, t["value"], t["p"], t["p_lookup"], t["p_unsearched"], 0.0,
                      t["ratio"], t["agree"]).level


def table() -> None:
    data = json.loads(OUT.read_text())
    counts: dict[str, list[int]] = {}
    firsts: dict[str, list[int]] = {}
    for seq in data:
        for j, t in enumerate(seq["terms"]):
            for store in ([counts, firsts] if j == 0 else [counts]):
                right_made = store.setdefault(level(t), [0, 0])
                right_made[0] += t["right"]
                right_made[1] += 1
    print("| printed confidence | when | predictions | right | share right "
          "| first predicted term: right / made |")
    print("|---|---|---|---|---|---|")
    for words, most, least in LEVELS:
        right, made = counts.get(words, [0, 0])
        r1, m1 = firsts.get(words, [0, 0])
        when = ("every other prediction" if most == float("inf") else
                f"pick <= {most:.3g} of the table's bits, agreement >= {least:g}")
        share = f"{right / made:.1%}" if made else "-"
        print(f"| {words} | {when} | {made} | {right} | {share} | {r1} / {m1} |")
    made = counts.get("no prediction", [0, 0])[1]
    print(f"| no prediction | nothing found predicts the term | {made} | - | - | - |")
    print("\nCALIBRATION = " + repr({w: tuple(counts[w]) for w, _, _ in LEVELS if w in counts}))


if __name__ == "__main__":
    {"run": run, "table": table}[
        sys.argv[1] if len(sys.argv) > 1 else "table"]()
