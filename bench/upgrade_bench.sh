#!/usr/bin/env bash
# Upgrade benchmark (issue 7): iosup upgrades 100 and 1000 emulated Catalyst 2960s (12 MiB images)
# of one `iosup lab`, then Debian's Ansible (cisco.ios, bench/ansible_upgrade/upgrade.yml) does
# the same upgrade on 20 of them, in the same run. Prints wall time and seconds per device for
# each, and the per-device ratio Ansible / iosup (the target is at least 10).
# The policy is the lab's own (verified MD5, new image first and old as fallback, reload, post
# checks) with a fleet's limits: a canary, then everyone; 32 parallel copies and reloads.
# Usage: bench/upgrade_bench.sh [BUILD_DIR] [SIZES...]   (default sizes: 100 1000)
set -euo pipefail
build=${1:-build}
shift || true
sizes=("$@")
((${#sizes[@]})) || sizes=(100 1000)
bin="$(cd "$build" && pwd)/iosup"
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
lab_pid=
stop_lab() {
  if [[ -n $lab_pid ]]; then kill -INT "$lab_pid" 2>/dev/null || true; wait "$lab_pid" 2>/dev/null || true; fi
  lab_pid=
}
trap 'stop_lab; rm -rf "$work"' EXIT

start_lab() {  # start_lab N DIR
  "$bin" lab --devices "$1" --platform C2960 --lab-dir "$2" >"$2.out" 2>&1 &
  lab_pid=$!
  for _ in $(seq 1 1200); do
    grep -qs "upgrade it:" "$2.out" && return 0
    kill -0 "$lab_pid" 2>/dev/null || { cat "$2.out" >&2; exit 1; }
    sleep 0.2
  done
  echo "the lab of $1 devices did not start" >&2
  exit 1
}

fleet_policy() {  # fleet_policy LABDIR -> path
  sed -e 's/^waves:.*/waves: [1, 100%]/' -e 's/^max_parallel_copies:.*/max_parallel_copies: 32/' \
      -e 's/^max_parallel_reloads:.*/max_parallel_reloads: 32/' -e 's/^backup:.*/backup: none/' \
      "$1/policy.yaml" >"$1/bench-policy.yaml"
  echo "$1/bench-policy.yaml"
}

printf "%-10s %8s %10s %14s\n" tool devices wall_s per_device_s
declare -A per_device
for n in "${sizes[@]}"; do
  dir="$work/lab$n"
  mkdir -p "$dir"
  start_lab "$n" "$dir"
  policy=$(fleet_policy "$dir")
  start=$(date +%s.%N)
  "$bin" upgrade --inventory "$dir/inventory.yaml" --policy "$policy" --journal "$dir/journal" \
    --parallel 64 --reconnect-interval 0.5 >"$dir/upgrade.log" 2>&1 ||
    { tail -n 30 "$dir/upgrade.log" >&2; echo "iosup upgrade of $n devices failed" >&2; exit 1; }
  end=$(date +%s.%N)
  grep -q "^$n upgraded, 0 failed" "$dir/upgrade.log" || { tail -n 5 "$dir/upgrade.log" >&2; exit 1; }
  per_device[$n]=$(echo "($end - $start) / $n" | bc -l)
  printf "%-10s %8d %10.2f %14.3f\n" iosup "$n" "$(echo "$end - $start" | bc -l)" "${per_device[$n]}"
  stop_lab
done

# Ansible on 20 devices of a fresh lab.
dir="$work/ansible"
mkdir -p "$dir"
start_lab 20 "$dir"
line=$(IOSUP_LAB_OUTPUT="$dir.out" "$here/ansible_upgrade/run.sh" "$dir" 20)
stop_lab
ansible_wall=$(sed -n 's/.*wall_s=\([0-9.]*\).*/\1/p' <<<"$line")
ansible_per=$(sed -n 's/.*per_device_s=\([0-9.]*\).*/\1/p' <<<"$line")
printf "%-10s %8d %10.2f %14.3f\n" ansible 20 "$ansible_wall" "$ansible_per"
for n in "${sizes[@]}"; do
  printf "per-device ratio ansible/iosup at %d devices: %.1fx (target >= 10x)\n" "$n" \
    "$(echo "$ansible_per / ${per_device[$n]}" | bc -l)"
done
