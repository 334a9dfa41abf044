#!/usr/bin/env python3
"""Accuracy of the metadata protokoll-index reads out of minutes, on generated minutes.

  metadata_accuracy.py PROTOKOLL_INDEX [--gen GEN_CORPUS_PY] [-n 2000] [--seed 1]
                       [--out DIR] [--keep] [--errors K]

Generates N synthetic minutes with their ground truth (gen_corpus.py OUT -n N --truth
truth.jsonl), runs `PROTOKOLL_INDEX --dry-run --json OUT`, and prints one line a field with
its accuracy: date, date_inferred, body, county, municipalities (exact set), item count,
item numbers (exact sequence), decision found (per item of the truth, matched by number).
Without the generator (it lives outside the repository, in ../shared/bench) the script says
so and exits 0. --errors K prints K mismatches a field, to see what goes wrong.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_GEN = os.path.join(REPO, "..", "shared", "bench", "gen_corpus.py")
FIELDS = ["date", "date_inferred", "body", "county", "municipalities", "item count",
          "item numbers", "decision found"]


def load_truth(path):
    with open(path, encoding="utf-8") as f:
        return {t["file"]: t for t in map(json.loads, f) if t}


def load_ours(stdout, out_dir):
    ours = {}
    for line in stdout.splitlines():
        line = line.strip()
        if not line.startswith("{"):
            continue
        m = json.loads(line)
        f = m.get("file", "")
        if os.path.isabs(f) or f.startswith(out_dir):
            f = os.path.relpath(f, out_dir)
        ours[f.replace(os.sep, "/")] = m
    return ours


def compare(truth, ours, errors):
    right = {k: 0 for k in FIELDS}
    total = {k: 0 for k in FIELDS}
    shown = {k: [] for k in FIELDS}

    def score(field, ok, what):
        total[field] += 1
        right[field] += bool(ok)
        if not ok and len(shown[field]) < errors:
            shown[field].append(what)

    for f, t in truth.items():
        o = ours.get(f, {})
        got_items = o.get("items") or []
        nums = [str(i.get("number", "")) for i in got_items]
        want_nums = [str(i["number"]) for i in t["items"]]
        score("date", o.get("meeting_date") == t["meeting_date"], (f, o.get("meeting_date"), t["meeting_date"]))
        score("date_inferred", bool(o.get("date_inferred")) == bool(t["date_inferred"]),
              (f, o.get("date_inferred"), t["date_inferred"]))
        score("body", o.get("body") == t["body"], (f, o.get("body"), t["body"]))
        score("county", o.get("county") == t["county"], (f, o.get("county"), t["county"]))
        got_m, want_m = set(o.get("municipalities") or []), set(t["municipalities"])
        score("municipalities", got_m == want_m, (f, sorted(got_m - want_m), sorted(want_m - got_m)))
        score("item count", len(got_items) == len(t["items"]), (f, len(got_items), len(t["items"])))
        score("item numbers", nums == want_nums, (f, nums, want_nums))
        by_num = {}
        for i in got_items:
            by_num.setdefault(str(i.get("number", "")), i)
        for ti in t["items"]:
            gi = by_num.get(str(ti["number"]))
            has = gi is not None and gi.get("decision") is not None
            score("decision found", has == (ti["decision"] is not None),
                  (f, ti["number"], gi and gi.get("decision"), ti["decision"]))
    return right, total, shown


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("binary", help="path to protokoll-index")
    ap.add_argument("--gen", default=DEFAULT_GEN, help="gen_corpus.py (default: %(default)s)")
    ap.add_argument("-n", type=int, default=2000, help="files to generate (default 2000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", help="folder for the generated minutes (default: a temporary one)")
    ap.add_argument("--keep", action="store_true", help="keep the generated folder")
    ap.add_argument("--errors", type=int, default=0, help="mismatches to show a field")
    a = ap.parse_args(argv)
    if not os.path.exists(a.gen):
        print(f"metadata_accuracy: generator not found at {a.gen}; skipped")
        return 0
    if not os.access(a.binary, os.X_OK):
        print(f"metadata_accuracy: {a.binary} is not an executable", file=sys.stderr)
        return 1
    work = a.out or tempfile.mkdtemp(prefix="protokoll-acc-")
    out_dir = os.path.join(work, "minutes")
    truth_path = os.path.join(work, "truth.jsonl")
    try:
        subprocess.run([sys.executable, a.gen, out_dir, "-n", str(a.n), "--seed", str(a.seed),
                        "--truth", truth_path, "--jobs", "2"], check=True, stdout=subprocess.DEVNULL)
        t0 = time.time()
        run = subprocess.run([a.binary, "--dry-run", "--json", out_dir], capture_output=True, text=True)
        secs = time.time() - t0
        if run.returncode != 0:
            print(f"metadata_accuracy: {a.binary} exited {run.returncode}: {run.stderr[-500:]}",
                  file=sys.stderr)
            return 1
        truth = load_truth(truth_path)
        ours = load_ours(run.stdout, out_dir)
        right, total, shown = compare(truth, ours, a.errors)
        print(f"{len(truth)} files, {len(ours)} parsed in {secs:.1f} s")
        worst = 1.0
        for k in FIELDS:
            acc = right[k] / total[k] if total[k] else 0.0
            worst = min(worst, acc)
            print(f"{k:16s} {acc:7.2%}  ({right[k]}/{total[k]})")
            for e in shown[k]:
                print("    ", json.dumps(e, ensure_ascii=False)[:400])
        return 0
    finally:
        if not a.keep and not a.out:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
