#!/usr/bin/env python3
"""Markdown table of the micro benchmarks' JSON output, Protokoll next to its references.

  bench/micro_report.py RESULT.json [RESULT.json ...] [--out FILE]

RESULT.json files are Google Benchmark's --benchmark_out (JSON) of analyzer_bench,
indexer_bench and query_bench. Benchmarks are named GROUP/SYSTEM: in each group the
SYSTEM names starting with "protokoll" are Protokoll's, the others are references run in
the same process on the same input. One row per Protokoll benchmark and reference, with
both throughputs (items/s when the benchmark counts items, else MB/s) and the speed ratio
Protokoll / reference (above 1: Protokoll is faster). Ratios come from one run on one
machine; read them, not the absolute figures. --out also writes the rows as JSON.
"""
import argparse
import json
import statistics
import sys


def load(paths):
    """{group: {system: entry}} in the order the benchmarks ran."""
    runs = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        per_name = {}
        for b in data.get("benchmarks", []):
            if b.get("run_type") == "aggregate" and b.get("aggregate_name") != "median":
                continue
            # "write/protokoll/iterations:3/real_time" -> group "write", system "protokoll"
            parts = b["name"].split("/")
            if len(parts) < 2:
                parts = [parts[0], "protokoll"]
            key = (parts[0], parts[1])
            if b.get("run_type") == "aggregate":
                per_name[key] = [b]  # the median of repetitions wins over the repetitions
            elif not (per_name.get(key) and per_name[key][0].get("run_type") == "aggregate"):
                per_name.setdefault(key, []).append(b)
        for (group, system), entries in per_name.items():
            runs.setdefault(group, {})[system] = merge(entries)
    return runs


def merge(entries):
    """One entry of several repetitions: the median of each rate."""
    if len(entries) == 1:
        return entries[0]
    out = dict(entries[0])
    for k in ("items_per_second", "bytes_per_second", "real_time", "cpu_time"):
        vals = [e[k] for e in entries if k in e]
        if vals:
            out[k] = statistics.median(vals)
    return out


def rate(entry):
    """(value, unit, text) of an entry's throughput; None when it has none or failed."""
    if entry.get("error_occurred"):
        return None
    if "items_per_second" in entry:
        v = entry["items_per_second"]
        text = f"{v:,.0f} items/s ({1e6 / v:,.1f} µs/item)" if v else "0 items/s"
        if "bytes_per_second" in entry:
            text += f", {entry['bytes_per_second'] / 1e6:.2f} MB/s"
        return v, "items/s", text
    if "bytes_per_second" in entry:
        v = entry["bytes_per_second"] / 1e6
        return v, "MB/s", f"{v:.2f} MB/s"
    return None


def describe(entry):
    r = rate(entry)
    if r:
        return r[2]
    if entry.get("error_occurred"):
        return "error: " + entry.get("error_message", "?")
    return f"{entry.get('real_time', 0):.3g} {entry.get('time_unit', '')}/iteration"


def rows(runs):
    out = []
    for group, systems in runs.items():
        ours = [s for s in systems if s.startswith("protokoll")]
        refs = [s for s in systems if not s.startswith("protokoll")]
        for o in ours:
            for ref in refs or [None]:
                row = {"group": group, "protokoll": o, "protokoll_rate": describe(systems[o]),
                       "reference": ref, "reference_rate": describe(systems[ref]) if ref else None,
                       "ratio": None}
                ro, rr = rate(systems[o]), rate(systems[ref]) if ref else None
                if ro and rr and ro[1] == rr[1] and rr[0]:
                    row["ratio"] = ro[0] / rr[0]
                out.append(row)
    return out


def markdown(table):
    lines = ["| step | Protokoll | throughput | reference | throughput | speed ratio |",
             "| --- | --- | --- | --- | --- | ---: |"]
    for r in table:
        ratio = f"{r['ratio']:.2f}" if r["ratio"] is not None else "—"
        ref = r["reference"] or "— (no reference)"
        lines.append(f"| {r['group']} | {r['protokoll']} | {r['protokoll_rate']} | {ref} | "
                     f"{r['reference_rate'] or '—'} | {ratio} |")
    lines.append("")
    lines.append("speed ratio = Protokoll's throughput / the reference's "
                 "(above 1: Protokoll faster)")
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog=__doc__.split("\n\n", 2)[2],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("results", nargs="+", help="Google Benchmark JSON files")
    ap.add_argument("--out", help="also write the rows as JSON to this file")
    a = ap.parse_args(argv)
    runs = {}
    for path in a.results:
        try:
            for group, systems in load([path]).items():
                runs.setdefault(group, {}).update(systems)
        except (OSError, ValueError) as e:
            print(f"micro_report: cannot read {path}: {e}", file=sys.stderr)
    if not runs:
        print("micro_report: no benchmark results", file=sys.stderr)
        return 1
    table = rows(runs)
    print(markdown(table))
    if a.out:
        with open(a.out, "w", encoding="utf-8") as f:
            json.dump(table, f, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
