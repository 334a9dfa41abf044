#!/usr/bin/env python3
"""Metadata accuracy on real minutes: the Kungsbacka protocols and the Nykarleby PDFs.

  real_minutes.py PROTOKOLL_INDEX [--data DIR] [--errors K] [--set kungsbacka|nykarleby|all]

Runs `PROTOKOLL_INDEX --dry-run --json` on each real set in DIR (default ../shared/data, which
lives outside the repository) and prints, per set, one line a field with its accuracy:

  date            meeting_date equals the truth
  body            body equals the truth's name as the first page writes it (case and spacing
                  aside)
  municipality    the issuing municipality is the first of `municipalities`
  item numbers    the items' numbers are exactly the truth's, in order
  first title     (when the truth has first_item_title) the first item's title equals it
                  (case, spacing and a closing period aside)
  decisions       the number of items with a decision is within one of the truth's
  dnr             (Kungsbacka) each case number of the truth is on its item, when the index
                  prints `dnr` (truth `dnr` a list: on some item; an object of § number to
                  case number: on the item of that number)

Kungsbacka's truth is its truth.jsonl; Nykarleby's is the table of its SOURCE.md (the date
and body in each file name, the § range of the cover). Without the data the script says so
and exits 0. --errors K prints K mismatches a field.
"""
import argparse
import json
import os
import re
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_DATA = os.path.join(REPO, "..", "shared", "data")

# Nykarleby: body and § range per file name stem (SOURCE.md); the date is in the name.
NYKARLEBY = {
    "valfardsnamnden_protokoll_15_09_2022_18_00_139758": ("Välfärdsnämnden", range(39, 50)),
    "personalsektionen_protokoll_28_03_2023_15_00_159076": ("Personalsektionen", range(13, 25)),
    # The cover says "Ärenden §§ 15-38"; the body opens §§ 25-38, as its contents list does.
    "personalsektionen_protokoll_29_05_2023_15_00_164658": ("Personalsektionen", range(25, 39)),
    "radet_for_funktionshindrade_protokoll_24_05_2023_16_00_163978":
        ("Rådet för funktionshindrade", range(10, 20)),
    "ungdomsfullmaktige_protokoll_30_01_2023_16_15_153457": ("Ungdomsfullmäktige", range(1, 10)),
    "ungdomsfullmaktige_protokoll_09_05_2023_16_15_162526": ("Ungdomsfullmäktige", range(16, 23)),
    "stadsstyrelsen_foredragningslista_26_09_2022_16_30_140208": ("Stadsstyrelsen", None),
}

FIELDS = ["date", "body", "municipality", "item numbers", "first title", "decisions", "dnr"]


def norm(s):
    return re.sub(r"\s+", " ", (s or "").strip()).lower()


def norm_dnr(s):
    s = re.sub(r"[-/ .:]+", "-", s.strip().lower())
    return re.sub(r"-0+(\d)", r"-\1", s)


def run_index(binary, files, db=None):
    # With a database folder, scanned pages already read by OCR come from its cache.
    cache = ["--db", db] if db else []
    run = subprocess.run([binary, "--dry-run", "--json"] + cache + files, capture_output=True,
                         text=True)
    if run.returncode != 0:
        sys.exit(f"real_minutes: {binary} exited {run.returncode}: {run.stderr[-500:]}")
    ours = {}
    for line in run.stdout.splitlines():
        if line.startswith("{"):
            m = json.loads(line)
            ours[os.path.basename(m["file"])] = m
    return ours


def kungsbacka_truth(folder, suffix=""):
    truth = {}
    with open(os.path.join(folder, "truth.jsonl"), encoding="utf-8") as f:
        for t in map(json.loads, filter(str.strip, f)):
            if not os.path.exists(os.path.join(folder, "files", t["file"] + suffix)):
                continue
            truth[t["file"] + suffix] = {
                "date": t["meeting_date"], "body": t["body"],
                "municipality": t["municipalities"][0], "numbers": t["item_numbers"],
                "decisions": t["decisions"], "dnr": t.get("dnr"),
                "first title": t.get("first_item_title"),
            }
    return truth, [os.path.join(folder, "files", f) for f in sorted(truth)]


