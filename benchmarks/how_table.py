"""Print the Markdown table of how each sequence was solved, from a JSON benchmark run.

    progsearch bench --solvers progsearch --json > run.json
    python benchmarks/how_table.py run.json
"""

import json
import sys

from progsearch.bench.how import markdown

if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python benchmarks/how_table.py RUN.json")
    with open(sys.argv[1]) as f:
        print(markdown(json.load(f)["tiers"]["all"]["by_how"]))
