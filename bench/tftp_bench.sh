#!/usr/bin/env bash
# TFTP benchmark, in one run on this machine: iosup's server against tftpd-hpa (in.tftpd) and
# atftpd, on loopback, all serving the same files from the same directory (warm page cache).
#   - one 256 MiB download at blksize 512, 1468, 8192, 65464 with curl (stop-and-wait);
#   - the same with the atftp client at windowsize 16 and 64;
#   - iosup's own client, with its default window (it asks for 256 and announces its receive
#     buffer; tftpd-hpa runs it lock-step, atftpd grants it);
#   - 100 concurrent 12 MiB downloads with the same clients for every server: curl (blksize
#     1468, stop-and-wait), atftp (blksize 1468, windowsize 64, which tftpd-hpa ignores) and
#     iosup's client;
#   - server CPU seconds per GiB (utime+stime of the server and its reaped children, over the
#     curl downloads), and again with server and curl pinned to one CPU, which removes where the
#     scheduler happens to place them from the figure, beside tftp_floor_server: the least any
#     server can spend per block (one blocking send and one blocking recv).
# Each single-download figure is the median of RUNS runs (a run that fails or takes over 20 s,
# a collapse, is reported as it is, without repeats). The machine's load average is printed
# before and after: on a busy machine the throughput figures are noisy, the CPU ones less so.
# Usage: bench/tftp_bench.sh [BUILD] [SIZE_MIB] [RUNS]. Prints MB/s (10^6 bytes/s) and ratios.
set -uo pipefail
build=${1:-build}
size_mib=${2:-256}
runs=${3:-3}
helper="$build/bench/tftp_bench"
floor="$build/bench/tftp_floor_server"
for f in "$helper" "$floor"; do [[ -x "$f" ]] || { echo "tftp_bench: build $f first" >&2; exit 1; }; done
atftpd=/usr/sbin/atftpd
if [[ ! -x $atftpd ]]; then
  src/transfer/testdata/fetch_atftpd.sh "$build/tftp-peers/atftpd" || true
  atftpd="$build/tftp-peers/atftpd/usr/sbin/atftpd"
fi
for tool in curl atftp /usr/sbin/in.tftpd "$atftpd"; do
  command -v "$tool" >/dev/null || { echo "tftp_bench: missing $tool (scripts/setup.sh)" >&2; exit 1; }
done

