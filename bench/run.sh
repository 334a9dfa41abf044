#!/usr/bin/env bash
# Runs everything in bench/ against a build made with -DPROTOKOLL_BUILD_BENCH=ON and prints
# Markdown tables with ratios measured in the same run:
#   1. micro benchmarks (analyzer_bench, indexer_bench, query_bench) -> bench/micro_report.py
#   2. bench/whole_run.py: index, re-runs and query latency of Protokoll, omindex and FTS5
#   3. bench/metadata_accuracy.py: metadata read from generated minutes vs their truth
#   4. bench/query_quality.py: MRR and recall of the judged queries
#   5. bench/stats_truth.py: `protokoll-query stats` counts against the generator's truth
# Steps 2-4 need ../shared/bench/gen_corpus.py for realistic minutes; without it whole_run.py
# writes minutes from the samples in corpus/minutes, and steps 3-4 say they are skipped.
#
#   bench/run.sh [BUILD_DIR]      (default build-bench; `make -f Makefile.dev bench` builds it)
# Environment: BENCH_FILES (minutes generated, default 2000), BENCH_OUT (folder for the JSON
# results and the benchmarks' console output, default BUILD_DIR/bench-results).
set -uo pipefail
if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
  sed -n '2,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//'
  exit 0
fi
here="$(cd "$(dirname "$0")" && pwd)"
build="$(cd "${1:-build-bench}" && pwd)" || { echo "run.sh: no build folder ${1:-build-bench}" >&2; exit 2; }
files="${BENCH_FILES:-2000}"
out="${BENCH_OUT:-$build/bench-results}"
mkdir -p "$out"
status=0
start=$(date +%s)

echo "# Protokoll benchmarks ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, commit $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo '?'))"
echo
echo "## Micro benchmarks (corpus/minutes, one thread)"
echo
results=()
for b in analyzer_bench indexer_bench query_bench; do
  exe="$build/bench/$b"
  if [[ ! -x "$exe" ]]; then
    echo "Note: $exe not built; skipped"
    continue
  fi
  if "$exe" --benchmark_out="$out/$b.json" --benchmark_out_format=json \
      --benchmark_counters_tabular=true >"$out/$b.txt" 2>&1; then
    results+=("$out/$b.json")
  else
    echo "Note: $b failed; its output: $out/$b.txt"
    status=1
  fi
done
if ((${#results[@]})); then
  python3 "$here/micro_report.py" "${results[@]}" --out "$out/micro.json" || status=1
  echo
  echo "(Google Benchmark's own output: $out/*_bench.txt)"
fi

python3 "$here/whole_run.py" -n "$files" --build "$build" --out "$out/whole_run.json" || status=1

echo
echo "## Metadata accuracy ($files generated minutes)"
echo
python3 "$here/metadata_accuracy.py" "$build/indexer/protokoll-index" -n "$files" || status=1

echo
echo "## Query quality ($files generated minutes, judged queries)"
echo
python3 "$here/query_quality.py" --bin "$build" -n "$files" --work "$out/quality" || status=1

if [[ -f "$out/quality/truth.jsonl" && -d "$out/quality/db" ]]; then
  echo
  echo "## stats against the truth ($files generated minutes)"
  echo
  # Exit 1 means some bucket differs: a result to read, not a failure of the run.
  python3 "$here/stats_truth.py" --db "$out/quality/db" --truth "$out/quality/truth.jsonl" \
    --bin "$build/query"
  (($? <= 1)) || status=1
fi

echo
echo "bench/run.sh: done in $(( $(date +%s) - start )) s; JSON results in $out"
exit $status
