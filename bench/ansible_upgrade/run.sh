#!/usr/bin/env bash
# The Ansible half of the upgrade benchmark (issue 7): upgrades N Catalyst 2960s of a running
# `iosup lab --devices M --platform C2960 --lab-dir LAB_DIR` (M >= N) with upgrade.yml (Debian's
# ansible-playbook, cisco.ios) and prints one line:
#   ansible_upgrade devices=N wall_s=X per_device_s=Y
# The lab's standard output (its endpoint table) must be in LAB_DIR/lab.out, or in the file
# $IOSUP_LAB_OUTPUT. When that file does not exist, the script starts such a lab itself with
# $IOSUP (default: build/iosup), and stops it when done. Wall time covers the playbook only.
# Environment: ANSIBLE_UPGRADE_FORKS (default 20). The playbook's output goes to
# LAB_DIR/ansible_upgrade.log.
# Usage: bench/ansible_upgrade/run.sh LAB_DIR N
set -euo pipefail
if [[ $# -ne 2 || ! $2 =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 LAB_DIR N" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
lab_dir=$1
n=$2
lab_out=${IOSUP_LAB_OUTPUT:-$lab_dir/lab.out}
forks=${ANSIBLE_UPGRADE_FORKS:-20}
image=c2960-lanbasek9-mz.152-7.E9.bin
playbook_bin=/usr/bin/ansible-playbook
[[ -x $playbook_bin ]] || { echo "$0: $playbook_bin is absent (Debian package ansible)" >&2; exit 2; }

work=$(mktemp -d)
lab_pid=
cleanup() {
  if [[ -n $lab_pid ]]; then kill -INT "$lab_pid" 2>/dev/null || true; wait "$lab_pid" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

if [[ ! -e $lab_out ]]; then
  iosup=${IOSUP:-$here/../../build/iosup}
  [[ -x $iosup ]] || { echo "$0: no lab output $lab_out and no iosup binary at $iosup" >&2; exit 2; }
  mkdir -p "$lab_dir"
  "$iosup" lab --devices "$n" --platform C2960 --lab-dir "$lab_dir" >"$lab_out" 2>&1 &
  lab_pid=$!
  for _ in $(seq 1 1200); do
    grep -qs "devices up" "$lab_out" && break
    kill -0 "$lab_pid" 2>/dev/null || { cat "$lab_out" >&2; exit 1; }
    sleep 0.5
  done
fi

/usr/bin/python3 "$here/make_inventory.py" "$lab_out" "$n" "$image" >"$work/inventory.yml"
first_port=$(/usr/bin/python3 -c 'import json,sys; h=json.load(open(sys.argv[1]))["switches"]["hosts"]; print(next(iter(h.values()))["ansible_port"])' "$work/inventory.yml")
if ! (exec 3<>"/dev/tcp/127.0.0.1/$first_port") 2>/dev/null; then
  echo "$0: nothing listens on 127.0.0.1:$first_port; is the lab of $lab_out running?" >&2
  exit 1
fi

mkdir -p "$work/home" "$work/tmp" "$work/pc"
log=$lab_dir/ansible_upgrade.log
start=$(date +%s.%N)
status=0
env -i PATH=/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8 LC_ALL=C.UTF-8 \
  ANSIBLE_CONFIG="$here/ansible.cfg" ANSIBLE_LOCAL_TEMP="$work/tmp" \
  ANSIBLE_PERSISTENT_CONTROL_PATH_DIR="$work/pc" \
  "$playbook_bin" -i "$work/inventory.yml" --forks "$forks" "$here/upgrade.yml" >"$log" 2>&1 ||
  status=$?
end=$(date +%s.%N)
if [[ $status -ne 0 ]]; then
  tail -n 60 "$log" >&2
  echo "$0: the playbook failed (exit $status); full output in $log" >&2
  exit 1
fi
echo "ansible_upgrade forks=$forks log=$log" >&2
awk -v n="$n" -v s="$start" -v e="$end" \
  'BEGIN { w = e - s; printf "ansible_upgrade devices=%d wall_s=%.2f per_device_s=%.3f\n", n, w, w / n }'
