#!/usr/bin/env bash
# Start time and memory of `iosup lab` fleets, first start (devices provisioned, images
# generated) and restart (state read back), with the resident memory per device (total RSS /
# devices; images live in files, not in memory):
#   - 100 and 1000 unlinked Catalyst 2960s (--devices);
#   - a linked fleet: 1000 Catalyst 2960s cabled in a ring (Gi0/2 of each to Gi0/1 of the next)
#     plus two ISR4321 routers on opposite sides of it, running OSPF over the ring's VLAN 1 with a
#     loopback each (the adjacency across the ring is asserted by the lab's own tests).
# Goal for the linked fleet: under 5 s to start, under 100 KiB per device.
# Usage: bench/lab_scale.sh [BUILD_DIR] [SWITCHES]
set -euo pipefail
build=${1:-build}
switches=${2:-1000}
bin="$(cd "$build" && pwd)/iosup"
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -INT "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

run() {  # run LABDIR ARGS... -> "seconds rss_kib"
  local dir=$1 out="$work/out.$RANDOM"
  shift
  "$bin" lab "$@" --lab-dir "$dir" >"$out" 2>&1 &
  local pid=$!
  pids+=("$pid")
  for _ in $(seq 1 1500); do grep -q "devices up" "$out" && break; sleep 0.2; done
  local secs rss
  secs=$(sed -n 's/.*devices up in \([0-9.]*\) s.*/\1/p' "$out")
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  kill -INT "$pid"
  wait "$pid" || true
  echo "${secs:-?} $rss"
}

ring_topology() {  # ring_topology N FILE
  local n=$1 file=$2 w=${#1}
  {
    echo "devices:"
    for i in $(seq 1 "$n"); do printf '  - {name: SW%0*d, platform: C2960}\n' "$w" "$i"; done
    local half=$(( (n + 1) / 2 ))
    for r in 1 2; do
      local net=$(( r == 1 ? 1 : 2 ))
      cat <<YAML
  - name: R$r
    platform: ISR4321
    address: 10.99.0.$r
    netmask: 255.255.255.0
    interface: GigabitEthernet0/0/1
    config:
      - "interface Loopback0\n ip address $r.$r.$r.$r 255.255.255.255\n!\nrouter ospf 1\n router-id $r.$r.$r.$r\n network 10.99.0.0 0.0.0.255 area 0\n network $r.$r.$r.$r 0.0.0.0 area $net\n"
YAML
    done
    echo "links:"
    for i in $(seq 1 "$n"); do
      local next=$(( i % n + 1 ))
      printf '  - endpoints: ["SW%0*d:Gi0/2", "SW%0*d:Gi0/1"]\n' "$w" "$i" "$w" "$next"
    done
    printf '  - endpoints: ["R1:Gi0/0/1", "SW%0*d:Fa0/1"]\n' "$w" 1
    printf '  - endpoints: ["R2:Gi0/0/1", "SW%0*d:Fa0/1"]\n' "$w" "$half"
  } >"$file"
}

printf "%-28s %-8s %10s %12s %14s\n" fleet start seconds rss_MiB KiB_per_device
for n in 100 1000; do
  dir="$work/lab$n"
  for phase in first restart; do
    read -r secs rss < <(run "$dir" --devices "$n" --platform C2960)
    printf "%-28s %-8s %10s %12.1f %14.1f\n" "$n unlinked" "$phase" "$secs" \
      "$(echo "$rss/1024" | bc -l)" "$(echo "$rss/$n" | bc -l)"
  done
done

topo="$work/ring.yaml"
ring_topology "$switches" "$topo"
total=$((switches + 2))
dir="$work/ring"
for phase in first restart; do
  read -r secs rss < <(run "$dir" "$topo")
  printf "%-28s %-8s %10s %12.1f %14.1f\n" "$switches ring + 2 OSPF routers" "$phase" "$secs" \
    "$(echo "$rss/1024" | bc -l)" "$(echo "$rss/$total" | bc -l)"
done
