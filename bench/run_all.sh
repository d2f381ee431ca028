#!/usr/bin/env bash
# Runs every benchmark against its peer and prints the comparisons. Usage: bench/run_all.sh [BUILD]
set -euo pipefail
build=${1:-build}
"$build/bench/md5_bench" --size-mib 512 --runs 3
bench/tftp_bench.sh "$build" 256
bench/lab_scale.sh "$build"
"$build/bench/ssh_show_version_bench" --sessions 100 --runs 50
"$build/bench/loop_latency_bench" --mib 1024
bench/upgrade_bench.sh "$build"
bench/install_bench.sh "$build"
