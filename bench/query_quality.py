#!/usr/bin/env python3
"""Retrieval quality of protokoll-query on a synthetic corpus with judged queries.

  bench/query_quality.py [--gen PATH] [-n 2000] [--seed 1] [--work DIR] [--bin DIR] [--jobs 2]

Generates minutes with gen_corpus.py (default: ../shared/bench/gen_corpus.py next to the
repository; prints "skipped: ..." and exits 0 when it is absent) with -n N --queries, indexes
them with protokoll-index, runs every judged query through
`protokoll-query --format json --limit 10`, and prints MRR@10 and recall@10 per query kind.
Relevance is at item level: a hit is relevant when its file (relative to the corpus folder)
and item.number match one of the query's "file#number" entries.

Besides the generator's kinds, "absent" queries are made here: each one-word "base" query
as the modifier of a compound no minutes contain ("hemsjukvård" -> "hemsjukvårdsprogram",
checked absent with an exact-form query), judged by the base query's relevant items, so
a compound query word the index lacks is measured by the items of its parts.

recall@10 is |relevant in the top 10| / |relevant|; for queries with hundreds of relevant
items that is small by construction, so R-recall@10 (divided by min(|relevant|, 10), i.e.
how full of relevant items the first page is) is printed too.
"""
import argparse
import collections
import concurrent.futures
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def find_tool(name, module, bin_dir):
    if bin_dir:
        for cand in (os.path.join(bin_dir, name), os.path.join(bin_dir, module, name)):
            if os.path.exists(cand):
                return cand
    found = sorted(glob.glob(os.path.join(REPO, "build*", module, name)), key=os.path.getmtime)
    if found:
        return found[-1]
    return shutil.which(name)


def read_queries(path):
    out = []
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            if not line.strip():
                continue
            row = dict(zip(header, line.rstrip("\n").split("\t")))
            rel = {r for r in row.get("relevant", "").split("|") if r}
            out.append((row["query"], rel, row.get("kind", "?")))
    return out


def run_query(tool, db, corpus, query):
    p = subprocess.run([tool, "--db", db, "--format", "json", "--limit", "10", query],
                       capture_output=True, text=True)
    if p.returncode != 0:
        return None, p.stderr.strip()
    answer = json.loads(p.stdout)
    ranked = []
    for hit in answer["hits"]:
        path = os.path.relpath(os.path.abspath(hit["file"]), corpus)
        ranked.append(f'{path}#{hit["item"]["number"]}')
    return ranked, None


def absent_compounds(tool, db, queries):
    """Compounds of each one-word base query with a head no minutes join it with."""
    out = []
    for query, rel, kind in queries:
        if kind != "base" or not query.isalpha() or not query.islower():
            continue
        link = "" if query[-1] in "aeiouyåäös" else "s"
        compound = query + link + "program"
        p = subprocess.run([tool, "--db", db, "--format", "json", "--limit", "1", f'"{compound}"'],
                           capture_output=True, text=True)
        if p.returncode == 0 and json.loads(p.stdout)["total"] == 0:
            out.append((compound, rel, "absent"))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gen", default=os.path.join(REPO, "..", "shared", "bench", "gen_corpus.py"),
                    help="path of gen_corpus.py (default ../shared/bench/gen_corpus.py)")
    ap.add_argument("-n", type=int, default=2000, help="files to generate (default 2000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", help="working folder (default: a temporary one); an existing "
                    "corpus and index there are reused")
    ap.add_argument("--bin", help="folder with protokoll-index and protokoll-query")
    ap.add_argument("--jobs", type=int, default=2, help="parallel generator/indexer/query jobs")
    ap.add_argument("--show-misses", type=int, default=0, help="print this many missed queries")
    a = ap.parse_args()

    if not os.path.exists(a.gen):
        print(f"skipped: {a.gen} not found")
        return 0
    index_tool = find_tool("protokoll-index", "indexer", a.bin)
    query_tool = find_tool("protokoll-query", "query", a.bin)
    if not index_tool or not query_tool:
        print("skipped: protokoll-index / protokoll-query not built (give --bin)")
        return 0

    work = a.work or tempfile.mkdtemp(prefix="protokoll-quality-")
    os.makedirs(work, exist_ok=True)
    corpus = os.path.join(work, "corpus")
    queries_tsv = os.path.join(work, "queries.tsv")
    db = os.path.join(work, "db")
    t0 = time.time()
    if not (os.path.isdir(corpus) and os.path.exists(queries_tsv)):
        subprocess.run([sys.executable, a.gen, corpus, "-n", str(a.n), "--seed", str(a.seed),
                        "--queries", queries_tsv, "--truth", os.path.join(work, "truth.jsonl"),
                        "--jobs", str(a.jobs)], check=True)
    index = [index_tool, "--db", db, "--quiet", "--jobs", str(a.jobs), corpus]
    if os.path.isdir(db):
        # An index from an earlier run is brought up to date; one of another index layout
        # (protokoll-index refuses it) is built again.
        if subprocess.run(index, stderr=subprocess.DEVNULL).returncode != 0:
            shutil.rmtree(db)
    if not os.path.isdir(db):
        subprocess.run(index, check=True)
    t1 = time.time()

    queries = read_queries(queries_tsv)
    queries += absent_compounds(query_tool, db, queries)
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, a.jobs)) as pool:
        results = list(pool.map(lambda q: run_query(query_tool, db, corpus, q[0]), queries))
    t2 = time.time()

    per_kind = collections.defaultdict(lambda: [0, 0.0, 0.0, 0.0, 0])  # n, rr, recall, rrecall, errors
    misses = []
    for (query, rel, kind), (ranked, err) in zip(queries, results):
        for key in (kind, "all"):
            per_kind[key][0] += 1
        if ranked is None:
            for key in (kind, "all"):
                per_kind[key][4] += 1
            misses.append((kind, query, "error: " + err))
            continue
        rr = 0.0
        for i, r in enumerate(ranked[:10]):
            if r in rel:
                rr = 1.0 / (i + 1)
                break
        found = len(set(ranked[:10]) & rel)
        recall = found / len(rel) if rel else 0.0
        rrecall = found / min(len(rel), 10) if rel else 0.0
        for key in (kind, "all"):
            per_kind[key][1] += rr
            per_kind[key][2] += recall
            per_kind[key][3] += rrecall
        if rr == 0:
            misses.append((kind, query, f"{len(rel)} relevant, top: {ranked[:3]}"))

    files = sum(len(names) for _, _, names in os.walk(corpus, followlinks=True))
    print(f"corpus {files} files, {len(queries)} judged queries; generate+index {t1 - t0:.0f} s, "
          f"queries {t2 - t1:.0f} s ({(t2 - t1) / max(1, len(queries)):.2f} s each)")
    print(f"{'kind':<10} {'queries':>7} {'MRR@10':>7} {'recall@10':>9} {'R-recall@10':>11} {'errors':>6}")
    kinds = sorted(k for k in per_kind if k != "all") + ["all"]
    for k in kinds:
        n, rr, rec, rrec, errors = per_kind[k]
        print(f"{k:<10} {n:>7} {rr / n:>7.3f} {rec / n:>9.3f} {rrec / n:>11.3f} {errors:>6}")
    for kind, query, why in misses[: a.show_misses]:
        print(f"miss [{kind}] {query!r}: {why}")
    if not a.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
