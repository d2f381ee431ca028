#!/usr/bin/env bash
# Builds the TFTP libFuzzer target with clang (in its own build tree, so the default gcc build
# is untouched) and runs it for a bounded time. Usage: run_fuzz.sh [SECONDS] [BUILD_DIR]
set -euo pipefail
seconds=${1:-60}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
build=${2:-$repo/build-tftp-fuzz}
cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ -DIOSUP_FUZZ=ON >/dev/null
cmake --build "$build" --target tftp_fuzz
corpus="$build/tftp_fuzz_corpus"
mkdir -p "$corpus"
# Seeds: a request of each kind followed by a few datagrams.
printf '\x01\x0f\x00\x01img\x00octet\x00\x00\x00\x04\x00\x04\x00\x00' > "$corpus/seed-rrq"
printf '\x01\x22\x00\x02up\x00octet\x00blksize\x0016\x00windowsize\x004\x00\x00\x00\x0c\x00\x03\x00\x01abc' > "$corpus/seed-wrq"
printf '\x00\x1f\x10\x02\x05\x00\x00\x08\x00\x06blksize\x0016\x00' > "$corpus/seed-client"
"$build/src/transfer/tftp_fuzz" -max_total_time="$seconds" -rss_limit_mb=2048 \
  -print_final_stats=1 "$corpus"
