#!/usr/bin/env bash
# capture-linux-mptcp.sh - make real MPTCP v1 packet captures with the Linux
# kernel's own MPTCP stack, inside throw-away network namespaces.
#
# See --help (usage() below) and fixtures/captures/README.md.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/.." && pwd)
APP="$SCRIPT_DIR/capture/mptcp_app.py"
MANIFEST_GEN="$SCRIPT_DIR/capture/make-manifest.py"

FIXTURE_SCENARIOS=(v1-two-subflows-add-addr v1-ipv6 v1-add-addr-port v1-remove-addr
                   v1-dss-checksum v1-backup-mp-prio v1-fastclose)
EXTRA_SCENARIOS=(bulk)

usage() {
  cat <<EOF
Usage: sudo $0 <scenario>|all [--out DIR] [--bytes N] [--keep-work]

Creates two network namespaces (mptcplab-<pid>-cli / mptcplab-<pid>-srv)
joined by two veth links, runs a small Python MPTCP client/server
(socket(AF_INET[6], SOCK_STREAM, IPPROTO_MPTCP=262)) between them with the
in-kernel path manager configured through 'ip mptcp', and records the traffic
with tcpdump (-s 0, classic pcap).  Namespaces are always removed on exit.
Only 198.18.0.0/15 and 2001:db8::/32 are used; nothing is routed outside.

Topology (client namespace c1/c2, server namespace s1/s2):
  link 1: c1 198.18.1.1/24 2001:db8:1::1/64  <->  s1 198.18.1.2/24 2001:db8:1::2/64
  link 2: c2 198.18.2.1/24 2001:db8:2::1/64  <->  s2 198.18.2.2/24 2001:db8:2::2/64
  client-side source-based policy routing keeps each client address on its
  own link; the server answers on the link a subflow arrived on.

Scenarios (output file <scenario>.pcap in DIR):
  v1-two-subflows-add-addr  server signals 198.18.2.2 (ADD_ADDR), client joins it;
                            client also has a 'subflow' endpoint 198.18.2.1.
                            Also writes .pcapng and .nsec.pcap variants (editcap).
  v1-ipv6                   the same over IPv6; captured with 'tcpdump -i any'
                            (Linux cooked capture v1, LINUX_SLL).
  v1-add-addr-port          server signal endpoint with a port (198.18.2.2 port 8090).
  v1-remove-addr            server deletes its signal endpoint mid-transfer (REMOVE_ADDR).
  v1-dss-checksum           net.mptcp.checksum_enabled=1 on both sides (DSS checksums).
  v1-backup-mp-prio         client join marked backup, then 'endpoint change ... nobackup'
                            mid-transfer (MP_PRIO).
  v1-fastclose              server closes with unread data (MP_FASTCLOSE, MP_TCPRST);
                            captured with 'tcpdump -i any -y LINUX_SLL2'.
  all                       every scenario above, the format variants, then
                            manifest.json via scripts/capture/make-manifest.py.
  bulk                      NOT part of 'all': --bytes bytes (default 100000000)
                            client->server over two subflows, e.g. --out /tmp,
                            for benchmarks (the file is about 1.1 x --bytes).

Options:
  --out DIR     output directory (default: fixtures/captures in the repository;
                for 'bulk' the default is \$TMPDIR or /tmp)
  --bytes N     bytes the client sends in the 'bulk' scenario (default 100000000)
  --keep-work   keep the temporary work directory (logs, per-link captures)
  -h, --help    this text

Needs: root, iproute2 with 'ip mptcp', tcpdump, mergecap/editcap (Wireshark
tools), python3, a kernel with CONFIG_MPTCP (tested on Linux 6.18).
EOF
}

OUT_DIR=""
BULK_BYTES=100000000
KEEP_WORK=0
SCENARIO=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --out) OUT_DIR=${2:?--out needs a directory}; shift 2 ;;
    --out=*) OUT_DIR=${1#--out=}; shift ;;
    --bytes) BULK_BYTES=${2:?--bytes needs a number}; shift 2 ;;
    --bytes=*) BULK_BYTES=${1#--bytes=}; shift ;;
    --keep-work) KEEP_WORK=1; shift ;;
    -*) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    *) if [[ -n "$SCENARIO" ]]; then echo "only one scenario (or 'all') please" >&2; exit 2; fi
       SCENARIO=$1; shift ;;
  esac