def nykarleby_truth(folder, suffix=""):
    truth, files = {}, []
    for stem, (body, numbers) in NYKARLEBY.items():
        pdf = os.path.join(folder, stem + ".pdf")
        if not os.path.exists(pdf):
            continue
        d, m, y = re.search(r"_(\d\d)_(\d\d)_(\d{4})_", stem).groups()
        truth[stem + ".pdf"] = {
            "date": f"{y}-{m}-{d}", "body": body, "municipality": "Nykarleby",
            "numbers": [str(n) for n in numbers] if numbers else None,
            "decisions": None, "dnr": None, "first title": None,
        }
        files.append(pdf)
    return truth, files


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
        items = o.get("items") or []
        score("date", o.get("meeting_date") == t["date"], (f, o.get("meeting_date"), t["date"]))
        score("body", norm(o.get("body")) == norm(t["body"]), (f, o.get("body"), t["body"]))
        munis = o.get("municipalities") or []
        score("municipality", munis[:1] == [t["municipality"]], (f, munis[:3], t["municipality"]))
        if t["numbers"] is not None:
            nums = [str(i.get("number", "")) for i in items]
            score("item numbers", nums == t["numbers"], (f, nums, t["numbers"]))
        if t["first title"]:
            first = items[0].get("title") if items else None
            score("first title", norm(first).rstrip(".") == norm(t["first title"]).rstrip("."),
                  (f, first, t["first title"]))
        if t["decisions"] is not None:
            got = sum(1 for i in items if i.get("decision"))
            score("decisions", abs(got - t["decisions"]) <= 1, (f, got, t["decisions"]))
        if t["dnr"] and items and "dnr" in items[0]:
            if isinstance(t["dnr"], dict):  # {"§ number": "case number"}: on that item
                by_number = {str(i.get("number", "")): {norm_dnr(d) for d in i.get("dnr") or []}
                             for i in items}
                for n, d in t["dnr"].items():
                    score("dnr", norm_dnr(d) in by_number.get(n, set()), (f, n, d))
            else:  # a list: on some item
                on_items = {norm_dnr(d) for i in items for d in i.get("dnr") or []}
                for d in t["dnr"]:
                    score("dnr", norm_dnr(d) in on_items, (f, d))
    return right, total, shown


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("binary", help="path to protokoll-index")
    ap.add_argument("--data", default=DEFAULT_DATA, help="folder of the real sets (default: %(default)s)")
    ap.add_argument("--set", default="all", choices=["kungsbacka", "nykarleby", "all"])
    ap.add_argument("--errors", type=int, default=0, help="mismatches to show a field")
    ap.add_argument("--suffix", default="",
                    help="Kungsbacka files are named as in truth.jsonl plus this (scans: .pdf)")
    ap.add_argument("--ocr-cache", metavar="DB",
                    help="a database folder whose OCR cache scans are read from (index the "
                         "scans into it once; the dry runs here write nothing)")
    a = ap.parse_args(argv)
    sets = []
    if a.set in ("kungsbacka", "all"):
        sets.append(("kungsbacka", os.path.join(a.data, "minutes-kungsbacka"), kungsbacka_truth))
    if a.set in ("nykarleby", "all"):
        sets.append(("nykarleby", os.path.join(a.data, "minutes-nykarleby-fi"), nykarleby_truth))
    for name, folder, load in sets:
        if not os.path.isdir(folder):
            print(f"real_minutes: {folder} not found; {name} skipped")
            continue
        truth, files = load(folder, a.suffix)
        ours = run_index(a.binary, files, a.ocr_cache)
        right, total, shown = compare(truth, ours, a.errors)
        print(f"{name}: {len(truth)} files, {len(ours)} parsed")
        for k in FIELDS:
            if not total[k]:
                continue
            print(f"  {k:14s} {right[k] / total[k]:7.2%}  ({right[k]}/{total[k]})")
            for e in shown[k]:
                print("      ", json.dumps(e, ensure_ascii=False)[:300])
    return 0


if __name__ == "__main__":
    sys.exit(main())
