#!/usr/bin/env bash
# Install-mode fleet benchmark (issue 16): iosup upgrades a lab of Catalyst 9300s in IOS-XE
# install mode (install add / activate / commit) and the same fleet in bundle mode (boot
# statements and a reload), in one run: 20 devices with a real-size image (about 1.1 GB) and 100
# with a 256 MiB one. For each: the upgrade's wall time, the lab's peak RSS (VmHWM) and the bytes
# the lab process wrote to disk during the upgrade (/proc/PID/io write_bytes), so content shared
# across devices (the image each device copies, the packages each expands) shows as stored once.
# Usage: bench/install_bench.sh [BUILD_DIR] [N:SIZE ...]   (default: 20:1180000000 100:268435456)
set -euo pipefail
build=${1:-build}
shift || true
runs=("$@")
((${#runs[@]})) || runs=(20:1180000000 100:268435456)
bin="$(cd "$build" && pwd)/iosup"
work=$(mktemp -d)
lab_pid=
stop_lab() {
  if [[ -n $lab_pid ]]; then kill -INT "$lab_pid" 2>/dev/null || true; wait "$lab_pid" 2>/dev/null || true; fi
  lab_pid=
}
trap 'stop_lab; rm -rf "$work"' EXIT

topology() {  # topology N SIZE MODE -> YAML on stdout
  cat <<YAML
devices:
  - {name: SW, platform: C9300, count: $1, mode: $3, image_size: $2, address: 192.168.1.1, interface: Vlan1}
servers:
  - type: tftp
    address: 192.168.1.250
    files:
      - {name: cat9k_iosxe.17.09.04a.SPA.bin, size: $2}
YAML
}

start_lab() {  # start_lab TOPOLOGY DIR
  "$bin" lab "$1" --lab-dir "$2" >"$2.out" 2>&1 &
  lab_pid=$!
  for _ in $(seq 1 3000); do
    grep -qs "upgrade it:" "$2.out" && return 0
    kill -0 "$lab_pid" 2>/dev/null || { cat "$2.out" >&2; exit 1; }
    sleep 0.2
  done
  echo "the lab in $2 did not start" >&2
  exit 1
}

written() { awk '/^write_bytes/ {print $2}' "/proc/$1/io"; }
peak_rss_kib() { awk '/^VmHWM/ {print $2}' "/proc/$1/status"; }

printf "%-8s %8s %12s %10s %14s %16s\n" mode devices image_bytes wall_s lab_peak_MiB disk_written_MiB
for run in "${runs[@]}"; do
  n=${run%%:*}
  size=${run##*:}
  for mode in install bundle; do
    dir="$work/$mode-$n"
    mkdir -p "$dir"
    topology "$n" "$size" "$mode" >"$dir.yaml"
    start_lab "$dir.yaml" "$dir"
    sed -e 's/^waves:.*/waves: [1, 100%]/' -e 's/^max_parallel_copies:.*/max_parallel_copies: 32/' \
        -e 's/^max_parallel_reloads:.*/max_parallel_reloads: 32/' -e 's/^backup:.*/backup: none/' \
        "$dir/policy.yaml" >"$dir/bench-policy.yaml"
    echo "mode: $mode" >>"$dir/bench-policy.yaml"
    before=$(written "$lab_pid")
    start=$(date +%s.%N)
    "$bin" upgrade --inventory "$dir/inventory.yaml" --policy "$dir/bench-policy.yaml" \
      --journal "$dir/journal" --parallel 64 --reconnect-interval 0.5 >"$dir/upgrade.log" 2>&1 ||
      { tail -n 30 "$dir/upgrade.log" >&2; echo "the $mode upgrade of $n devices failed" >&2; exit 1; }
    end=$(date +%s.%N)
    grep -q "^$n upgraded, 0 failed" "$dir/upgrade.log" || { tail -n 5 "$dir/upgrade.log" >&2; exit 1; }
    after=$(written "$lab_pid")
    printf "%-8s %8d %12d %10.1f %14.1f %16.1f\n" "$mode" "$n" "$size" "$(echo "$end - $start" | bc -l)" \
      "$(echo "$(peak_rss_kib "$lab_pid") / 1024" | bc -l)" "$(echo "($after - $before) / 1048576" | bc -l)"
    stop_lab
    rm -rf "$dir"
  done
done
