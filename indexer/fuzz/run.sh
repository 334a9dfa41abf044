#!/usr/bin/env bash
# Runs one libFuzzer target of a build for a number of seconds, on the seeds make_seeds.py made
# for its kind of input (BUILD/fuzz/seeds) and what earlier runs found (BUILD/fuzz/corpus/TARGET,
# where this run adds what it finds). A crash, a sanitizer report or a broken invariant leaves
# its input as BUILD/fuzz/crash-TARGET-*, prints the log's tail and exits non-zero.
#   indexer/fuzz/run.sh BUILD SECONDS TARGET    (Makefile.dev's `fuzz` runs several at once)
set -euo pipefail
build=$1 seconds=$2 target=$3
case $target in
  tokenizer | text_reader) seeds=text ;;
  pdf_reader) seeds=pdf ;;
  docx_reader) seeds=docx ;;
  odt_reader) seeds=odt ;;
  parser) seeds=parser ;;
  query_parser) seeds=query ;;
  *) echo "== $target: no such fuzz target" >&2; exit 2 ;;
esac
bin=$(find "$build" -name "${target}_fuzz" -type f -perm -u+x | head -1)
if [ -z "$bin" ]; then echo "== $target: ${target}_fuzz is not built in $build" >&2; exit 2; fi
out=$build/fuzz
mkdir -p "$out/corpus/$target"
if ! "$bin" -max_total_time="$seconds" -max_len=65536 -timeout=30 -print_final_stats=1 \
  -artifact_prefix="$out/crash-$target-" "$out/corpus/$target" "$out/seeds/$seeds" \
  2>"$out/$target.log"; then
  tail -60 "$out/$target.log"
  echo "== $target: FAILED after at most $seconds s (log: $out/$target.log)"
  exit 1
fi
echo "== $target: $seconds s," $(grep -E '^stat::(number_of_executed_units|new_units_added)' \
  "$out/$target.log")