root=$(mktemp -d /tmp/iosup-tftp-bench.XXXXXX)
chmod 755 "$root"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  for g in "${group[@]}"; do [[ -n $g ]] && rmdir "$g" 2>/dev/null; done
  rm -rf "$root"
}
trap cleanup EXIT
head -c $((size_mib << 20)) /dev/urandom > "$root/big.bin"
head -c $((12 << 20)) /dev/urandom > "$root/small.bin"
chmod 644 "$root"/*.bin
cat "$root"/*.bin > /dev/null
size=$((size_mib << 20))

free_port() { python3 -c 'import socket;s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM);s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
# Server CPU: a cpuacct cgroup per server when we may create one (tftpd-hpa forks a process per
# transfer, so the whole process tree must be counted); otherwise the server's own and reaped
# children's times from /proc.
cg=/sys/fs/cgroup/cpuacct
declare -A port pid group
start_server() {  # NAME CMD...
  local name=$1; shift
  group[$name]=""
  if [[ -w $cg ]] && mkdir "$cg/iosup-bench-$name-$$" 2>/dev/null; then
    group[$name]="$cg/iosup-bench-$name-$$"
    sh -c 'echo $$ > "$0/tasks"; shift; exec "$@"' "${group[$name]}" "" "$@" &
  else
    "$@" &
  fi
  pid[$name]=$!
}
port[iosup]=$(free_port); start_server iosup "$helper" serve "$root" "${port[iosup]}"
port[hpa]=$(free_port); start_server hpa /usr/sbin/in.tftpd -L -u "$(id -un)" -s "$root" -a "127.0.0.1:${port[hpa]}"
port[atftpd]=$(free_port)
start_server atftpd "$atftpd" --daemon --no-fork --user "$(id -un)" --group "$(id -gn)" --maxthread 200 \
  --port "${port[atftpd]}" --bind-address 127.0.0.1 --logfile /dev/null "$root"
# Pinned to CPU 0, for the controlled CPU figures; their curl clients are pinned there too.
port[iosup_pin]=$(free_port); start_server iosup_pin taskset -c 0 "$helper" serve "$root" "${port[iosup_pin]}"
port[hpa_pin]=$(free_port); start_server hpa_pin taskset -c 0 /usr/sbin/in.tftpd -L -u "$(id -un)" -s "$root" -a "127.0.0.1:${port[hpa_pin]}"
port[floor_pin]=$(free_port); start_server floor_pin taskset -c 0 "$floor" "$root" "${port[floor_pin]}"
pids=("${pid[@]}")
sleep 0.5

cpu_ns() {  # NAME: CPU nanoseconds of the server so far
  if [[ -n ${group[$1]} ]]; then cat "${group[$1]}/cpuacct.usage"; return; fi
  awk -v hz="$(getconf CLK_TCK)" '{printf "%.0f", ($14+$15+$16+$17)/hz*1e9}' "/proc/${pid[$1]}/stat"
}
now() { date +%s.%N; }
# mbps BYTES SECONDS
mbps() { awk -v b="$1" -v s="$2" 'BEGIN{ if (s>0) printf "%.1f", b/s/1e6; else print "n/a" }'; }
# timed CMD...: prints seconds, or "fail"
timed() {
  local t0 t1
  t0=$(now)
  if timeout 180 "$@" >/dev/null 2>&1; then t1=$(now); awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", b-a}'; else echo fail; fi
}
rate() { [[ $1 == fail ]] && echo fail || mbps "$size" "$1"; }
# median_rate CMD...: MB/s of a $size download, the median of $runs runs; one run when it fails
# or is slow (a collapse need not be waited for three times).
median_rate() {
  local t all=()
  for ((i = 0; i < runs; i++)); do
    t=$(timed "$@")
    if [[ $t == fail ]]; then echo fail; return; fi
    all+=("$t")
    awk -v t="$t" 'BEGIN{exit !(t > 20)}' && break
  done
  mbps "$size" "$(printf '%s\n' "${all[@]}" | sort -g | awk '{v[NR]=$1} END{print v[int((NR+1)/2)]}')"
}
# ours_rate FILE BYTES BLKSIZE WINDOW [COUNT]: iosup's client, median of $runs runs.
ours_rate() {
  local out all=() n=$((${5:-1} > 1 ? 1 : runs))
  for ((i = 0; i < n; i++)); do
    out=$("$helper" get "${port[$s]}" "$1" "$3" "$4" ${5:-1} 2>/dev/null) || { echo fail; return; }
    all+=("${out%% *}")
  done
  mbps "$2" "$(printf '%s\n' "${all[@]}" | sort -g | awk '{v[NR]=$1} END{print v[int((NR+1)/2)]}')"
}

# concurrent SERVER CMD...: aggregate MB/s of 100 copies of CMD (each downloading the 12 MiB file)
# at once. With a cpuacct cgroup, also the CPU seconds the clients and SERVER spent meanwhile, and
# the wall time, into $conc_cpu as "CLIENT SERVER WALL" (what bounds the aggregate on 2 CPUs).
conc_cpu=""
concurrent() {
  local server=$1; shift
  local t0 t1 ok=1 cpids=() cgc="" s0 s1
  if [[ -w $cg ]] && mkdir "$cg/iosup-bench-clients-$$" 2>/dev/null; then cgc="$cg/iosup-bench-clients-$$"; fi
  s0=$(cpu_ns "$server")
  t0=$(now)
  for i in $(seq 100); do
    if [[ -n $cgc ]]; then
      sh -c 'echo $$ > "$0/tasks"; shift; exec "$@"' "$cgc" "" "$@" >/dev/null 2>&1 & cpids+=($!)
    else
      "$@" >/dev/null 2>&1 & cpids+=($!)
    fi
  done
  for p in "${cpids[@]}"; do wait "$p" || ok=0; done
  t1=$(now)
  s1=$(cpu_ns "$server")
  conc_cpu=""
  if [[ -n $cgc ]]; then  # a fresh group: its usage is the clients' alone
    conc_cpu=$(awk -v c="$(cat "$cgc/cpuacct.usage")" -v s=$((s1 - s0)) -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f %.2f %.2f", c/1e9, s/1e9, b-a}')
    rmdir "$cgc" 2>/dev/null
  fi
  if ((ok)); then mbps $((100 * 12 << 20)) "$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')"; else echo fail; fi
}

declare -A r
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
servers=(iosup hpa atftpd)
for s in "${servers[@]}"; do
  c0=$(cpu_ns "$s")
  for b in 512 1468 8192 65464; do
    r[$s,curl,$b]=$(median_rate curl -s --tftp-blksize "$b" -o /dev/null "tftp://127.0.0.1:${port[$s]}/big.bin")
  done
  sleep 0.3
  c1=$(cpu_ns "$s")
  r[$s,cpu]=$(awk -v t=$((c1 - c0)) -v mib=$((4 * runs * size_mib)) 'BEGIN{printf "%.2f", t/1e9/(mib/1024)}')
  for w in 16 64; do
    for b in 512 1468 8192 65464; do
      r[$s,atftp$w,$b]=$(median_rate atftp --option "blksize $b" --option "windowsize $w" -g -r big.bin -l /dev/null 127.0.0.1 "${port[$s]}")
    done
  done
  for b in 1468 8192 65464; do
    r[$s,ours,$b]=$(ours_rate big.bin "$size" "$b" 0)  # the client's default window
  done
  # 100 concurrent 12 MiB downloads: curl (blksize 1468), atftp (1468, window 64), iosup's client.
  concurrent "$s" curl -s --tftp-blksize 1468 -o /dev/null "tftp://127.0.0.1:${port[$s]}/small.bin" > "$root/conc"
  r[$s,conc_curl]=$(cat "$root/conc"); r[$s,conc_curl_cpu]=$conc_cpu
  r[$s,conc_atftp]=$(concurrent "$s" atftp --option "blksize 1468" --option "windowsize 64" -g -r small.bin -l /dev/null 127.0.0.1 "${port[$s]}")
  r[$s,conc_ours]=$(ours_rate small.bin $((100 * 12 << 20)) 1468 0 100)
done
# Controlled CPU: server and curl share CPU 0; 512-byte blocks (the most blocks per GiB), one
# pass per server in turn, twice, so a change in load touches every server alike.
for pass in 1 2; do
  for s in iosup_pin hpa_pin floor_pin; do
    c0=$(cpu_ns "$s")
    timeout 180 taskset -c 0 curl -s --tftp-blksize 512 -o /dev/null "tftp://127.0.0.1:${port[$s]}/big.bin" || echo "tftp_bench: $s failed" >&2
    sleep 0.3
    c1=$(cpu_ns "$s")
    r[$s,pin_ns]=$(( ${r[$s,pin_ns]:-0} + c1 - c0 ))
  done
done
for s in iosup_pin hpa_pin floor_pin; do
  r[$s,pin_us]=$(awk -v t="${r[$s,pin_ns]}" -v blocks=$((2 * (size / 512 + 1))) 'BEGIN{printf "%.2f", t/1e3/blocks}')
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (a+0>0 && b+0>0) printf "%.2f", a/b; else print "n/a" }'; }
printf "\nTFTP, %d MiB download on loopback, MB/s (10^6 B/s), median of %d   [iosup | tftpd-hpa | atftpd]\n" "$size_mib" "$runs"
printf "load average before: %s  after: %s  (%s CPUs)\n" "$load_before" "$load_after" "$(nproc)"
for b in 512 1468 8192 65464; do
  printf "  curl  blksize %-5s           %8s %8s %8s   iosup/hpa %s\n" "$b" "${r[iosup,curl,$b]}" "${r[hpa,curl,$b]}" "${r[atftpd,curl,$b]}" "$(ratio "${r[iosup,curl,$b]}" "${r[hpa,curl,$b]}")"
done
for w in 16 64; do
  for b in 512 1468 8192 65464; do
    printf "  atftp blksize %-5s window %-2s %8s %8s %8s   iosup/atftpd %s\n" "$b" "$w" "${r[iosup,atftp$w,$b]}" "${r[hpa,atftp$w,$b]}" "${r[atftpd,atftp$w,$b]}" "$(ratio "${r[iosup,atftp$w,$b]}" "${r[atftpd,atftp$w,$b]}")"
  done
done
for b in 1468 8192 65464; do
  printf "  iosup client blksize %-5s     %8s %8s %8s\n" "$b" "${r[iosup,ours,$b]}" "${r[hpa,ours,$b]}" "${r[atftpd,ours,$b]}"
done
printf "  100 x 12 MiB, curl 1468        %8s %8s %8s   iosup/hpa %s\n" "${r[iosup,conc_curl]}" "${r[hpa,conc_curl]}" "${r[atftpd,conc_curl]}" "$(ratio "${r[iosup,conc_curl]}" "${r[hpa,conc_curl]}")"
if [[ -n ${r[hpa,conc_curl_cpu]} ]]; then
  # On 2 busy CPUs the aggregate is (CPU available) / (client + server CPU per byte): even a server
  # that cost nothing could raise tftpd-hpa's figure only by (client + server) / client.
  read -r hc hs hw <<<"${r[hpa,conc_curl_cpu]}"; read -r ic is iw <<<"${r[iosup,conc_curl_cpu]}"
  printf "    CPU s (clients, server, wall): iosup %s %s %s  tftpd-hpa %s %s %s\n" "$ic" "$is" "$iw" "$hc" "$hs" "$hw"
  printf "    CPU busy during tftpd-hpa's run %s of %s CPUs; a zero-cost server could reach at most %sx tftpd-hpa with these clients\n" \
    "$(awk -v c="$hc" -v s="$hs" -v w="$hw" 'BEGIN{printf "%.2f", (c+s)/w}')" "$(nproc)" "$(awk -v c="$hc" -v s="$hs" 'BEGIN{printf "%.2f", (c+s)/c}')"
fi
printf "  100 x 12 MiB, atftp 1468 w64   %8s %8s %8s   iosup/hpa %s\n" "${r[iosup,conc_atftp]}" "${r[hpa,conc_atftp]}" "${r[atftpd,conc_atftp]}" "$(ratio "${r[iosup,conc_atftp]}" "${r[hpa,conc_atftp]}")"
printf "  100 x 12 MiB, iosup client     %8s %8s %8s   iosup/hpa %s\n" "${r[iosup,conc_ours]}" "${r[hpa,conc_ours]}" "${r[atftpd,conc_ours]}" "$(ratio "${r[iosup,conc_ours]}" "${r[hpa,conc_ours]}")"
printf "  server CPU s/GiB (curl runs)   %8s %8s %8s   iosup/hpa %s (target <= 0.70)\n" "${r[iosup,cpu]}" "${r[hpa,cpu]}" "${r[atftpd,cpu]}" "$(ratio "${r[iosup,cpu]}" "${r[hpa,cpu]}")"
printf "  server CPU us/block, curl 512, pinned to one CPU: iosup %s  tftpd-hpa %s  floor %s   iosup/hpa %s  floor/hpa %s\n" \
  "${r[iosup_pin,pin_us]}" "${r[hpa_pin,pin_us]}" "${r[floor_pin,pin_us]}" \
  "$(ratio "${r[iosup_pin,pin_us]}" "${r[hpa_pin,pin_us]}")" "$(ratio "${r[floor_pin,pin_us]}" "${r[hpa_pin,pin_us]}")"
printf "Targets: curl >= tftpd-hpa; atftp w64 >= 1.5x atftpd at 1468 and w64 never slower than w16;\n"
printf "iosup client+server >= 2.5x atftp/atftpd at 1468 (%s vs %s); 100 concurrent >= 1.5x tftpd-hpa.\n" \
  "${r[iosup,ours,1468]}" "${r[atftpd,atftp64,1468]}"
