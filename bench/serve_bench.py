#!/usr/bin/env python3
"""protokoll-serve under load: requests per second and p50/p95 latency at 1 and 16 clients.

  bench/serve_bench.py [--sizes 2000,20000] [--build build-bench] [--seconds 10]

For each size: N generated minutes (../shared/bench/gen_corpus.py with its judged queries;
else bench/synth_corpus.py and sampled words), indexed once into --work and reused. Then,
one after the other, each at --clients (default 1,16) for --seconds:
  api    protokoll-serve's /api/search?q=… (JSON, top 10) through bench/serve_load, which
         keeps one connection a client
  page   the search page /?q=… (HTML with facets over the matches)
  cli    protokoll-query --format json … one process a query, --clients processes at once:
         what a script gets without the server (opening the database every time)
  omega  Omega's CGI (Debian's xapian-omega) on an omindex database of the same minutes, one
         process a query as a web server runs it, with its default query template
The load generator runs on the same machine and shares its cores with the server: read the
ratios between rows, not the absolute numbers.
Prints a Markdown table; --out FILE keeps the figures as JSON.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
GEN = os.path.join(REPO, "..", "shared", "bench", "gen_corpus.py")
LOAD = None  # the load generator, bench/serve_load
OMEGA = "/usr/lib/cgi-bin/omega/omega"  # Debian's xapian-omega


def corpus_and_queries(work, n, gen):
    """The corpus of n minutes in work (made once) and up to 50 queries for it."""
    corpus = os.path.join(work, f"corpus-{n}")
    tsv = os.path.join(work, f"queries-{n}.tsv")
    if not os.path.isdir(corpus):
        if os.path.exists(gen):
            subprocess.run([sys.executable, gen, corpus, "-n", str(n), "--formats", "txt",
                            "--queries", tsv], check=True, stdout=subprocess.DEVNULL)
        else:
            subprocess.run([sys.executable, os.path.join(HERE, "synth_corpus.py"), corpus,
                            "-n", str(n)], check=True, stdout=subprocess.DEVNULL)
    queries = []
    if os.path.exists(tsv):
        with open(tsv, encoding="utf-8") as f:
            rows = f.read().splitlines()[1:]
        queries = [r.split("\t")[0] for r in rows if r.strip()]
    if not queries:  # sampled words of the minutes
        words = {}
        for root, _, names in os.walk(corpus):
            for name in names[:50]:
                with open(os.path.join(root, name), encoding="utf-8", errors="replace") as f:
                    for w in re.findall(r"[a-zåäö]{7,}", f.read()):
                        words[w] = words.get(w, 0) + 1
        queries = sorted(words, key=lambda w: -words[w])[20:70]
    return corpus, queries[:50]


def start_server(build, db, corpus):
    proc = subprocess.Popen([os.path.join(build, "server", "protokoll-serve"), "--db", db,
                             "--port", "0", "--archive", corpus], stdout=subprocess.PIPE,
                            text=True)
    line = proc.stdout.readline()
    port = int(re.search(r":(\d+)/", line).group(1))
    return proc, port


def serve_load(build, port, clients, seconds, targets, work):
    path = os.path.join(work, "targets.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(targets) + "\n")
    out = subprocess.run([LOAD, "--port", str(port),
                          "--clients", str(clients), "--seconds", str(seconds), "--targets",
                          path], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def process_load(run, clients, seconds, queries):
    """run(query) as a process, clients at once, for seconds: latency of each."""
    latencies, failed = [], [0]
    lock = threading.Lock()
    end = time.monotonic() + seconds

    def client(k):
        n = k * 7
        while time.monotonic() < end:
            start = time.monotonic()
            code = run(queries[n % len(queries)])
            ms = (time.monotonic() - start) * 1000
            with lock:
                latencies.append(ms)
                failed[0] += code != 0
            n += 1

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    latencies.sort()
    pick = lambda p: latencies[min(len(latencies) - 1, int(p * (len(latencies) - 1) + 0.5))]
    return {"clients": clients, "requests": len(latencies), "failed": failed[0],
            "requests_per_second": len(latencies) / seconds, "p50_ms": pick(0.5),
            "p95_ms": pick(0.95)}


def cli_runner(build, db):
    tool = os.path.join(build, "query", "protokoll-query")
    return lambda q: subprocess.run([tool, "--db", db, "--format", "json", q],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode


def omega_runner(work, n, corpus):
    """Omega's CGI on an omindex database of the corpus (made once), or None."""
    if not (os.path.exists(OMEGA) and shutil.which("omindex")):
        return None
    dbs = os.path.join(work, "omega-dbs")
    if not os.path.isdir(os.path.join(dbs, f"db-{n}")):
        subprocess.run(["omindex", "--db", os.path.join(dbs, f"db-{n}"), "--url", "/",
                        "--stemmer=swedish", corpus], check=True, stdout=subprocess.DEVNULL)
    conf = os.path.join(work, "omega.conf")
    os.makedirs(os.path.join(work, "omega-log"), exist_ok=True)
    with open(conf, "w", encoding="utf-8") as f:
        f.write(f"database_dir {dbs}\ntemplate_dir /var/lib/xapian-omega/templates\n"
                f"log_dir {work}/omega-log\ncdb_dir /var/lib/xapian-omega/cdb\n")

    def run(q):
        env = dict(os.environ, OMEGA_CONFIG_FILE=conf, REQUEST_METHOD="GET",
                   QUERY_STRING=urllib.parse.urlencode({"P": q, "DB": f"db-{n}"}))
        return subprocess.run([OMEGA], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL).returncode
    return run


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog=__doc__.split("\n\n", 1)[1],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="2000", help="minutes generated (default 2000)")
    ap.add_argument("--clients", default="1,16")
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--build", default=os.path.join(REPO, "build-bench"),
                    help="where the tools are (default: %(default)s)")
    ap.add_argument("--load", help="bench/serve_load (default: BUILD/bench/serve_load)")
    ap.add_argument("--work", default="/tmp/protokoll-serve-bench")
    ap.add_argument("--gen", default=GEN)
    ap.add_argument("--out")
    args = ap.parse_args(argv)
    global LOAD
    LOAD = args.load or os.path.join(args.build, "bench", "serve_load")
    os.makedirs(args.work, exist_ok=True)
    results = []
    print("| minutes | what | clients | requests/s | p50 ms | p95 ms | failed |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    for n in [int(s) for s in args.sizes.split(",")]:
        corpus, queries = corpus_and_queries(args.work, n, args.gen)
        db = os.path.join(args.work, f"db-{n}")
        if not os.path.isdir(db):
            subprocess.run([os.path.join(args.build, "indexer", "protokoll-index"), "--db", db,
                            "--quiet", corpus], check=True)
        proc, port = start_server(args.build, db, corpus)
        try:
            for what, path in (("api", "/api/search?q="), ("page", "/?q=")):
                targets = [path + urllib.parse.quote(q) for q in queries]
                serve_load(args.build, port, 1, 1, targets, args.work)  # warm-up
                for c in [int(x) for x in args.clients.split(",")]:
                    r = serve_load(args.build, port, c, args.seconds, targets, args.work)
                    r.update(minutes=n, what=what)
                    results.append(r)
                    print(f"| {n} | {what} | {c} | {r['requests_per_second']:.0f} | "
                          f"{r['p50_ms']:.1f} | {r['p95_ms']:.1f} | {r['failed']} |", flush=True)
        finally:
            proc.terminate()
            proc.wait()
        runners = [("cli", cli_runner(args.build, db))]
        omega = omega_runner(args.work, n, corpus)
        if omega:
            runners.append(("omega", omega))
        else:
            print(f"| {n} | omega | – | not installed (xapian-omega) | | | |")
        for what, run in runners:
            for c in [int(x) for x in args.clients.split(",")]:
                r = process_load(run, c, args.seconds, queries)
                r.update(minutes=n, what=what)
                results.append(r)
                print(f"| {n} | {what} (a process a query) | {c} | "
                      f"{r['requests_per_second']:.0f} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | "
                      f"{r['failed']} |", flush=True)
    print(f"\n{os.cpu_count()} CPUs, load generator on the same machine; "
          f"load average {os.getloadavg()[0]:.1f}")
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
