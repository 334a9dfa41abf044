#!/usr/bin/env python3
"""OCR throughput of protokoll-index on scanned copies of the sample minutes.

  ocr_bench.py BUILD_DIR [--files N] [--dpi 200] [--work DIR] [--sources FILE...]

Makes scanned PDFs of the first N files of corpus/minutes (bench/scan_pdf.py: typeset,
rasterised, wrapped as image PDFs), then indexes them into a new database with --jobs 1 and
with --jobs 2, and once more into the --jobs 2 database after removing its Xapian tables but
not its OCR cache (a rebuild); then the scans joined into one file (pdfunite), indexed with
--jobs 1 and --jobs 2, since a file's pages are read side by side too. Prints pages a second
on one and two cores and the rebuild's time as a share of the first run's. Then the distinctive words of each file (words of seven
letters or more that no other of the files has, up to 40 a file) are searched in the scans'
index and in an index of the typed texts: how many find their file first, in each.
--sources scans the files given instead (PDFs are rasterised in their own layout: scans of
real protocols; their words are taken from their text layer by pdftotext). A text layer can
be broken ("protokojjet"): --vocabulary FILE (a word a line, e.g. Snowball's Swedish
vocabulary) keeps only the distinctive words it lists.
"""
import argparse
import glob
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def index(binary, db, paths, jobs):
    report = db + ".report.json"
    t0 = time.time()
    subprocess.run([binary, "--db", db, "--jobs", str(jobs), "--quiet", "--report", report] + paths,
                   check=True)
    secs = time.time() - t0
    with open(report) as f:
        return secs, json.load(f)["ocr"]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("build", help="build folder with indexer/protokoll-index")
    ap.add_argument("--files", type=int, default=6)
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--work", help="working folder (default: a temporary one)")
    ap.add_argument("--sources", nargs="+", help="text or PDF files to scan instead")
    ap.add_argument("--vocabulary", help="a word a line: distinctive words must be listed")
    ap.add_argument("--words-only", action="store_true",
                    help="skip the timed runs: index the scans once (reusing an OCR cache in "
                         "--work) and search their words")
    a = ap.parse_args(argv)
    binary = os.path.join(a.build, "indexer", "protokoll-index")
    work = a.work or tempfile.mkdtemp(prefix="protokoll-ocr-")
    scans = os.path.join(work, "scans")
    texts = a.sources or sorted(glob.glob(os.path.join(REPO, "corpus", "minutes", "*.txt")))[: a.files]
    if not os.path.isdir(scans):
        subprocess.run([sys.executable, os.path.join(REPO, "bench", "scan_pdf.py"), scans,
                        "--dpi", str(a.dpi)] + texts, check=True)
    if a.words_only:
        # Only the index of the scans the words are searched in (its OCR cache kept).
        db = os.path.join(work, "db-2")
        for name in os.listdir(db) if os.path.isdir(db) else []:
            if name != "ocr-cache":
                path = os.path.join(db, name)
                shutil.rmtree(path) if os.path.isdir(path) else os.remove(path)
        index(binary, db, [scans], 2)
    else:
        speed(binary, work, scans)
    typed_db = os.path.join(work, "db-typed")
    shutil.rmtree(typed_db, ignore_errors=True)
    index(binary, typed_db, texts, 2)
    query = os.path.join(a.build, "query", "protokoll-query")
    words = {t: set(w.lower() for w in re.findall(r"[^\W\d_]{7,}", text_of(t))) for t in texts}
    if a.vocabulary:
        with open(a.vocabulary, encoding="utf-8") as f:
            known = set(line.strip().lower() for line in f)
        words = {t: w & known for t, w in words.items()}
    print("\n| file | distinctive words | found first in the scans | in the typed texts |")
    print("| --- | ---: | ---: | ---: |")
    totals = [0, 0, 0]
    for t in texts:
        others = set().union(*(words[o] for o in texts if o != t))
        sample = sorted(words[t] - others)
        random.Random(1).shuffle(sample)
        sample = sample[:40]
        stem = os.path.splitext(os.path.basename(t))[0]
        found = [first_hit_is(query, db, w, stem) for db in (os.path.join(work, "db-2"), typed_db)
                 for w in sample]
        scans_ok, typed_ok = sum(found[: len(sample)]), sum(found[len(sample):])
        print(f"| {stem} | {len(sample)} | {scans_ok} | {typed_ok} |")
        totals = [totals[0] + len(sample), totals[1] + scans_ok, totals[2] + typed_ok]
    print(f"| all | {totals[0]} | {totals[1]} ({totals[1] / max(totals[0], 1):.1%}) | "
          f"{totals[2]} ({totals[2] / max(totals[0], 1):.1%}) |")
    if not a.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def speed(binary, work, scans):
    rows = []
    for jobs in (1, 2):
        db = os.path.join(work, "db-%d" % jobs)
        shutil.rmtree(db, ignore_errors=True)
        secs, ocr = index(binary, db, [scans], jobs)
        rows.append(("first run, %d core%s" % (jobs, "s" if jobs > 1 else ""), secs, ocr))
    db = os.path.join(work, "db-2")
    for name in os.listdir(db):
        if name != "ocr-cache":
            path = os.path.join(db, name)
            shutil.rmtree(path) if os.path.isdir(path) else os.remove(path)
    secs, ocr = index(binary, db, [scans], 2)
    rows.append(("rebuild with the cache, 2 cores", secs, ocr))
    one = os.path.join(work, "one", "all-scans.pdf")
    if not os.path.exists(one):
        os.makedirs(os.path.dirname(one), exist_ok=True)
        subprocess.run(["pdfunite"] + sorted(glob.glob(os.path.join(scans, "*.pdf"))) + [one],
                       check=True)
    for jobs in (1, 2):
        db = os.path.join(work, "db-one-%d" % jobs)
        shutil.rmtree(db, ignore_errors=True)
        secs, ocr = index(binary, db, [one], jobs)
        rows.append(("one file of all pages, %d core%s" % (jobs, "s" if jobs > 1 else ""), secs,
                     ocr))
    print("| run | seconds | pages OCR'd | from the cache | pages/s |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, secs, ocr in rows:
        fresh = ocr["pages"] - ocr["cached_pages"]
        rate = fresh / secs if fresh else 0
        print(f"| {name} | {secs:.1f} | {ocr['pages']} | {ocr['cached_pages']} | {rate:.2f} |")
    print(f"\nrebuild / first run on 2 cores: {rows[2][1] / rows[1][1]:.1%}; "
          f"2 cores / 1 core: {rows[0][1] / rows[1][1]:.2f}x faster; "
          f"in one file: {rows[3][1] / rows[4][1]:.2f}x faster")


def text_of(path):
    if path.endswith(".pdf"):
        return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True,
                              text=True, check=True).stdout
    with open(path, encoding="utf-8") as f:
        return f.read()


def first_hit_is(query, db, word, stem):
    r = subprocess.run([query, "--db", db, "--format", "json", "--limit", "1", word],
                       capture_output=True, text=True)
    try:
        hits = json.loads(r.stdout)["hits"]
    except (ValueError, KeyError):
        return False
    return bool(hits) and os.path.basename(hits[0]["file"]).startswith(stem)


if __name__ == "__main__":
    sys.exit(main())