done
if [[ -z "$SCENARIO" ]]; then usage >&2; exit 2; fi
if [[ ! "$BULK_BYTES" =~ ^[0-9]+$ ]] || (( BULK_BYTES < 1 )); then
  echo "--bytes must be a positive integer" >&2; exit 2
fi
case " ${FIXTURE_SCENARIOS[*]} ${EXTRA_SCENARIOS[*]} all " in
  *" $SCENARIO "*) ;;
  *) echo "unknown scenario: $SCENARIO" >&2; usage >&2; exit 2 ;;
esac
if [[ $EUID -ne 0 ]]; then echo "must run as root (network namespaces, tcpdump)" >&2; exit 1; fi
for tool in ip tcpdump mergecap editcap python3; do
  command -v "$tool" >/dev/null || { echo "missing tool: $tool" >&2; exit 1; }
done
ip mptcp help >/dev/null 2>&1 || ip mptcp limits show >/dev/null 2>&1 \
  || { echo "iproute2 without 'ip mptcp' support" >&2; exit 1; }

if [[ -z $OUT_DIR ]]; then
  # the ~100 MB bulk capture must not land among the committed fixtures by accident
  if [[ $SCENARIO == bulk ]]; then OUT_DIR=${TMPDIR:-/tmp}; else OUT_DIR="$REPO_ROOT/fixtures/captures"; fi
fi
mkdir -p "$OUT_DIR"
OUT_DIR=$(cd "$OUT_DIR" && pwd)
WORK=$(mktemp -d /tmp/mptcplab.XXXXXX)
NSC="mptcplab-$$-cli"
NSS="mptcplab-$$-srv"
BG_PIDS=()
CAP_PIDS=()

log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

kill_bg() {
  local pid
  for pid in "${BG_PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -INT "$pid" 2>/dev/null || true
      sleep 0.2
      kill -TERM "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
  BG_PIDS=()
  CAP_PIDS=()
}

