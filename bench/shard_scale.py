#!/usr/bin/env python3
"""Protokoll at growing archive sizes, as one database and as shards (docs/scale.md).

  bench/shard_scale.py --source DIR --queries FILE --sizes 1000,10000 [--build DIR]
                       [--work DIR] [--shard-by county] [--repeat 3] [--out FILE] [--reuse]

For each size N, N minutes spread evenly over --source's sorted paths (make it with
../shared/bench/gen_corpus.py, which writes COUNTY/YEAR/...) are copied into --work and
indexed twice, each from scratch:
  one        protokoll-index --db one CORPUS
  sharded    protokoll-index --db sharded --shard-by county CORPUS
(wall seconds, peak RSS of the run from os.wait4, size on disk with du; kept in the size's
index.json, and with --reuse a size that has one is not indexed again). Then the queries
(a file with one query a line, or gen_corpus's TSV whose first column is the query) are
timed in-process by bench/query_latency (query::Session, top 10, facets off; a warm-up pass,
then --repeat runs a query; p50/p95 over the queries' medians) on:
  one        the single database
  local      the sharded stub, its shards local
  loopback   a stub of two `remote 127.0.0.1:PORT` lines: two xapian-tcpsrv (each in a session
             of its own), each serving half of the shards
A Markdown table goes to stdout, the figures as JSON to --out. Machines are noisy: the load
average is printed with each size.
"""
import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def tool(build, *names):
    for name in names:
        for sub in ("", "bench", "indexer", "query"):
            p = os.path.join(build, sub, name)
            if os.path.isfile(p) and os.access(p, os.X_OK):
                return p
    sys.exit(f"shard_scale: {names[0]} not built in {build}")


def du_mib(path):
    out = subprocess.run(["du", "-sk", path], capture_output=True, text=True).stdout
    return int(out.split()[0]) / 1024.0


def run_measured(argv, log):
    """Runs argv; returns (wall seconds, peak RSS in MiB), exiting on failure."""
    start = time.monotonic()
    with open(log, "w") as out:
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"shard_scale: {' '.join(argv)} failed; see {log}")
    return wall, usage.ru_maxrss / 1024.0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_tcpsrv(shards):
    """xapian-tcpsrv serving shards on a free port, in a session of its own (stopped, it
    signals its whole process group)."""
    for _ in range(5):
        port = free_port()
        proc = subprocess.Popen(["xapian-tcpsrv", "--interface", "127.0.0.1", "--port",
                                 str(port)] + shards, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        for _ in range(100):
            if proc.poll() is not None:
                break
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return proc, port
            except OSError:
                time.sleep(0.05)
        proc.kill()
        proc.wait()
    sys.exit("shard_scale: xapian-tcpsrv did not start")


def read_queries(path, work):
    queries = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f):
            q = line.rstrip("\n").split("\t")[0]
            if q and not (n == 0 and q == "query"):
                queries.append(q)
    out = os.path.join(work, "queries.txt")
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(queries) + "\n")
    return out


