#!/usr/bin/env bash
# Start time and memory of `iosup lab` fleets: 100 and 1000 Catalyst 2960s, first start (devices
# provisioned, images generated) and restart (state read back). Prints the resident memory per
# device (total RSS / devices; images live in files, not in memory).
# Usage: bench/lab_scale.sh [BUILD_DIR]
set -euo pipefail
build=${1:-build}
bin="$(cd "$build" && pwd)/iosup"
work=$(mktemp -d)
trap 'pkill -INT -f "^$bin lab" 2>/dev/null || true; rm -rf "$work"' EXIT

run() {  # run N LABDIR -> "seconds rss_kib"
  local n=$1 dir=$2 out="$work/out.$RANDOM"
  "$bin" lab --devices "$n" --platform C2960 --lab-dir "$dir" >"$out" 2>&1 &
  local pid=$!
  for _ in $(seq 1 600); do grep -q "devices up" "$out" && break; sleep 0.2; done
  local secs rss
  secs=$(sed -n 's/.*devices up in \([0-9.]*\) s.*/\1/p' "$out")
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  kill -INT "$pid"; wait "$pid" || true
  echo "$secs $rss"
}

printf "%-8s %-8s %10s %12s %14s\n" devices start seconds rss_MiB KiB_per_device
for n in 100 1000; do
  dir="$work/lab$n"
  for phase in first restart; do
    read -r secs rss < <(run "$n" "$dir")
    printf "%-8s %-8s %10s %12.1f %14.1f\n" "$n" "$phase" "$secs" "$(echo "$rss/1024" | bc -l)" \
      "$(echo "$rss/$n" | bc -l)"
  done
done