ns_teardown() {
  local ns
  for ns in "$NSC" "$NSS"; do
    if ip netns list | grep -qw -- "$ns"; then ip netns del "$ns" 2>/dev/null || true; fi
  done
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  kill_bg
  ns_teardown
  if (( KEEP_WORK )) || (( rc != 0 )); then
    log "work directory kept: $WORK"
  else
    rm -rf "$WORK"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

in_c() { ip netns exec "$NSC" "$@"; }
in_s() { ip netns exec "$NSS" "$@"; }

# ---------------------------------------------------------------- topology
# ns_setup 4|6 : fresh namespaces, two veth links, addresses, policy routing.
ns_setup() {
  local fam=$1 ns dev
  ns_teardown
  ip netns add "$NSC"
  ip netns add "$NSS"
  for ns in "$NSC" "$NSS"; do
    ip -n "$ns" link set lo up
    ip netns exec "$ns" sysctl -qw net.mptcp.enabled=1 net.mptcp.checksum_enabled=0 \
      net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0
    ip netns exec "$ns" sysctl -qw net.mptcp.path_manager=kernel 2>/dev/null \
      || ip netns exec "$ns" sysctl -qw net.mptcp.pm_type=0
    ip -n "$ns" mptcp endpoint flush
  done
  # fixed, locally administered MACs: 02:00:00:00:<link>:<host>
  ip link add c1 netns "$NSC" address 02:00:00:00:01:01 type veth \
    peer name s1 netns "$NSS" address 02:00:00:00:01:02
  ip link add c2 netns "$NSC" address 02:00:00:00:02:01 type veth \
    peer name s2 netns "$NSS" address 02:00:00:00:02:02
  # wire-sized segments with real checksums in the capture
  in_c python3 "$APP" offload-off c1 c2
  in_s python3 "$APP" offload-off s1 s2
  if [[ $fam == 4 ]]; then
    ip -n "$NSC" addr add 198.18.1.1/24 dev c1
    ip -n "$NSC" addr add 198.18.2.1/24 dev c2
    ip -n "$NSS" addr add 198.18.1.2/24 dev s1
    ip -n "$NSS" addr add 198.18.2.2/24 dev s2
  else
    # no IPv4, and no DAD so the addresses are usable at once
    for ns in "$NSC" "$NSS"; do
      ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
    done
    ip -n "$NSC" addr add 2001:db8:1::1/64 dev c1 nodad
    ip -n "$NSC" addr add 2001:db8:2::1/64 dev c2 nodad
    ip -n "$NSS" addr add 2001:db8:1::2/64 dev s1 nodad
    ip -n "$NSS" addr add 2001:db8:2::2/64 dev s2 nodad
  fi
  ip -n "$NSC" link set c1 up; ip -n "$NSC" link set c2 up
  ip -n "$NSS" link set s1 up; ip -n "$NSS" link set s2 up
  # Static neighbour entries (the MACs are fixed above): no ARP / neighbour
  # discovery race right after the links come up, and none in the captures.
  if [[ $fam == 4 ]]; then
    ip -n "$NSC" neigh replace 198.18.1.2 lladdr 02:00:00:00:01:02 dev c1 nud permanent
    ip -n "$NSC" neigh replace 198.18.2.2 lladdr 02:00:00:00:02:02 dev c2 nud permanent
    ip -n "$NSS" neigh replace 198.18.1.1 lladdr 02:00:00:00:01:01 dev s1 nud permanent
    ip -n "$NSS" neigh replace 198.18.2.1 lladdr 02:00:00:00:02:01 dev s2 nud permanent
  else
    ip -n "$NSC" neigh replace 2001:db8:1::2 lladdr 02:00:00:00:01:02 dev c1 nud permanent
    ip -n "$NSC" neigh replace 2001:db8:2::2 lladdr 02:00:00:00:02:02 dev c2 nud permanent
    ip -n "$NSS" neigh replace 2001:db8:1::1 lladdr 02:00:00:00:01:01 dev s1 nud permanent
    ip -n "$NSS" neigh replace 2001:db8:2::1 lladdr 02:00:00:00:02:01 dev s2 nud permanent
  fi
  # wait until all four veth ends report carrier (operstate UP)
  local i ok
  for i in $(seq 1 100); do
    ok=1
    for dev in c1 c2; do [[ $(ip netns exec "$NSC" cat /sys/class/net/$dev/operstate) == up ]] || ok=0; done
    for dev in s1 s2; do [[ $(ip netns exec "$NSS" cat /sys/class/net/$dev/operstate) == up ]] || ok=0; done
    (( ok )) && break
    sleep 0.02
  done
  (( ok )) || die "veth links did not come up"
  if [[ -n ${SHAPE_RATE:-} ]]; then
    # Slow the links down (token bucket, no drops: big limit) so that a
    # subflow still has unacknowledged data when the next paced write comes;
    # the kernel's default scheduler then spreads the writes over all
    # subflows instead of putting everything on the first one.
    for dev in c1 c2; do
      ip netns exec "$NSC" tc qdisc add dev "$dev" root tbf rate "$SHAPE_RATE" burst 1600 limit 1mb
    done
    for dev in s1 s2; do
      ip netns exec "$NSS" tc qdisc add dev "$dev" root tbf rate "$SHAPE_RATE" burst 1600 limit 1mb
    done
  fi
  # Client: source-based routing, so a subflow bound to a link-N address leaves
  # on link N (tables 101/102) even towards the server's address on the other
  # link.  Server: plain destination routing over its connected /24 (/64)
  # routes, so its answers go back on the link the subflow came in on.  The
  # routes cover only the lab prefixes; there is no default route anywhere.
  if [[ $fam == 4 ]]; then
    ip -n "$NSC" rule add from 198.18.1.1 table 101 pref 1001
    ip -n "$NSC" rule add from 198.18.2.1 table 102 pref 1002
    ip -n "$NSC" route add 198.18.0.0/15 via 198.18.1.2 dev c1 table 101
    ip -n "$NSC" route add 198.18.0.0/15 via 198.18.2.2 dev c2 table 102
  else
    ip -n "$NSC" -6 rule add from 2001:db8:1::1 table 101 pref 1001
    ip -n "$NSC" -6 rule add from 2001:db8:2::1 table 102 pref 1002
    ip -n "$NSC" -6 route add 2001:db8::/32 via 2001:db8:1::2 dev c1 table 101
    ip -n "$NSC" -6 route add 2001:db8::/32 via 2001:db8:2::2 dev c2 table 102
  fi
}

# pm_c / pm_s : 'ip mptcp ...' in the client / server namespace, logged.
pm_c() { log "client# ip mptcp $*"; ip -n "$NSC" mptcp "$@"; }
pm_s() { log "server# ip mptcp $*"; ip -n "$NSS" mptcp "$@"; }

# ---------------------------------------------------------------- capture
# cap_start NS IFACE FILE [tcpdump args...]
cap_start() {
  local ns=$1 ifc=$2 file=$3; shift 3
  local errlog="$WORK/tcpdump.$(basename "$file").log" i
  rm -f "$file"
  ip netns exec "$ns" tcpdump -i "$ifc" -s 0 -U --immediate-mode -n -Z root -B 32768 "$@" -w "$file" tcp \
    2>"$errlog" &
  local pid=$!
  BG_PIDS+=("$pid"); CAP_PIDS+=("$pid")
  for i in $(seq 1 100); do
    grep -q "listening on" "$errlog" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  cat "$errlog" >&2
  die "tcpdump on $ns/$ifc did not start"
}

cap_stop() {
  local pid
  sleep 0.3   # let the last ACKs / FINs / RSTs cross the links
  for pid in "${CAP_PIDS[@]}"; do
    kill -INT "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  CAP_PIDS=()
  BG_PIDS=()
  local f drops=0 d
  for f in "$WORK"/tcpdump.*.log; do
    [[ -e $f ]] || continue
    d=$(sed -n 's/^\([0-9]*\) packets dropped by kernel.*/\1/p' "$f")
    drops=$((drops + ${d:-0}))
  done
  (( KEEP_WORK )) || rm -f "$WORK"/tcpdump.*.log
  (( drops == 0 )) || die "tcpdump dropped $drops packets"
}

# ---------------------------------------------------------------- transfer
# run_transfer SERVER_ADDR [--hook ACTION_FN] -- server args -- client args
# ACTION_FN runs when the client reaches its --hook-at byte count.
run_transfer() {
  local srv_addr=$1; shift
  local hook_fn=""
  if [[ ${1:-} == --hook ]]; then hook_fn=$2; shift 2; fi
  [[ ${1:-} == -- ]] && shift
  local sargs=() cargs=()
  while [[ $# -gt 0 && $1 != -- ]]; do sargs+=("$1"); shift; done
  [[ ${1:-} == -- ]] && shift
  cargs=("$@")
  local ready="$WORK/server.ready" hook="$WORK/client.hook" i
  rm -f "$ready" "$hook" "$hook.done"
  local any=0.0.0.0
  [[ $srv_addr == *:* ]] && any=::
  # wildcard bind: MP_JOINs to the server's other addresses need a listener
  ip netns exec "$NSS" python3 "$APP" server --bind "$any" --port 8080 --ready-file "$ready" "${sargs[@]}" \
    >"$WORK/server.out" 2>"$WORK/server.err" &
  local spid=$!
  BG_PIDS+=("$spid")
  for i in $(seq 1 100); do [[ -e $ready ]] && break; sleep 0.05; done
  [[ -e $ready ]] || { cat "$WORK/server.err" >&2; die "server did not start"; }
  if [[ -n $hook_fn ]]; then cargs+=(--hook-file "$hook"); fi
  ip netns exec "$NSC" python3 "$APP" client --connect "$srv_addr" --port 8080 "${cargs[@]}" \
    >"$WORK/client.out" 2>"$WORK/client.err" &
  local cpid=$!
  BG_PIDS+=("$cpid")
  if [[ -n $hook_fn ]]; then
    for i in $(seq 1 400); do
      [[ -e $hook ]] && break
      kill -0 "$cpid" 2>/dev/null || break
      sleep 0.025
    done
    [[ -e $hook ]] || { cat "$WORK/client.err" >&2; die "client never reached its hook"; }
    "$hook_fn"
    sleep 0.3   # let the path manager's packets (REMOVE_ADDR, MP_PRIO) go out
    touch "$hook.done"
  fi
  local crc=0 src=0
  wait "$cpid" || crc=$?
  wait "$spid" || src=$?
  if (( crc != 0 || src != 0 )); then
    cat "$WORK/server.err" "$WORK/client.err" >&2
    die "transfer failed (client rc=$crc, server rc=$src)"
  fi
  log "client: $(cat "$WORK/client.out")"
  log "server: $(cat "$WORK/server.out")"
}

# capture_two_links NAME : per-veth Ethernet captures in the client namespace,
# merged into one classic pcap by mergecap.
capture_two_links_start() {
  cap_start "$NSC" c1 "$WORK/$1.c1.pcap"
  cap_start "$NSC" c2 "$WORK/$1.c2.pcap"
}
capture_two_links_finish() {
  cap_stop
  mergecap -F pcap -w "$OUT_DIR/$1.pcap" "$WORK/$1.c1.pcap" "$WORK/$1.c2.pcap"
}
capture_any_start() {  # NAME [tcpdump args]
  local name=$1; shift
  cap_start "$NSC" any "$WORK/$name.any.pcap" "$@"
}
capture_any_finish() {
  cap_stop
  cp "$WORK/$1.any.pcap" "$OUT_DIR/$1.pcap"
}

finish_note() { log "wrote $OUT_DIR/$1.pcap ($(stat -c %s "$OUT_DIR/$1.pcap") bytes)"; }

# ---------------------------------------------------------------- scenarios
# Common v4 path-manager setup: server announces 198.18.2.2 (id 1).
pm_v4_signal() {
  pm_s limits set subflows 2 add_addr_accepted 0
  pm_s endpoint add 198.18.2.2 id 1 "$@"
}

scenario_v1-two-subflows-add-addr() {
  local name=v1-two-subflows-add-addr
  SHAPE_RATE=1mbit ns_setup 4
  pm_v4_signal signal
  pm_c limits set subflows 2 add_addr_accepted 1
  pm_c endpoint add 198.18.2.1 id 1 subflow
  capture_two_links_start "$name"
  run_transfer 198.18.1.2 -- --recv-bytes 6000 --send-bytes 12000 --chunk 1000 --delay 0.001 \
    -- --send-bytes 6000 --recv-bytes 12000 --wait-subflows 2 --chunk 1000 --delay 0.001
  capture_two_links_finish "$name"
  editcap -F pcapng "$OUT_DIR/$name.pcap" "$OUT_DIR/$name.pcapng"
  editcap -F nsecpcap "$OUT_DIR/$name.pcap" "$OUT_DIR/$name.nsec.pcap"
  finish_note "$name"
}

scenario_v1-ipv6() {
  local name=v1-ipv6
  SHAPE_RATE=1mbit ns_setup 6
  pm_s limits set subflows 2 add_addr_accepted 0
  pm_s endpoint add 2001:db8:2::2 id 1 signal
  pm_c limits set subflows 2 add_addr_accepted 1
  pm_c endpoint add 2001:db8:2::1 id 1 subflow
  capture_any_start "$name" -y LINUX_SLL
  run_transfer 2001:db8:1::2 -- --recv-bytes 6000 --send-bytes 12000 --chunk 1000 --delay 0.001 \
    -- --send-bytes 6000 --recv-bytes 12000 --wait-subflows 2 --chunk 1000 --delay 0.001
  capture_any_finish "$name"
  finish_note "$name"
}

scenario_v1-add-addr-port() {
  local name=v1-add-addr-port
  SHAPE_RATE=1mbit ns_setup 4
  pm_v4_signal port 8090 signal
  pm_c limits set subflows 2 add_addr_accepted 1
  capture_two_links_start "$name"
  run_transfer 198.18.1.2 -- --recv-bytes 6000 --send-bytes 12000 --chunk 1000 --delay 0.001 \
    -- --send-bytes 6000 --recv-bytes 12000 --wait-subflows 1 --chunk 1000 --delay 0.001
  capture_two_links_finish "$name"
  finish_note "$name"
}

hook_remove_addr() { pm_s endpoint delete id 1; }
scenario_v1-remove-addr() {
  local name=v1-remove-addr
  SHAPE_RATE=1mbit ns_setup 4
  pm_v4_signal signal
  pm_c limits set subflows 2 add_addr_accepted 1
  capture_two_links_start "$name"
  run_transfer 198.18.1.2 --hook hook_remove_addr -- --recv-bytes 10000 --send-bytes 6000 --chunk 1000 --delay 0.001 \
    -- --send-bytes 10000 --recv-bytes 6000 --wait-subflows 1 --chunk 1000 --delay 0.004 \
       --hook-at 4000
  capture_two_links_finish "$name"
  finish_note "$name"
}

scenario_v1-dss-checksum() {
  local name=v1-dss-checksum
  SHAPE_RATE=1mbit ns_setup 4
  in_c sysctl -qw net.mptcp.checksum_enabled=1
  in_s sysctl -qw net.mptcp.checksum_enabled=1
  pm_v4_signal signal
  pm_c limits set subflows 2 add_addr_accepted 1
  capture_two_links_start "$name"
  run_transfer 198.18.1.2 -- --recv-bytes 6000 --send-bytes 12000 --chunk 1000 --delay 0.001 \
    -- --send-bytes 6000 --recv-bytes 12000 --wait-subflows 1 --chunk 1000 --delay 0.001
  capture_two_links_finish "$name"
  finish_note "$name"
}

hook_nobackup() { pm_c endpoint change id 1 nobackup; }
scenario_v1-backup-mp-prio() {
  local name=v1-backup-mp-prio
  SHAPE_RATE=1mbit ns_setup 4
  pm_s limits set subflows 2 add_addr_accepted 0
  pm_c limits set subflows 2 add_addr_accepted 0
  pm_c endpoint add 198.18.2.1 id 1 subflow backup
  capture_two_links_start "$name"
  run_transfer 198.18.1.2 --hook hook_nobackup -- --recv-bytes 10000 --send-bytes 6000 --chunk 1000 --delay 0.001 \
    -- --send-bytes 10000 --recv-bytes 6000 --wait-subflows 1 --wait-at 1000 --chunk 1000 --delay 0.004 \
       --hook-at 4000
  capture_two_links_finish "$name"
  finish_note "$name"
}

scenario_v1-fastclose() {
  local name=v1-fastclose
  SHAPE_RATE=1mbit ns_setup 4
  pm_v4_signal signal
  pm_c limits set subflows 2 add_addr_accepted 1
  capture_any_start "$name" -y LINUX_SLL2
  run_transfer 198.18.1.2 -- --fastclose --fastclose-read 1000 \
    -- --send-bytes 6000 --wait-subflows 1 --chunk 1000 --delay 0.001 --expect-reset
  capture_any_finish "$name"
  finish_note "$name"
}

scenario_bulk() {
  local name=bulk
  ns_setup 4
  pm_v4_signal signal
  pm_c limits set subflows 2 add_addr_accepted 1
  capture_two_links_start "$name"
  run_transfer 198.18.1.2 -- --recv-bytes "$BULK_BYTES" --send-bytes 1000 --timeout 600 \
    -- --send-bytes "$BULK_BYTES" --recv-bytes 1000 --wait-subflows 1 --timeout 600
  capture_two_links_finish "$name"
  finish_note "$name"
}

# run_scenario NAME : capture, then (when tshark is there) check the capture
# has what the scenario is about; timing-dependent misses (e.g. the scheduler
# left a join subflow without data) are retried up to 3 times.
run_scenario() {
  local t0=$SECONDS attempt
  for attempt in 1 2 3; do
    log "=== $1 (attempt $attempt) ==="
    "scenario_$1"
    kill_bg
    ns_teardown
    if [[ $1 == bulk ]] || ! command -v tshark >/dev/null; then break; fi
    if python3 "$MANIFEST_GEN" --dir "$OUT_DIR" --check "$1" "$1.pcap"; then break; fi
    cp "$OUT_DIR/$1.pcap" "$WORK/$1.rejected-$attempt.pcap"
    (( attempt < 3 )) || die "$1: capture does not show what it should (see above)"
    log "$1: retrying (rejected capture kept in the work directory with --keep-work)"
  done
  log "=== $1 done in $((SECONDS - t0))s ==="
}

T_START=$SECONDS
log "kernel $(uname -r), output $OUT_DIR, work $WORK"
if [[ $SCENARIO == all ]]; then
  for s in "${FIXTURE_SCENARIOS[@]}"; do run_scenario "$s"; done
  if command -v tshark >/dev/null; then
    log "building manifest.json"
    python3 "$MANIFEST_GEN" --dir "$OUT_DIR" --out "$OUT_DIR/manifest.json"
  else
    log "tshark not found: manifest.json not rebuilt"
  fi
else
  run_scenario "$SCENARIO"
fi
log "finished in $((SECONDS - T_START))s"
