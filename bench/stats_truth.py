#!/usr/bin/env python3
"""Checks `protokoll-query stats` against the ground truth of a generated corpus.

Usage: stats_truth.py --db DB --truth TRUTH.jsonl [--bin BUILD/query]

TRUTH is gen_corpus.py's --truth file for the corpus indexed into DB. For every --by
dimension (year, municipality, county, body; not topic: the generator's taxonomy is not
Protokoll's) the script asks protokoll-query for
  all items      `stats datum:1000..2999`: items and meetings per bucket
  with decision  `stats 'beslut:*'`: items that record a decision, and their meetings
and computes the same counts from the truth file (an item's year, county, body and
municipalities are its meeting's). It prints, per dimension and
count, how many buckets agree exactly and the largest difference, then the buckets that
differ (at most --show). Exit 0 when every count agrees, 1 when some differ, 2 on bad usage.
"""
import argparse
import collections
import json
import os
import subprocess
import sys

ALL = "datum:1000..2999"  # every dated item: the truth dates every meeting
DIMENSIONS = ("year", "municipality", "county", "body")


def truth_counts(path):
    """{(query, by): {bucket: [items, meetings]}} from the truth file."""
    out = collections.defaultdict(lambda: collections.defaultdict(lambda: [0, set()]))
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f):
            m = json.loads(line)
            date = m.get("meeting_date") or ""
            meeting_keys = {
                "year": [date[:4]] if date else [],
                "municipality": m.get("municipalities") or [],
                "county": [m["county"]] if m.get("county") else [],
                "body": [m["body"]] if m.get("body") else [],
            }
            for item in m.get("items", []):
                queries = [ALL] + (["beslut:*"] if item.get("decision") else [])
                for by in DIMENSIONS:
                    keys = meeting_keys[by]
                    for q in queries:
                        for k in set(keys):
                            cell = out[(q, by)][k]
                            cell[0] += 1
                            cell[1].add(n)
    return {key: {b: (c[0], len(c[1])) for b, c in v.items()} for key, v in out.items()}


def tool_counts(binary, db, query, by):
    r = subprocess.run([binary, "stats", "--db", db, "--by", by, "--format", "json", query],
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"protokoll-query stats failed ({r.returncode}): {r.stderr.strip()}")
    return {b["bucket"]: (b["items"], b["meetings"]) for b in json.loads(r.stdout)["buckets"]}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 usage=__doc__.split("\n\n")[1].removeprefix("Usage: "))
    ap.add_argument("--db", required=True)
    ap.add_argument("--truth", required=True)
    ap.add_argument("--bin", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                  "..", "build", "query"))
    ap.add_argument("--show", type=int, default=5, help="differing buckets to print per row")
    a = ap.parse_args()
    binary = os.path.join(a.bin, "protokoll-query")
    if not os.path.exists(binary):
        ap.error(f"no protokoll-query in {a.bin}")
    truth = truth_counts(a.truth)
    print("| query | by | count | buckets | agree | largest difference |")
    print("|---|---|---|---:|---:|---:|")
    all_agree = True
    shown = []
    for q in (ALL, "beslut:*"):
        for by in DIMENSIONS:
            want = truth.get((q, by), {})
            got = tool_counts(binary, a.db, q, by)
            for col, name in ((0, "items"), (1, "meetings")):
                buckets = sorted(set(want) | set(got))
                diffs = [(b, want.get(b, (0, 0))[col], got.get(b, (0, 0))[col]) for b in buckets]
                bad = [d for d in diffs if d[1] != d[2]]
                worst = max((abs(w - g) for _, w, g in bad), default=0)
                all_agree = all_agree and not bad
                print(f"| `{q}` | {by} | {name} | {len(buckets)} | {len(buckets) - len(bad)} "
                      f"| {worst} |")
                shown += [f"{q} {by} {name} {b!r}: truth {w}, stats {g}" for b, w, g in bad[:a.show]]
    if shown:
        print("\nBuckets that differ:")
        for s in shown:
            print("  " + s)
    return 0 if all_agree else 1


if __name__ == "__main__":
    sys.exit(main())