def corpus(source, n, dest):
    if os.path.isdir(dest):
        return
    files = []
    for root, _, names in os.walk(source):
        files += [os.path.join(root, x) for x in names if x.endswith((".txt", ".docx", ".odt"))]
    files.sort()
    if len(files) < n:
        sys.exit(f"shard_scale: {source} has {len(files)} minutes, fewer than {n}")
    # Spread over the whole source (gen_corpus writes COUNTY/YEAR/...), so every county and
    # year is there at every size.
    for f in [files[k * len(files) // n] for k in range(n)]:
        to = os.path.join(dest, os.path.relpath(f, source))
        os.makedirs(os.path.dirname(to), exist_ok=True)
        shutil.copy2(f, to)


def latency(bin_, db, queries, repeat, log):
    out = subprocess.run([bin_, "--db", db, "--queries", queries, "--repeat", str(repeat)],
                         capture_output=True, text=True)
    with open(log, "w") as f:
        f.write(out.stdout + out.stderr)
    if out.returncode != 0:
        sys.exit(f"shard_scale: query_latency on {db} failed; see {log}")
    return json.loads(out.stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", required=True)
    ap.add_argument("--queries", required=True)
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--build", default=os.path.join(REPO, "build"))
    ap.add_argument("--work", default="/tmp/protokoll-shard-scale")
    ap.add_argument("--shard-by", default="county")
    ap.add_argument("--jobs", default="2")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out")
    ap.add_argument("--reuse", action="store_true",
                    help="a size indexed before (its index.json in --work) is only queried again")
    a = ap.parse_args()
    index = tool(a.build, "protokoll-index")
    lat = tool(a.build, "query_latency")
    os.makedirs(a.work, exist_ok=True)
    queries = read_queries(a.queries, a.work)
    results = []
    for n in [int(x) for x in a.sizes.split(",")]:
        base = os.path.join(a.work, str(n))
        src = os.path.join(base, "corpus")
        corpus(a.source, n, src)
        r = {"meetings": n, "load_before": os.getloadavg()[0]}
        saved = os.path.join(base, "index.json")
        if a.reuse and os.path.isfile(saved):
            # The databases of an earlier run, and what their indexing measured.
            with open(saved) as f:
                r.update(json.load(f))
        else:
            for name, extra in (("one", []), ("sharded", ["--shard-by", a.shard_by])):
                db = os.path.join(base, name)
                shutil.rmtree(db, ignore_errors=True)
                wall, rss = run_measured([index, "--db", db, "--jobs", a.jobs, "--quiet"] +
                                         extra + [src], os.path.join(base, name + "-index.log"))
                r[name] = {"index_s": wall, "rss_mib": rss, "size_mib": du_mib(db)}
            with open(saved, "w") as f:
                json.dump({k: r[k] for k in ("one", "sharded")}, f)
        with open(os.path.join(base, "sharded", "XAPIANDB")) as f:
            shards = [os.path.join(base, "sharded", line[5:].strip()) for line in f
                      if line.startswith("auto ")]
        r["shards"] = len(shards)
        half = (len(shards) + 1) // 2
        servers = [start_tcpsrv(shards[:half]), start_tcpsrv(shards[half:])]
        remote = os.path.join(base, "loopback")
        os.makedirs(remote, exist_ok=True)
        with open(os.path.join(remote, "XAPIANDB"), "w") as f:
            for _, port in servers:
                f.write(f"remote 127.0.0.1:{port}\n")
        try:
            for name, db in (("one", os.path.join(base, "one")),
                             ("local", os.path.join(base, "sharded")), ("loopback", remote)):
                j = latency(lat, db, queries, a.repeat, os.path.join(base, name + "-latency.log"))
                r["query_" + name] = {"p50_ms": j["median_ms"], "p95_ms": j["p95_ms"],
                                      "errors": j.get("errors", 0)}
        finally:
            for proc, _ in servers:
                proc.terminate()
                proc.wait()
        r["load_after"] = os.getloadavg()[0]
        results.append(r)
        print(json.dumps(r), file=sys.stderr)
    print("| meetings | index s (one / sharded) | size MiB (one / sharded) | peak RSS MiB | "
          "shards | query p50 / p95 ms: one | local shards | loopback tcpsrv | load |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        o, s = r["one"], r["sharded"]
        q = lambda k: f'{r[k]["p50_ms"]:.2f} / {r[k]["p95_ms"]:.2f}'
        print(f'| {r["meetings"]:,} | {o["index_s"]:.0f} / {s["index_s"]:.0f} | '
              f'{o["size_mib"]:.0f} / {s["size_mib"]:.0f} | {o["rss_mib"]:.0f} / '
              f'{s["rss_mib"]:.0f} | {r["shards"]} | {q("query_one")} | {q("query_local")} | '
              f'{q("query_loopback")} | {r["load_before"]:.1f}–{r["load_after"]:.1f} |')
    if a.out:
        with open(a.out, "w") as f:
            json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
