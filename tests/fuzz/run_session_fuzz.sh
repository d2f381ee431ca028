#!/usr/bin/env bash
# Builds the CLI session fuzzer with clang (libFuzzer + ASan + UBSan) in build-fuzz-cli/ and runs it
# for a bounded time. Usage: tests/fuzz/run_session_fuzz.sh [SECONDS]   (default 60)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
cmake -S . -B build-fuzz-cli -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DIOSUP_FUZZ=ON >/dev/null
cmake --build build-fuzz-cli --target session_fuzzer
corpus=build-fuzz-cli/session-corpus
mkdir -p "$corpus"
# Seeds: the commands of the golden transcripts' scripts.
for f in tests/transcripts/scripts/*.in; do
  sed -n '/^---$/,$p' "$f" | tail -n +2 | tr '\n' '\r' > "$corpus/$(basename "$f" .in)"
done
build-fuzz-cli/tests/session_fuzzer "$corpus" -max_total_time="$seconds" -max_len=4096 -timeout=10
