#!/usr/bin/env python3
"""Whole-corpus benchmark of Protokoll against its peers, all measured in one run.

  bench/whole_run.py [--corpus DIR [--queries FILE] | -n 2000] [--build DIR] [--out FILE]
  bench/whole_run.py --sizes 1000,10000,100000 [--peers omindex,fts5] [--work DIR --resume]

The corpus: --corpus DIR (copied first, so it is never modified), else N generated minutes
(../shared/bench/gen_corpus.py next to the repository, with --formats txt:8,docx:1,odt:1 and
its judged queries; when it is absent, bench/synth_corpus.py writes minutes from the samples
in corpus/minutes and the queries are sampled words).

Each system, one after the other on the same files:
  index      from scratch into a fresh folder, pinned to one CPU: wall and CPU seconds, peak
             RSS (os.wait4 of the child, its own children included), index size (du)
  no-op      the same command again, nothing changed
  1%         after a line with a new word was appended to 1% of the .txt files; then the
             word is searched for ("change found": matches / files changed)
  queries    every query (the judged queries' text, else 50 sampled mid-frequency words),
             top 10, facets off, in-process with the index opened once: one warm-up pass,
             then --repeat timed runs a query; its latency is their median, the table shows
             the median and 95th percentile over queries. Also one process per query (the
             CLI a user runs) for Protokoll and omindex, over the first --cli-queries.
Systems:
  protokoll  protokoll-index --jobs 1 (and once more unpinned with --jobs 0, for the
             speed-up from all cores); queries through bench/query_latency (query::Session)
  omindex    omindex --db DIR --url / --stemmer=swedish CORPUS (Debian xapian-omega);
             queries through bench/xapian_latency: Omega's defaults (QueryParser, Swedish
             stemmer, STEM_SOME, default OR, BM25)
  fts5       SQLite FTS5 through python's sqlite3 (bench/fts5_peer.py): one row a file,
             bm25, the query's words joined by OR, no stemming
A peer that is not installed is skipped with a note. Ratios are Protokoll / peer from the
same run: above 1 means Protokoll is slower or bigger. Machines are noisy: read the ratios,
not the seconds (the load average before and after is printed).

--sizes runs the Protokoll pipeline (and --peers) at each corpus size and prints time per
meeting, index size per meeting, peak RSS, re-run times and query latency per size, with
each figure's growth relative to the smallest size, so worse-than-linear growth shows.
Corpora are generated once into --work (default /tmp/protokoll-scale) and reused; with
--resume a size whose results are saved there is not run again.

Markdown tables go to stdout, the figures as JSON to --out. Exit 0 unless the harness itself
fails (a failing system is reported in the tables); 2 on bad usage.
"""
import argparse
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DEFAULT_GEN = os.path.join(REPO, "..", "shared", "bench", "gen_corpus.py")
MIB = 1024.0 * 1024.0
SUPPORTED = (".txt", ".md", ".pdf", ".docx", ".odt")


# ------------------------------------------------------------------ measuring commands

def pin_to(cpu):
    if cpu is None:
        return None
    return lambda: os.sched_setaffinity(0, {cpu})


def kill_group(pid):
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:  # already gone
        pass


def run_measured(argv, log, cpu=None, timeout=3600, cwd=None):
    """Runs argv with stdout/stderr to log.out/log.err; returns wall, CPU, peak RSS, rc."""
    res = {"cmd": " ".join(argv), "pinned_cpu": cpu}
    with open(log + ".out", "wb") as out, open(log + ".err", "wb") as err:
        t0 = time.perf_counter()
        try:
            p = subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL, cwd=cwd,
                                 preexec_fn=pin_to(cpu), start_new_session=True)
        except OSError as e:
            res.update(rc=127, error=str(e))
            return res
        timer = threading.Timer(timeout, kill_group, (p.pid,))
        timer.start()
        try:
            _, status, ru = os.wait4(p.pid, 0)
        except BaseException:  # interrupted: take the step's process group down too
            kill_group(p.pid)
            p.wait()
            raise
        finally:
            timer.cancel()
        wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    res.update(rc=p.returncode, wall_s=wall, cpu_s=ru.ru_utime + ru.ru_stime,
               peak_rss_mib=ru.ru_maxrss / 1024.0)
    if p.returncode != 0:
        res["error"] = (f"exit {p.returncode}" if p.returncode > 0 else
                        f"killed by signal {-p.returncode}" + (" (timeout)" if wall >= timeout else ""))
        res["stderr_tail"] = tail(log + ".err") or tail(log + ".out")
    return res


