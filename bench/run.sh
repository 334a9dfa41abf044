#!/usr/bin/env bash
# Runs what bench/ has: the analyzer micro benchmark, then the metadata-accuracy and
# query-quality scripts over generated minutes when the generator is available.
set -uo pipefail
build="${1:-build-bench}"
here="$(cd "$(dirname "$0")" && pwd)"
"$build/bench/analyzer_bench" --benchmark_counters_tabular=true
python3 "$here/metadata_accuracy.py" "$build/indexer/protokoll-index"
python3 "$here/query_quality.py" --bin "$build"
