#!/usr/bin/env python3
"""SQLite FTS5 as a peer of Protokoll: index a folder of minutes, time queries in-process.

  bench/fts5_peer.py index DB CORPUS_DIR
  bench/fts5_peer.py query DB QUERIES_FILE [--repeat 5] [--limit 10] [--per-query]

index: one row per file (.txt/.md as UTF-8, .docx and .odt with their text taken out of
the zip's XML; other formats are skipped and counted), in an FTS5 table with the unicode61
tokenizer keeping å, ä, ö as letters (remove_diacritics 0). Incremental like the other
systems: a file whose size and mtime are unchanged is not read again, changed files are
replaced, deleted files removed; one transaction a run. Prints a JSON summary line.

query: opens DB once, runs every query once untimed (counting its matches), then times
each query --repeat times: its words (field prefixes like kommun: dropped, "phrases" kept)
quoted and joined by OR, ranked by bm25(), top --limit paths fetched. FTS5 has no stemming.
Prints the same JSON object as bench/query_latency and bench/xapian_latency.
"""
import argparse
import html
import json
import os
import re
import sqlite3
import statistics
import sys
import time
import zipfile

SCHEMA = """
CREATE TABLE IF NOT EXISTS files(id INTEGER PRIMARY KEY, path TEXT UNIQUE, size INTEGER,
                                 mtime INTEGER);
CREATE VIRTUAL TABLE IF NOT EXISTS docs USING fts5(path UNINDEXED, body,
                                                   tokenize = 'unicode61 remove_diacritics 0');
"""
# The XML elements that end a line of text in DOCX (w:p) and ODT (text:p, text:h).
DOCX_BREAK = re.compile(r"</w:p>|<w:br/>|<w:tab/>")
ODT_BREAK = re.compile(r"</text:p>|</text:h>|<text:line-break/>|<text:tab/>")
TAG = re.compile(r"<[^>]+>")


def zip_text(path, member, breaks):
    with zipfile.ZipFile(path) as z:
        xml = z.read(member).decode("utf-8", "replace")
    return html.unescape(TAG.sub("", breaks.sub("\n", xml)))


def file_text(path):
    """The text of a file, or None for a format this peer does not read."""
    ext = os.path.splitext(path)[1].lower()
    if ext in (".txt", ".md"):
        with open(path, "rb") as f:
            return f.read().decode("utf-8", "replace")
    if ext == ".docx":
        return zip_text(path, "word/document.xml", DOCX_BREAK)
    if ext == ".odt":
        return zip_text(path, "content.xml", ODT_BREAK)
    return None


def index(db_path, corpus):
    db = sqlite3.connect(db_path)
    db.executescript(SCHEMA)
    known = {p: (i, s, m) for i, p, s, m in db.execute("SELECT id, path, size, mtime FROM files")}
    seen = set()
    n = dict(indexed=0, unchanged=0, removed=0, skipped=0, failed=0)
    with db:
        for root, dirs, names in os.walk(corpus):
            dirs.sort()
            for name in sorted(names):
                path = os.path.join(root, name)
                rel = os.path.relpath(path, corpus)
                st = os.stat(path)
                old = known.get(rel)
                seen.add(rel)
                if old and old[1] == st.st_size and old[2] == st.st_mtime_ns:
                    n["unchanged"] += 1
                    continue
                try:
                    text = file_text(path)
                except (OSError, zipfile.BadZipFile, KeyError) as e:
                    print(f"fts5_peer: {rel}: {e}", file=sys.stderr)
                    n["failed"] += 1
                    continue
                if text is None:
                    n["skipped"] += 1
                    continue
                if old:
                    db.execute("DELETE FROM docs WHERE rowid = ?", (old[0],))
                    db.execute("UPDATE files SET size = ?, mtime = ? WHERE id = ?",
                               (st.st_size, st.st_mtime_ns, old[0]))
                    rowid = old[0]
                else:
                    rowid = db.execute("INSERT INTO files(path, size, mtime) VALUES (?, ?, ?)",
                                       (rel, st.st_size, st.st_mtime_ns)).lastrowid
                db.execute("INSERT INTO docs(rowid, path, body) VALUES (?, ?, ?)",
                           (rowid, rel, text))
                n["indexed"] += 1
        for rel, (rowid, _, _) in known.items():
            if rel not in seen:
                db.execute("DELETE FROM docs WHERE rowid = ?", (rowid,))
                db.execute("DELETE FROM files WHERE id = ?", (rowid,))
                n["removed"] += 1
    n["documents"] = db.execute("SELECT count(*) FROM files").fetchone()[0]
    db.close()
    print(json.dumps(n))
    return 0