def run_json(argv, log, cpu=None, timeout=3600):
    """Runs a tool that prints one JSON object last; (object or None, measured result)."""
    res = run_measured(argv, log, cpu, timeout)
    if res["rc"] != 0:
        return None, res
    try:
        lines = [l for l in open(log + ".out", encoding="utf-8").read().splitlines() if l.strip()]
        return json.loads(lines[-1]), res
    except (OSError, ValueError, IndexError) as e:
        res["error"] = f"no JSON output: {e}"
        return None, res


def tail(path, n=800):
    try:
        with open(path, "rb") as f:
            f.seek(0, 2)
            f.seek(max(0, f.tell() - n))
            return f.read().decode("utf-8", "replace").strip()
    except OSError:
        return ""


def du_mib(path):
    r = subprocess.run(["du", "-sk", path], capture_output=True, text=True)
    return int(r.stdout.split()[0]) / 1024.0 if r.returncode == 0 and r.stdout else None


def nearest_rank(values, p):
    v = sorted(values)
    if not v:
        return None
    return v[min(len(v), max(1, -(-p * len(v) // 100))) - 1]


def load_average():
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


# ------------------------------------------------------------------ corpus and queries

def corpus_files(corpus):
    out = []
    for root, dirs, names in os.walk(corpus):
        dirs.sort()
        for name in sorted(names):
            if name.lower().endswith(SUPPORTED):
                out.append(os.path.join(root, name))
    return out


def corpus_stats(corpus):
    files = corpus_files(corpus)
    by_ext = {}
    size = 0
    for f in files:
        ext = os.path.splitext(f)[1].lower().lstrip(".")
        by_ext[ext] = by_ext.get(ext, 0) + 1
        size += os.path.getsize(f)
    return {"path": corpus, "files": len(files), "mib": size / MIB, "formats": by_ext}


def generate(corpus, n, seed, gen, formats, queries_tsv, notes):
    """Writes n minutes into corpus; returns the judged queries TSV or None."""
    if gen and os.path.exists(gen):
        subprocess.run([sys.executable, gen, corpus, "-n", str(n), "--seed", str(seed),
                        "--formats", formats, "--queries", queries_tsv, "--jobs",
                        str(max(1, len(os.sched_getaffinity(0))))],
                       check=True, stdout=subprocess.DEVNULL)
        return queries_tsv
    notes.append(f"gen_corpus.py not found at {gen}: minutes written by bench/synth_corpus.py "
                 "from the samples in corpus/minutes (small vocabulary), queries are sampled words")
    subprocess.run([sys.executable, os.path.join(HERE, "synth_corpus.py"), corpus, "-n", str(n),
                    "--seed", str(seed)], check=True, stdout=subprocess.DEVNULL)
    return None


def read_queries(path):
    """Queries of a TSV with a 'query' column (gen_corpus.py's), or of one query a line."""
    out = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    header = lines[0].split("\t") if lines else []
    col = header.index("query") if "query" in header else None
    for line in lines[1:] if col is not None else lines:
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        q = cells[col] if col is not None and col < len(cells) else line
        q = q.strip()
        if q:
            out.append(q)
    return out


WORD = re.compile(r"[a-zåäöéü]{5,}")


def sample_words(corpus, count, seed):
    """count mid-frequency words of the .txt files (in 1% to 20% of them), deterministic."""
    files = [f for f in corpus_files(corpus) if f.endswith((".txt", ".md"))]
    df = {}
    for f in files:
        with open(f, encoding="utf-8", errors="replace") as fh:
            for w in set(WORD.findall(fh.read().lower())):
                df[w] = df.get(w, 0) + 1
    lo, hi = max(2, len(files) // 100), max(3, len(files) // 5)
    mid = sorted(w for w, n in df.items() if lo <= n <= hi) or sorted(df)
    return random.Random(seed).sample(mid, min(count, len(mid)))


def warm_page_cache(corpus):
    """Reads every file once, so the first system does not pay for the disk alone."""
    for f in corpus_files(corpus):
        with open(f, "rb") as fh:
            while fh.read(1 << 20):
                pass


def change_one_percent(corpus, seed, undo_file):
    """Appends a line with a new word to 1% of the .txt files; (word, files changed). The
    files' sizes before are saved in undo_file first, for undo_changes."""
    txt = [f for f in corpus_files(corpus) if f.endswith(".txt")]
    if not txt:
        return None, []
    rng = random.Random(f"{seed}-{time.time_ns()}")
    word = "zq" + "".join(rng.choice("bcdfghjklmnprstvx") for _ in range(9))
    chosen = sorted(rng.sample(txt, max(1, round(len(txt) / 100))))
    with open(undo_file, "w", encoding="utf-8") as f:
        json.dump({p: os.path.getsize(p) for p in chosen}, f)
    for p in chosen:
        with open(p, "a", encoding="utf-8") as fh:
            fh.write(f"\nTillägg till protokollet: {word} noteras.\n")
    return word, chosen


def undo_changes(undo_file):
    """Cuts the files change_one_percent changed back to their sizes before."""
    if not os.path.exists(undo_file):
        return
    with open(undo_file, encoding="utf-8") as f:
        for p, size in json.load(f).items():
            if os.path.exists(p):
                os.truncate(p, size)
    os.remove(undo_file)


# ------------------------------------------------------------------ the systems

def find_tool(build, *names):
    for name in names:
        for sub in ("", "bench", "indexer", "query", "stemming"):
            p = os.path.join(build, sub, name)
            if os.path.isfile(p) and os.access(p, os.X_OK):
                return p
    return None


class System:
    key = label = ""

    def __init__(self, args):
        self.args = args

    def missing(self):
        """Why this system cannot run here, or None."""
        return None

    def version(self):
        return None

    def db(self, base):
        return os.path.join(base, self.key)

    def index_argv(self, db, corpus, jobs=1):
        raise NotImplementedError

    def documents(self, db, log):
        """Files the system says it indexed, or None."""
        return None

    def latency_argv(self, db, queries, repeat, per_query=False):
        raise NotImplementedError

    def page_latency_argv(self, db, queries, repeat):
        """The queries again with a snippet of each hit as the peer's own results page has
        it (Protokoll's answers always carry one), or None."""
        return None

    def cli_argv(self, db, query):
        return None


class Protokoll(System):
    key, label = "protokoll", "Protokoll"

    def missing(self):
        b = self.args.build
        self.index = find_tool(b, "protokoll-index")
        self.query = find_tool(b, "protokoll-query")
        self.latency = find_tool(b, "query_latency")
        if not (self.index and self.query and self.latency):
            return (f"protokoll-index, protokoll-query or bench/query_latency not built in {b} "
                    "(cmake -DPROTOKOLL_BUILD_BENCH=ON)")
        return None

    def version(self):
        return "build " + os.path.abspath(self.args.build)

    def index_argv(self, db, corpus, jobs=1):
        return [self.index, "--db", db, "--jobs", str(jobs), "--quiet", "--report", db + ".report.json",
                corpus]

    def documents(self, db, log):
        try:
            with open(db + ".report.json", encoding="utf-8") as f:
                r = json.load(f)
            return r.get("indexed", 0) + r.get("unchanged", 0)
        except (OSError, ValueError):
            return None

    def latency_argv(self, db, queries, repeat, per_query=False):
        return [self.latency, "--db", db, "--queries", queries, "--repeat", str(repeat),
                "--limit", "10"] + (["--per-query"] if per_query else [])

    def cli_argv(self, db, query):
        return [self.query, "--db", db, "--format", "json", "--limit", "10", query]


class Omindex(System):
    key, label = "omindex", "omindex (Xapian)"

    def missing(self):
        self.latency = find_tool(self.args.build, "xapian_latency")
        if not shutil.which("omindex"):
            return "omindex not installed (apt-get install xapian-omega)"
        if not self.latency:
            return f"bench/xapian_latency not built in {self.args.build}"
        return None

    def version(self):
        r = subprocess.run(["omindex", "--version"], capture_output=True, text=True)
        return r.stdout.strip() or None

    def index_argv(self, db, corpus, jobs=1):
        return ["omindex", "--db", db, "--url", "/", "--stemmer=swedish", corpus]

    def documents(self, db, log):
        if not shutil.which("xapian-delve"):
            return None
        r = subprocess.run(["xapian-delve", db], capture_output=True, text=True)
        m = re.search(r"number of documents = (\d+)", r.stdout)
        return int(m.group(1)) if m else None

    def latency_argv(self, db, queries, repeat, per_query=False):
        return [self.latency, "--db", db, "--queries", queries, "--repeat", str(repeat),
                "--limit", "10"] + (["--per-query"] if per_query else [])

    def page_latency_argv(self, db, queries, repeat):
        return self.latency_argv(db, queries, repeat) + ["--snippets"]

    def cli_argv(self, db, query):
        if not shutil.which("quest"):
            return None
        return ["quest", "--db", db, "--stemmer", "swedish", "--msize", "10", "--", query]


class Fts5(System):
    key, label = "fts5", "SQLite FTS5"

    def missing(self):
        try:
            sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE t USING fts5(a)")
        except sqlite3.Error as e:
            return f"python's sqlite3 has no FTS5 ({e})"
        return None

    def version(self):
        return "sqlite " + sqlite3.sqlite_version

    def db(self, base):
        return os.path.join(base, "fts5.db")

    def index_argv(self, db, corpus, jobs=1):
        return [sys.executable, os.path.join(HERE, "fts5_peer.py"), "index", db, corpus]

    def documents(self, db, log):
        try:
            with open(log + ".out", encoding="utf-8") as f:
                return json.loads(f.read().splitlines()[-1]).get("documents")
        except (OSError, ValueError, IndexError):
            return None

    def latency_argv(self, db, queries, repeat, per_query=False):
        return [sys.executable, os.path.join(HERE, "fts5_peer.py"), "query", db, queries,
                "--repeat", str(repeat), "--limit", "10"] + (["--per-query"] if per_query else [])


PEERS = {"omindex": Omindex, "fts5": Fts5}


# ------------------------------------------------------------------ one benchmark run

class Run:
    """All steps of all systems on one corpus, in the order that keeps them comparable."""

    def __init__(self, args, work, corpus, queries, systems, notes, undo_file, two_core=True,
                 cli=True):
        self.args, self.work, self.corpus, self.queries = args, work, corpus, queries
        self.undo_file = undo_file
        self.systems, self.notes, self.two_core, self.cli = systems, notes, two_core, cli
        self.logs = os.path.join(work, "logs")
        self.dbs = os.path.join(work, "db")
        os.makedirs(self.logs, exist_ok=True)
        self.results = {s.key: {"label": s.label, "version": s.version()} for s in systems}

    def log(self, *what):
        if not self.args.quiet:
            print(f"[{time.strftime('%H:%M:%S')}] " + " ".join(str(w) for w in what),
                  file=sys.stderr, flush=True)

    def step(self, system, name, argv, cpu):
        self.log(system.key, name, "...")
        res = run_measured(argv, os.path.join(self.logs, f"{system.key}-{name}"), cpu,
                           self.args.timeout)
        if res["rc"] != 0:
            self.log(system.key, name, "failed:", res.get("error"), res.get("stderr_tail", "")[-300:])
        else:
            self.log(system.key, name, f"{res['wall_s']:.1f} s")
        return res

    def go(self):
        cpu = self.args.cpu
        shutil.rmtree(self.dbs, ignore_errors=True)
        os.makedirs(self.dbs)
        stats = corpus_stats(self.corpus)
        warm_page_cache(self.corpus)
        queries_file = os.path.join(self.work, "queries.txt")
        with open(queries_file, "w", encoding="utf-8") as f:
            f.write("".join(q.replace("\n", " ") + "\n" for q in self.queries))
        load_before = load_average()

        ok = {}
        for s in self.systems:
            db = s.db(self.dbs)
            res = self.step(s, "index", s.index_argv(db, self.corpus), cpu)
            if res["rc"] == 0:
                res["index_mib"] = du_mib(db)
                res["documents"] = s.documents(db, os.path.join(self.logs, f"{s.key}-index"))
            self.results[s.key]["index"] = res
            ok[s.key] = res["rc"] == 0
        prot = next((s for s in self.systems if s.key == "protokoll"), None)
        if prot and self.two_core:
            db = os.path.join(self.dbs, "protokoll-all-cores")
            res = self.step(prot, "index-all-cores", prot.index_argv(db, self.corpus, jobs=0), None)
            if res["rc"] == 0:
                res["index_mib"] = du_mib(db)
            res["cores"] = len(os.sched_getaffinity(0))
            self.results["protokoll"]["index_all_cores"] = res
            shutil.rmtree(db, ignore_errors=True)

        for s in self.systems:
            if ok[s.key]:
                self.results[s.key]["noop"] = self.step(s, "noop", s.index_argv(s.db(self.dbs), self.corpus), cpu)

        word, changed = change_one_percent(self.corpus, self.args.seed, self.undo_file)
        if not changed:
            self.notes.append("no .txt files: the 1% re-run was skipped")
        word_file = os.path.join(self.work, "word.txt")
        with open(word_file, "w", encoding="utf-8") as f:
            f.write((word or "") + "\n")
        for s in self.systems:
            if not (ok[s.key] and changed):
                continue
            db = s.db(self.dbs)
            res = self.step(s, "one-percent", s.index_argv(db, self.corpus), cpu)
            res["changed_files"] = len(changed)
            if res["rc"] == 0:
                found, _ = run_json(s.latency_argv(db, word_file, 1, per_query=True),
                                    os.path.join(self.logs, f"{s.key}-check"), cpu)
                pq = (found or {}).get("per_query") or [{}]
                res["word"] = word
                res["word_matches"] = pq[0].get("total")
                res["word_error"] = pq[0].get("error") or None
            self.results[s.key]["one_percent"] = res

        for s in self.systems:
            if not ok[s.key]:
                continue
            db = s.db(self.dbs)
            self.log(s.key, "queries ...")
            lat, res = run_json(s.latency_argv(db, queries_file, self.args.repeat),
                                os.path.join(self.logs, f"{s.key}-latency"), cpu, self.args.timeout)
            self.results[s.key]["latency"] = lat or {"error": res.get("error"),
                                                     "stderr_tail": res.get("stderr_tail")}
            page = s.page_latency_argv(db, queries_file, self.args.repeat)
            if page:
                lat, res = run_json(page, os.path.join(self.logs, f"{s.key}-page-latency"), cpu,
                                    self.args.timeout)
                self.results[s.key]["page_latency"] = lat or {"error": res.get("error")}
            if self.cli and s.cli_argv(db, "x"):
                self.results[s.key]["cli_latency"] = self.cli_latency(s, db, cpu)
        self.results["_load_average"] = {"before": load_before, "after": load_average()}
        self.results["_corpus"] = stats
        self.results["_queries"] = {"count": len(self.queries)}
        if not self.args.keep:
            shutil.rmtree(self.dbs, ignore_errors=True)
        return self.results

    def cli_latency(self, s, db, cpu):
        """One process a query, as a user runs the CLI: median and p95 wall ms."""
        qs = self.queries[: self.args.cli_queries]
        if not qs:
            return None
        subprocess.run(s.cli_argv(db, qs[0]), capture_output=True, preexec_fn=pin_to(cpu))
        times, errors = [], 0
        for q in qs:
            t0 = time.perf_counter()
            r = subprocess.run(s.cli_argv(db, q), capture_output=True, preexec_fn=pin_to(cpu))
            times.append((time.perf_counter() - t0) * 1000)
            errors += r.returncode != 0
        return {"queries": len(qs), "median_ms": nearest_rank(times, 50),
                "p95_ms": nearest_rank(times, 95), "errors": errors}


# ------------------------------------------------------------------ tables

def fmt(v, digits=1, suffix=""):
    if v is None:
        return "—"
    if isinstance(v, float):
        if abs(v) >= 100 or digits == 0:
            return f"{v:,.0f}{suffix}"
        return f"{v:.{digits}f}{suffix}"
    return f"{v}{suffix}"


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |",
             "| " + " | ".join("---" if i == 0 else "---:" for i in range(len(header))) + " |"]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def ok_step(r):
    return r if r and r.get("rc") == 0 else None


def pct_of(part, whole):
    return f"{100.0 * part / whole:.1f}%" if part is not None and whole else "—"


def indexing_rows(results, stats, keys):
    rows = []
    for k in keys:
        r = results[k]
        ix = r.get("index") or {}
        if ix.get("rc") != 0:
            rows.append([r["label"], "failed: " + str(ix.get("error")), *["—"] * 7])
            continue
        w = ix["wall_s"]
        rows.append([r["label"], fmt(ix.get("documents")), fmt(w), fmt(stats["files"] / w),
                     fmt(stats["mib"] / w, 2), fmt(ix["cpu_s"]), fmt(ix["peak_rss_mib"]),
                     fmt(ix.get("index_mib")),
                     fmt(ix["index_mib"] / stats["mib"], 2, "×") if ix.get("index_mib") else "—"])
    return rows


def rerun_rows(results, keys):
    rows = []
    for k in keys:
        r = results[k]
        full = (ok_step(r.get("index")) or {}).get("wall_s")
        noop, one = ok_step(r.get("noop")), r.get("one_percent")
        seen = "—"
        if one and one.get("rc") == 0:
            m = one.get("word_matches")
            seen = (f"yes ({m}/{one['changed_files']})" if m == one["changed_files"] else
                    f"NO ({m}/{one['changed_files']})" if m is not None else
                    "? " + str(one.get("word_error")))
        elif one:
            seen = "failed: " + str(one.get("error"))
        rows.append([r["label"], fmt(noop and noop["wall_s"], 2), pct_of(noop and noop["wall_s"], full),
                     fmt(ok_step(one) and one["wall_s"], 2),
                     pct_of(ok_step(one) and one["wall_s"], full),
                     one.get("changed_files", "—") if one else "—", seen])
    return rows


def query_rows(results, keys):
    rows = []
    for k in keys:
        r = results[k]
        lat = r.get("latency") or {}
        cli = r.get("cli_latency") or {}
        if "median_ms" not in lat:
            rows.append([r["label"], "failed: " + str(lat.get("error")), *["—"] * 7])
            continue
        rows.append([r["label"], lat["queries"], fmt(lat["median_ms"], 2), fmt(lat["p95_ms"], 2),
                     lat["zero_hits"], lat["errors"],
                     fmt((lat.get("open_ms") or 0) + (lat.get("first_ms") or 0), 1),
                     fmt(cli.get("median_ms"), 0), fmt(cli.get("p95_ms"), 0)])
        page = r.get("page_latency") or {}
        if "median_ms" in page:
            rows.append([r["label"] + " with snippets", page["queries"], fmt(page["median_ms"], 2),
                         fmt(page["p95_ms"], 2), page["zero_hits"], page["errors"],
                         fmt((page.get("open_ms") or 0) + (page.get("first_ms") or 0), 1),
                         "—", "—"])
    return rows


def ratio(a, b):
    return a / b if a is not None and b else None


def ratios(results, peer):
    """Protokoll / peer for each figure (above 1: Protokoll slower or bigger)."""
    p, q = results.get("protokoll", {}), results.get(peer, {})

    def get(r, step, field):
        s = r.get(step) or {}
        return s.get(field) if step.endswith("latency") or s.get("rc") == 0 else None

    out = {}
    for name, step, field in (("wall", "index", "wall_s"), ("cpu", "index", "cpu_s"),
                              ("peak_rss", "index", "peak_rss_mib"), ("index_size", "index", "index_mib"),
                              ("noop", "noop", "wall_s"), ("one_percent", "one_percent", "wall_s"),
                              ("query_median", "latency", "median_ms"), ("query_p95", "latency", "p95_ms")):
        out[name] = ratio(get(p, step, field), get(q, step, field))
    # Against the peer's results page with snippets, where it has one (Protokoll's answers
    # always carry a snippet of each hit).
    out["page_median"] = ratio(get(p, "latency", "median_ms"), get(q, "page_latency", "median_ms"))
    return out


def report_compare(results, notes, args):
    stats = results["_corpus"]
    keys = [k for k in results if not k.startswith("_")]
    print(f"\n## Whole run: {stats['files']} files, {stats['mib']:.1f} MiB "
          f"({', '.join(f'{n} {e}' for e, n in sorted(stats['formats'].items()))}), "
          f"{results['_queries']['count']} queries")
    la = results["_load_average"]
    print(f"\nOne CPU each (pinned to CPU {args.cpu}); load average before {la['before']}, "
          f"after {la['after']}.\n")
    print("### Indexing from scratch\n")
    print(table(["system", "files indexed", "wall s", "files/s", "MiB/s", "CPU s", "peak RSS MiB",
                 "index MiB", "index / corpus"], indexing_rows(results, stats, keys)))
    print("\n### Re-runs\n")
    print(table(["system", "no-op s", "% of full", "1% changed s", "% of full", "files changed",
                 "change found"], rerun_rows(results, keys)))
    print(f"\n### Queries (top 10, in-process: warm-up, then median of {args.repeat} runs a query)\n")
    print(table(["system", "queries", "median ms", "p95 ms", "zero hits", "errors",
                 "open + 1st query ms",
                 f"CLI median ms ({args.cli_queries} q)", "CLI p95 ms"], query_rows(results, keys)))
    print("\nzero hits: queries that match nothing (omindex and FTS5 read field syntax such as "
          "kommun:X as words; FTS5 has no stemming). CLI: one process a query (protokoll-query, "
          "quest), wall time. Protokoll's answers carry each hit's metadata and a snippet made "
          "from the hit's whole text; omindex fetches each hit's url, and \"with snippets\" "
          "also makes the snippet Omega's default results page shows ($snippet of the stored "
          "sample).")
    peers = [k for k in keys if k != "protokoll"]
    if "protokoll" in keys and peers:
        print("\n### Protokoll / peer (above 1: Protokoll slower or bigger)\n")
        rows = []
        for peer in peers:
            r = ratios(results, peer)
            results["_ratios"] = results.get("_ratios", {})
            results["_ratios"][peer] = r
            rows.append([results[peer]["label"]] + [fmt(r[k], 2, "×") for k in
                                                     ("wall", "cpu", "peak_rss", "index_size", "noop",
                                                      "one_percent", "query_median", "query_p95",
                                                      "page_median")])
        print(table(["peer", "index wall", "CPU", "peak RSS", "index size", "no-op", "1% re-run",
                     "query median", "query p95", "query median vs peer with snippets"], rows))
    one = ok_step((results.get("protokoll") or {}).get("index"))
    allc = ok_step((results.get("protokoll") or {}).get("index_all_cores"))
    if one and allc:
        sp = one["wall_s"] / allc["wall_s"]
        results["_ratios"] = results.get("_ratios", {})
        results["_ratios"]["protokoll_all_cores_speedup"] = sp
        print(f"\n### Protokoll on all {allc['cores']} cores (--jobs 0, unpinned) vs one\n")
        print(table(["run", "wall s", "CPU s", "peak RSS MiB", "files/s"],
                    [["--jobs 1, one CPU", fmt(one["wall_s"]), fmt(one["cpu_s"]),
                      fmt(one["peak_rss_mib"]), fmt(stats["files"] / one["wall_s"])],
                     [f"--jobs 0, {allc['cores']} CPUs", fmt(allc["wall_s"]), fmt(allc["cpu_s"]),
                      fmt(allc["peak_rss_mib"]), fmt(stats["files"] / allc["wall_s"])],
                     ["speed-up", fmt(sp, 2, "×"), "", "", ""]]))
    for n in notes:
        print(f"\nNote: {n}")


def report_scale(per_size, notes):
    print("\n## Scaling")
    sizes = sorted(per_size)
    systems = []
    for n in sizes:
        systems += [k for k in per_size[n] if not k.startswith("_") and k not in systems]
    for key in systems:
        rows, base = [], None
        for n in sizes:
            res = per_size[n]
            r = res.get(key)
            if not r:
                continue
            stats = res["_corpus"]
            ix = ok_step(r.get("index"))
            if not ix:
                rows.append([n, stats["files"], "failed: " + str((r.get("index") or {}).get("error"))]
                            + ["—"] * 11)
                continue
            files = stats["files"]
            per = {"ms": 1000 * ix["wall_s"] / files, "cpu": 1000 * ix["cpu_s"] / files,
                   "kib": 1024 * (ix.get("index_mib") or 0) / files}
            lat = r.get("latency") or {}
            noop, one = ok_step(r.get("noop")), ok_step(r.get("one_percent"))
            if base is None:
                base = dict(per, p50=lat.get("median_ms"))
            rows.append([n, files, fmt(stats["mib"]), fmt(ix["wall_s"]), fmt(per["ms"], 2),
                         fmt(ratio(per["ms"], base["ms"]), 2, "×"), fmt(per["cpu"], 2),
                         fmt(per["kib"], 1), fmt(ratio(per["kib"], base["kib"]), 2, "×"),
                         fmt(ix["peak_rss_mib"]), fmt(noop and noop["wall_s"], 2),
                         fmt(one and one["wall_s"], 2), fmt(lat.get("median_ms"), 2),
                         fmt(lat.get("p95_ms"), 2)])
        label = next(per_size[n][key]["label"] for n in sizes if key in per_size[n])
        print(f"\n### {label}\n")
        print(table(["meetings", "files", "MiB", "index s", "ms/meeting", "growth", "CPU ms/meeting",
                     "index KiB/meeting", "growth", "peak RSS MiB", "no-op s", "1% s",
                     "query median ms", "query p95 ms"], rows))
    print("\ngrowth: the figure per meeting relative to the smallest size (1.00× = linear)")
    for n in notes:
        print(f"\nNote: {n}")


# ------------------------------------------------------------------ main

def pick_systems(args, peers, notes):
    systems = []
    for cls in [Protokoll] + [PEERS[p] for p in peers]:
        s = cls(args)
        why = s.missing()
        if why:
            notes.append(f"{s.label} skipped: {why}")
            if cls is Protokoll:
                return None
        else:
            systems.append(s)
    return systems


def prepare(args, work, n, notes):
    """The pristine corpus folder and the queries for a run: --corpus, or n minutes generated
    into work once and reused while work is kept."""
    if args.corpus:
        corpus, tsv = args.corpus, args.queries
    else:
        corpus = os.path.join(work, "corpus")
        done = corpus + ".done"
        if os.path.exists(done):
            with open(done, encoding="utf-8") as f:
                saved = json.load(f)
            tsv = saved.get("queries")
            notes.extend(saved.get("notes", []))
        else:
            shutil.rmtree(corpus, ignore_errors=True)
            gen_notes = []
            tsv = generate(corpus, n, args.seed, args.gen, args.formats,
                           os.path.join(work, "queries.tsv"), gen_notes)
            notes.extend(gen_notes)
            with open(done, "w", encoding="utf-8") as f:
                json.dump({"queries": tsv, "notes": gen_notes}, f)
    queries = read_queries(tsv) if tsv and os.path.exists(tsv) else []
    if not queries:
        queries = sample_words(corpus, 50, args.seed)
        notes.append(f"queries: {len(queries)} mid-frequency words sampled from the corpus")
    return corpus, queries[: args.max_queries] if args.max_queries else queries


def run_once(args, work, n, systems, notes, two_core, cli):
    """One Run. The 1% step changes files: a --corpus folder is copied first (and never
    touched); a generated corpus is run in place and its changes undone afterwards (or, if
    the run was killed, before the corpus is used again)."""
    undo_file = os.path.join(work, "corpus.changed.json")
    undo_changes(undo_file)
    corpus, queries = prepare(args, work, n, notes)
    if args.corpus:
        run_corpus = os.path.join(work, "run-corpus")
        shutil.rmtree(run_corpus, ignore_errors=True)
        shutil.copytree(corpus, run_corpus)
        corpus = run_corpus
    try:
        return Run(args, work, corpus, queries, systems, notes, undo_file, two_core, cli).go()
    finally:
        undo_changes(undo_file)
        if args.corpus:
            shutil.rmtree(corpus, ignore_errors=True)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog=__doc__.split("\n\n", 1)[1],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", help="a folder of minutes to use (copied; never modified)")
    ap.add_argument("--queries", help="with --corpus: queries, a TSV with a 'query' column or one "
                    "a line (default: 50 sampled words)")
    ap.add_argument("-n", type=int, default=2000, help="minutes to generate (default 2000)")
    ap.add_argument("--sizes", help="comma-separated corpus sizes for a scaling run, e.g. 1000,10000")
    ap.add_argument("--peers", help="comma-separated peers: omindex,fts5 or none (default: both; "
                    "none with --sizes)")
    ap.add_argument("--build", default=os.path.join(REPO, "build-bench"),
                    help="build folder with the tools and bench/ tools (default: build-bench)")
    ap.add_argument("--gen", default=DEFAULT_GEN, help="gen_corpus.py (default: %(default)s)")
    ap.add_argument("--formats", default="txt:8,docx:1,odt:1", help="gen_corpus.py --formats")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", help="working folder (default: a temporary one; with --sizes "
                    "/tmp/protokoll-scale, kept so corpora are reused)")
    ap.add_argument("--resume", action="store_true", help="with --sizes: reuse saved results of a size")
    ap.add_argument("--keep", action="store_true", help="keep the working folder and databases")
    ap.add_argument("--out", help="write the figures as JSON to this file")
    ap.add_argument("--repeat", type=int, default=5, help="timed runs of each query (default 5)")
    ap.add_argument("--max-queries", type=int, default=0, help="use at most this many queries")
    ap.add_argument("--cli-queries", type=int, default=30,
                    help="queries timed as one process each (default 30; 0: none)")
    ap.add_argument("--cpu", type=int, default=max(os.sched_getaffinity(0)),
                    help="the CPU pinned runs use (default: the last one)")
    ap.add_argument("--timeout", type=float, default=4 * 3600, help="seconds a step may take")
    ap.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    args = ap.parse_args(argv)

    if args.corpus and args.sizes:
        ap.error("--corpus and --sizes do not go together")
    if args.corpus and not os.path.isdir(args.corpus):
        ap.error(f"--corpus {args.corpus} is not a folder")
    peers = args.peers if args.peers is not None else ("none" if args.sizes else "omindex,fts5")
    peers = [] if peers == "none" else [p.strip() for p in peers.split(",") if p.strip()]
    for p in peers:
        if p not in PEERS:
            ap.error(f"unknown peer {p!r} (known: {', '.join(PEERS)})")
    notes = []
    systems = pick_systems(args, peers, notes)
    if systems is None:
        print(f"whole_run: skipped: {notes[-1]}")
        return 0

    if args.sizes:
        try:
            sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
        except ValueError:
            ap.error("--sizes takes numbers: 1000,10000")
        root = args.work or "/tmp/protokoll-scale"
        os.makedirs(root, exist_ok=True)
        per_size = {}
        for n in sizes:
            work = os.path.join(root, f"n{n}")
            os.makedirs(work, exist_ok=True)
            saved = os.path.join(work, "results.json")
            if args.resume and os.path.exists(saved):
                with open(saved, encoding="utf-8") as f:
                    per_size[n] = json.load(f)
                print(f"whole_run: {n}: results reused from {saved}", file=sys.stderr)
                continue
            size_notes = []
            res = run_once(args, work, n, systems, size_notes, two_core=False, cli=False)
            per_size[n] = res
            with open(saved, "w", encoding="utf-8") as f:
                json.dump(res, f, ensure_ascii=False, indent=1)
            for note in size_notes:
                if note not in notes:
                    notes.append(note)
        report_scale(per_size, notes)
        out = {"sizes": {str(n): r for n, r in per_size.items()}, "notes": notes}
    else:
        work = args.work or tempfile.mkdtemp(prefix="protokoll-whole-")
        os.makedirs(work, exist_ok=True)
        try:
            results = run_once(args, work, args.n, systems, notes, two_core=True, cli=True)
        finally:
            if not args.keep and not args.work:
                shutil.rmtree(work, ignore_errors=True)
        report_compare(results, notes, args)
        out = dict(results, notes=notes)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump(out, f, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
