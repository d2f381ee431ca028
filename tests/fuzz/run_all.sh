#!/usr/bin/env bash
# Builds the libFuzzer targets with clang in build-fuzz/ (every library instrumented; see
# IOSUP_FUZZ in the top CMakeLists.txt) and runs each for SECONDS on a copy of its committed seed
# corpus, JOBS at a time. The committed corpora are not touched: new units stay in
# build-fuzz/fuzz-work/TARGET; crashes go to build-fuzz/fuzz-artifacts/TARGET/. Each target's
# final line (executions, cov, ft) is printed; the exit status is 1 if any target found something.
#   tests/fuzz/run_all.sh [SECONDS] [TARGET...]     (default 60 s, every target; JOBS=2)
# Needs clang and libFuzzer (Debian's clang, libclang-rt-dev).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
shift || true
all=(session_fuzzer tftp_fuzz output_filter_fuzzer config_fuzzer topology_fuzzer
     inventory_fuzzer policy_fuzzer scp_fuzzer)
targets=("${@:-${all[@]}}")
jobs=${JOBS:-2}
build=build-fuzz

if [[ -z ${SKIP_BUILD:-} ]]; then  # SKIP_BUILD=1: run what build-fuzz/ holds
  CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DIOSUP_FUZZ=ON >/dev/null
  cmake --build "$build" -j2 --target "${targets[@]}"
fi

corpus_of() {
  if [[ $1 == tftp_fuzz ]]; then echo src/transfer/fuzz/corpus; else echo "tests/fuzz/corpus/$1"; fi
}
binary_of() {
  if [[ $1 == tftp_fuzz ]]; then echo "$build/src/transfer/tftp_fuzz"; else echo "$build/tests/fuzz/$1"; fi
}

run_one() {
  local t=$1 work=$build/fuzz-work/$1 art=$build/fuzz-artifacts/$1/
  mkdir -p "$work" "$art"
  cp -n "$(corpus_of "$t")"/* "$work"/
  "$(binary_of "$t")" "$work" -max_total_time="$seconds" -max_len=4096 -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$art" \
    >"$build/fuzz-logs/$t.log" 2>&1
}

mkdir -p "$build/fuzz-logs"
status=0
pids=()
names=()
for t in "${targets[@]}"; do
  run_one "$t" & pids+=($!); names+=("$t")
  if (( ${#pids[@]} >= jobs )); then
    wait "${pids[0]}" || status=1
    pids=("${pids[@]:1}")
  fi
done
for p in "${pids[@]}"; do wait "$p" || status=1; done

for t in "${names[@]}"; do
  log=$build/fuzz-logs/$t.log
  echo "== $t: $(grep -E '^#[0-9]+' "$log" | tail -1)"
  grep -E '^stat::number_of_executed_units|^==[0-9]+==ERROR|^SUMMARY|Test unit written' "$log" || true
done
exit $status