def fts5_expression(query):
    """A user's query as FTS5 MATCH text: its phrases and words, quoted, joined by OR."""
    parts = []
    for phrase, word in re.findall(r'"([^"]*)"|(\S+)', query):
        if phrase:
            words = re.findall(r"\w+", phrase)
            if words:
                parts.append('"' + " ".join(words) + '"')
            continue
        if word in ("AND", "OR", "NOT") or word.startswith("NEAR"):
            continue
        word = word.split(":", 1)[1] if ":" in word else word  # kommun:Berg -> Berg
        parts.extend(f'"{w}"' for w in re.findall(r"\w+", word))
    return " OR ".join(parts)


def nearest_rank(sorted_values, p):
    if not sorted_values:
        return 0.0
    k = max(1, -(-p * len(sorted_values) // 100))
    return sorted_values[min(len(sorted_values), int(k)) - 1]


def query(db_path, queries_path, repeat, limit, per_query):
    t0 = time.perf_counter()
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    top = "SELECT path FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT ?"
    count = "SELECT count(*) FROM docs WHERE docs MATCH ?"
    open_ms = (time.perf_counter() - t0) * 1000
    with open(queries_path, encoding="utf-8") as f:
        queries = [q.rstrip("\r\n") for q in f if q.strip()]
    answers = []
    first_ms = 0.0
    for q in queries:  # warm-up, and the match counts
        t = time.perf_counter()
        expr = fts5_expression(q)
        try:
            db.execute(top, (expr, limit)).fetchall()
            if not answers:
                first_ms = (time.perf_counter() - t) * 1000
            answers.append((db.execute(count, (expr,)).fetchone()[0], ""))
        except sqlite3.Error as e:
            answers.append((0, str(e)))
    medians = []
    for q in queries:
        runs = []
        for _ in range(repeat):
            t = time.perf_counter()
            try:
                db.execute(top, (fts5_expression(q), limit)).fetchall()
            except sqlite3.Error:
                pass
            runs.append((time.perf_counter() - t) * 1000)
        medians.append(statistics.median(runs))
    s = sorted(medians)
    out = {"system": "fts5", "queries": len(queries), "repeat": repeat, "limit": limit,
           "open_ms": open_ms, "first_ms": first_ms,
           "median_ms": nearest_rank(s, 50), "p95_ms": nearest_rank(s, 95),
           "mean_ms": statistics.fmean(s) if s else 0.0, "max_ms": s[-1] if s else 0.0,
           "errors": sum(1 for _, e in answers if e),
           "zero_hits": sum(1 for t, e in answers if not e and t == 0)}
    if per_query:
        out["per_query"] = [{"query": q, "ms": ms, "total": t, "error": e}
                            for q, ms, (t, e) in zip(queries, medians, answers)]
    print(json.dumps(out, ensure_ascii=False))
    return 0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog=__doc__.split("\n\n", 1)[1],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    ix = sub.add_parser("index", help="index (or update) DB from CORPUS_DIR")
    ix.add_argument("db")
    ix.add_argument("corpus")
    qy = sub.add_parser("query", help="time the queries of QUERIES_FILE (one a line)")
    qy.add_argument("db")
    qy.add_argument("queries")
    qy.add_argument("--repeat", type=int, default=5)
    qy.add_argument("--limit", type=int, default=10)
    qy.add_argument("--per-query", action="store_true")
    a = ap.parse_args(argv)
    if a.command == "index":
        return index(a.db, a.corpus)
    return query(a.db, a.queries, max(1, a.repeat), a.limit, a.per_query)


if __name__ == "__main__":
    sys.exit(main())
