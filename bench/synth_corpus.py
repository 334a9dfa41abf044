#!/usr/bin/env python3
"""Synthetic minutes from the project's own samples, for benchmarks without gen_corpus.py.

  bench/synth_corpus.py OUT_DIR [-n 2000] [--seed 1] [--samples corpus/minutes]

Writes N plain-text minutes as OUT_DIR/<year>/<sample>_<k>.txt. Each takes the header of one
sample file (title, time, place, participants), with its dates moved to another year, and
a handful of agenda items drawn from all samples, renumbered in the header's own item style
("§ 12", "3)", "4."), their sentences shuffled a little. The output is deterministic for a
seed. The vocabulary is the samples' own (about 100 kB of text), so an index of it is
smaller and its queries cheaper than on real archives: bench/whole_run.py uses this only
when ../shared/bench/gen_corpus.py (the realistic generator) is absent.
"""
import argparse
import os
import random
import re
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# An agenda item's first line: "§ 48 Avtal", "4) Behov", "3. Fokusfrågor".
ITEM = re.compile(r"^(?:§\s*(\d+)|(\d+)\)|(\d+)\.)\s+\S")
MARK = re.compile(r"^(?:§\s*\d+|\d+\)|\d+\.)\s+")
YEAR = re.compile(r"\b(20[0-3]\d)\b")


def split_sample(text):
    """(header lines, [item lines], mark style) of a sample; None if it has no items."""
    lines = text.splitlines()
    header, items, style = [], [], None
    for line in lines:
        m = ITEM.match(line.strip())
        if m:
            if style is None:
                style = "§" if m.group(1) else (")" if m.group(2) else ".")
            items.append([line.strip()])
        elif items:
            items[-1].append(line)
        else:
            header.append(line)
    # Lines of a table of contents look like items without text: keep items that have some.
    items = [item for item in items if any(line.strip() for line in item[1:])]
    return (header, items, style) if items else None


def renumber(item, number, style):
    """The item's lines with its first line's mark replaced by number in style."""
    title = MARK.sub("", item[0], count=1)
    mark = f"§ {number}" if style == "§" else f"{number}{style}"
    return [f"{mark} {title}"] + item[1:]


def shuffle_sentences(lines, rng):
    """Swaps two body lines now and then, so items drawn twice differ."""
    body = lines[1:]
    if len(body) > 2 and rng.random() < 0.5:
        i, j = rng.sample(range(len(body)), 2)
        body[i], body[j] = body[j], body[i]
    return lines[:1] + body


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog=__doc__.split("\n\n", 2)[2],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", metavar="OUT_DIR")
    ap.add_argument("-n", type=int, default=2000, help="files to write (default 2000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--samples", default=os.path.join(REPO, "corpus", "minutes"),
                    help="folder of sample minutes, *.txt (default: corpus/minutes)")
    a = ap.parse_args(argv)

    samples = []
    for name in sorted(os.listdir(a.samples)):
        if name.endswith(".txt"):
            with open(os.path.join(a.samples, name), encoding="utf-8", errors="replace") as f:
                parts = split_sample(f.read())
            if parts:
                samples.append((os.path.splitext(name)[0], parts))
    if not samples:
        print(f"synth_corpus: no sample minutes with agenda items in {a.samples}", file=sys.stderr)
        return 1
    pool = [item for _, (_, items, _) in samples for item in items]
    rng = random.Random(a.seed)
    total = 0
    for k in range(a.n):
        name, (header, items, style) = samples[k % len(samples)]
        year = rng.randint(2015, 2025)
        text_header = [YEAR.sub(str(year), line) for line in header]
        count = max(1, len(items) + rng.randint(-2, 2))
        chosen = [shuffle_sentences(list(rng.choice(pool)), rng) for _ in range(count)]
        first = rng.randint(1, 60) if style == "§" else 1
        lines = list(text_header)
        for i, item in enumerate(chosen):
            lines.extend(renumber(item, first + i, style))
            lines.append("")
        rel = os.path.join(str(year), f"{name}_{k:06d}.txt")
        path = os.path.join(a.out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = ("\n".join(lines) + "\n").encode("utf-8")
        with open(path, "wb") as f:
            f.write(data)
        total += len(data)
    print(f"synth_corpus: {a.n} files, {total / 1e6:.1f} MB from {len(samples)} samples -> {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
