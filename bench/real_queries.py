#!/usr/bin/env python3
"""Retrieval quality on real minutes, with queries judged by reading them.

  real_queries.py [--bin DIR] [--data DIR] [--set NAME ...] [--show N] [--work DIR]

Each set is a TSV in bench/real_queries/ (query, relevant items best first, why), written
by reading real minutes before any of its queries was run. Its `# corpus:` line names the
minutes: `seeds` (../shared/seeds), `kungsbacka` (../shared/data/minutes-kungsbacka/files)
or `nykarleby` (the PDFs in ../shared/data/minutes-nykarleby-fi), which live outside the
repository; a set whose minutes are absent is skipped. An item is
FILE:NUMBER, FILE the start of the minutes' file name and NUMBER the item's number.

The minutes are indexed with protokoll-index into a temporary folder (or --work), every query
runs through `protokoll-query --format json --limit 10`, and the script prints per set MRR@10
(the reciprocal rank of the first relevant item), how many queries have a relevant item in the
top 3 and in the top 10, and the queries whose first relevant item is not first (--show N of
them, default all).
"""
import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(REPO, "..", "shared")
# Each corpus: its folder and the file names in it that are the minutes.
CORPORA = {
    "seeds": (os.path.join(SHARED, "seeds"), "*.txt"),
    "kungsbacka": (os.path.join(SHARED, "data", "minutes-kungsbacka", "files"), "*.md"),
    # The PDFs as published (the .txt beside each is another tool's extraction).
    "nykarleby": (os.path.join(SHARED, "data", "minutes-nykarleby-fi"), "*.pdf"),
}


def find_tool(name, module, bin_dir):
    for cand in (os.path.join(bin_dir, name), os.path.join(bin_dir, module, name)):
        if os.access(cand, os.X_OK):
            return cand
    return None


def read_set(path):
    corpus, queries = None, []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("# corpus:"):
            corpus = line.split(":", 1)[1].strip()
        if not line or line.startswith("#"):
            continue
        query, relevant, _why = line.split("\t")
        queries.append((query, relevant.split()))
    return corpus, queries


def item_key(hit, prefixes):
    """FILE:NUMBER of a hit, FILE the judged prefix its file name starts with."""
    name = os.path.basename(hit["file"])
    number = hit["item"]["number"]
    for p in prefixes:
        if name.startswith(p):
            return f"{p}:{number}"
    return f"{name}:{number}"


def run_set(name, path, index, query, work, show):
    corpus, queries = read_set(path)
    folder, pattern = CORPORA.get(corpus, (None, None))
    files = sorted(glob.glob(os.path.join(folder, pattern))) if folder else []
    if not files:
        print(f"{name}: skipped ({corpus} minutes not found)")
        return None
    db = os.path.join(work, name + "-db")
    shutil.rmtree(db, ignore_errors=True)
    r = subprocess.run([index, "--db", db, "--quiet"] + files, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"{name}: protokoll-index failed: {r.stderr[-500:]}")
    prefixes = sorted({rel.rsplit(":", 1)[0] for _, rels in queries for rel in rels},
                      key=len, reverse=True)
    rr, top3, top10, misses = 0.0, 0, 0, []
    for q, relevant in queries:
        r = subprocess.run([query, "--db", db, "--format", "json", "--limit", "10", q],
                           capture_output=True, text=True)
        if r.returncode != 0:
            misses.append((q, None, relevant, [f"error: {r.stderr.strip()[:120]}"]))
            continue
        got = [item_key(h, prefixes) for h in json.loads(r.stdout)["hits"]]
        rank = next((i + 1 for i, k in enumerate(got) if k in relevant), None)
        if rank:
            rr += 1 / rank
            top3 += rank <= 3
            top10 += 1
        if rank != 1:
            misses.append((q, rank, relevant, got[:5]))
    n = len(queries)
    print(f"{name}: {n} queries on {corpus}: MRR@10 {rr / n:.3f}, relevant in top 3 {top3}/{n}, "
          f"in top 10 {top10}/{n}")
    for q, rank, relevant, got in misses[:show]:
        print(f"  {q!r}: first relevant at {rank or '-'}; relevant {' '.join(relevant)}; "
              f"top {' '.join(got)}")
    return rr / n


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n\n", 1)[1])
    ap.add_argument("--bin", default=os.path.join(REPO, "build"),
                    help="folder with protokoll-index and protokoll-query (default build/)")
    ap.add_argument("--set", nargs="*", help="sets to run (default all)")
    ap.add_argument("--show", type=int, default=1000, help="misses to print a set")
    ap.add_argument("--work", help="folder for the databases (default a temporary one)")
    a = ap.parse_args()
    index = find_tool("protokoll-index", "indexer", a.bin)
    query = find_tool("protokoll-query", "query", a.bin)
    if not index or not query:
        sys.exit(f"protokoll-index / protokoll-query not found under {a.bin} (give --bin)")
    sets = sorted(glob.glob(os.path.join(REPO, "bench", "real_queries", "*.tsv")))
    if a.set:
        sets = [s for s in sets if os.path.splitext(os.path.basename(s))[0] in a.set]
    work = a.work or tempfile.mkdtemp(prefix="protokoll-real-queries-")
    os.makedirs(work, exist_ok=True)
    try:
        for path in sets:
            run_set(os.path.splitext(os.path.basename(path))[0], path, index, query, work, a.show)
    finally:
        if not a.work:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
