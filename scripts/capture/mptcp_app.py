#!/usr/bin/env python3
"""Tiny MPTCP client/server used by scripts/capture-linux-mptcp.sh.

Standard library only.  Every transfer has a fixed byte count, so the
captures made with it differ from run to run only in timing, ports, keys,
nonces and sequence numbers, never in how much application data is moved.

Subcommands
-----------
server       accept ONE MPTCP connection, read --recv-bytes (until EOF),
             answer with --send-bytes, then close (DATA_FIN).  With
             --fastclose it reads only --fastclose-read bytes and closes with
             the rest still unread (Linux then aborts with MP_FASTCLOSE).
client       connect over MPTCP, optionally wait (after --wait-at bytes) for
             N additional subflows (MPTCP_INFO), send --send-bytes in --chunk sized writes with
             --delay seconds between them, half-close, read the reply until
             EOF.  --hook-at/--hook-file let the caller run a command (for
             example `ip mptcp endpoint delete`) at a precise point of the
             transfer: the client creates HOOK_FILE and waits for
             HOOK_FILE.done before writing on.
offload-off  switch off tx checksum / TSO / GSO / GRO / SG offloads on the
             given interfaces through the legacy SIOCETHTOOL ioctls, so the
             capture holds wire-sized segments with valid TCP checksums
             (no ethtool binary needed).

Payloads are lines of 64 ASCII bytes, "<TAG> <offset> ...\n", truncated to the
exact byte count; the receiver checks every byte it gets.
"""

import argparse
import array
import errno
import fcntl
import json
import os
import socket
import struct
import sys
import time

# MPTCP_INFO is read as the live mode's helpers read it (src/cli/live/mptcp_info.py).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src", "cli", "live"))
from mptcp_info import IPPROTO_MPTCP, mptcp_info  # noqa: E402

LINE = 64


def pattern(tag: str, offset: int, length: int) -> bytes:
    """Deterministic payload bytes [offset, offset+length) of stream `tag`."""
    out = bytearray()
    first = offset // LINE
    last = (offset + length + LINE - 1) // LINE
    for i in range(first, last):
        text = f"{tag} {i * LINE:010d} mptcp-threat-lab fixture payload "
        out += (text + "." * (LINE - 1 - len(text)) + "\n").encode("ascii")
    start = offset - first * LINE
    return bytes(out[start:start + length])


def log(role: str, msg: str) -> None:
    print(f"[{role} {time.monotonic():.3f}] {msg}", file=sys.stderr, flush=True)


def family_of(addr: str) -> int:
    return socket.AF_INET6 if ":" in addr else socket.AF_INET


def mptcp_socket(addr: str) -> socket.socket:
    return socket.socket(family_of(addr), socket.SOCK_STREAM, IPPROTO_MPTCP)


def recv_exact(sock: socket.socket, tag: str, want: int, role: str, until_eof: bool) -> int:
    """Read `want` bytes (and then up to EOF when until_eof), verifying content."""
    got = 0
    while True:
        data = sock.recv(65536)
        if not data:
            break
        if got + len(data) > want:
            raise SystemExit(f"{role}: received more than {want} bytes")
        if data != pattern(tag, got, len(data)):
            raise SystemExit(f"{role}: payload mismatch at offset {got}")
        got += len(data)
        if got == want and not until_eof:
            break
    if got != want:
        raise SystemExit(f"{role}: expected {want} bytes, got {got}")
    return got


def send_paced(sock, tag, total, chunk, delay, role, events=()):
    """Send `total` bytes in `chunk`-sized writes, `delay` s apart.

    `events` is a list of (offset, callable): each callable runs once exactly
    when `offset` bytes have been written (writes are split to hit it).
    """
    pending = sorted(events, key=lambda e: e[0])
    sent = 0
    while True:
        while pending and pending[0][0] <= sent:
            pending.pop(0)[1]()
        if sent >= total:
            break
        n = min(chunk, total - sent)
        if pending and sent + n > pending[0][0]:
            n = pending[0][0] - sent
        sock.sendall(pattern(tag, sent, n))
        sent += n
        if delay and sent < total:
            time.sleep(delay)
    for _, fn in pending:
        fn()
    return sent


def run_hook(hook_file, timeout, role):
    log(role, f"hook: creating {hook_file} and waiting for {hook_file}.done")
    with open(hook_file, "w") as f:
        f.write(str(os.getpid()))
    deadline = time.monotonic() + timeout
    while not os.path.exists(hook_file + ".done"):
        if time.monotonic() > deadline:
            raise SystemExit(f"{role}: hook {hook_file} not acknowledged in {timeout}s")
        time.sleep(0.01)
    log(role, "hook acknowledged, continuing")


def cmd_server(a) -> int:
    role = "server"
    ls = mptcp_socket(a.bind)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((a.bind, a.port))
    ls.listen(4)
    ls.settimeout(a.timeout)
    if a.ready_file:
        with open(a.ready_file, "w") as f:
            f.write("ready\n")
    log(role, f"listening on {a.bind}:{a.port}")
    conn, peer = ls.accept()
    conn.settimeout(a.timeout)
    log(role, f"accepted {peer}")
    result = {"role": role, "peer": list(peer[:2])}
    if a.fastclose:
        got = recv_exact(conn, "C", a.fastclose_read, role, until_eof=False) if a.fastclose_read else 0
        # Give the client time to push the rest so it sits unread in our queue.
        time.sleep(a.fastclose_wait)
        result["info"] = mptcp_info(conn)
        if a.linger0:
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        log(role, f"read {got} bytes, closing with unread data (linger0={a.linger0})")
        conn.close()
        result.update({"received": got, "sent": 0, "closedWithUnreadData": True})
    else:
        got = recv_exact(conn, "C", a.recv_bytes, role, until_eof=True)
        log(role, f"received {got} bytes + EOF (DATA_FIN)")
        sent = send_paced(conn, "S", a.send_bytes, a.chunk, a.delay, role)
        result["info"] = mptcp_info(conn)
        conn.shutdown(socket.SHUT_WR)
        # wait for the client's close so both DATA_FINs are acked before close()
        tail = conn.recv(1)
        if tail:
            raise SystemExit("server: unexpected data after EOF")
        conn.close()
        result.update({"received": got, "sent": sent})
    ls.close()
    print(json.dumps(result), flush=True)
    return 0


def cmd_client(a) -> int:
    role = "client"
    s = mptcp_socket(a.connect)
    s.settimeout(a.timeout)
    if a.bind:
        s.bind((a.bind, 0))
    s.connect((a.connect, a.port))
    log(role, f"connected {s.getsockname()[:2]} -> {s.getpeername()[:2]}")
    info = mptcp_info(s)
    if info and info["fallback"]:
        log(role, "WARNING: connection fell back to plain TCP")
    def wait_subflows():
        deadline = time.monotonic() + a.wait_timeout
        while True:
            info = mptcp_info(s)
            if info and info["subflows"] >= a.wait_subflows:
                break
            if time.monotonic() > deadline:
                raise SystemExit(f"client: only {info and info['subflows']} extra subflows after "
                                 f"{a.wait_timeout}s (wanted {a.wait_subflows})")
            time.sleep(0.01)
        # the subflow counter is bumped when the join starts; let the handshake finish
        time.sleep(a.settle)
        log(role, f"subflows ready: {info}")

    events = []
    if a.wait_subflows:
        events.append((a.wait_at, wait_subflows))
    if a.hook_at is not None:
        events.append((a.hook_at, lambda: run_hook(a.hook_file, a.hook_timeout, role)))
    result = {"role": role, "local": list(s.getsockname()[:2])}
    sent = send_paced(s, "C", a.send_bytes, a.chunk, a.delay, role, events)
    result["sent"] = sent
    if a.expect_reset:
        try:
            data = s.recv(65536)
            result["afterSend"] = f"recv returned {len(data)} bytes"
            # keep reading until the reset arrives
            while data:
                data = s.recv(65536)
            result["afterSend"] = "EOF"
        except OSError as e:
            result["afterSend"] = f"{errno.errorcode.get(e.errno, e.errno)}"
            log(role, f"connection aborted as expected: {e}")
        s.close()
    else:
        s.shutdown(socket.SHUT_WR)
        got = recv_exact(s, "S", a.recv_bytes, role, until_eof=True)
        result["received"] = got
        result["info"] = mptcp_info(s)
        s.close()
    print(json.dumps(result), flush=True)
    return 0


# --- offloads -------------------------------------------------------------
SIOCETHTOOL = 0x8946
ETHTOOL_STXCSUM = 0x17
ETHTOOL_SSG = 0x19
ETHTOOL_STSO = 0x1f
ETHTOOL_SGSO = 0x24
ETHTOOL_SGRO = 0x2c


def cmd_offload_off(a) -> int:
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    rc = 0
    for ifname in a.ifaces:
        for name, cmd in (("tso", ETHTOOL_STSO), ("gso", ETHTOOL_SGSO), ("gro", ETHTOOL_SGRO),
                          ("sg", ETHTOOL_SSG), ("tx-csum", ETHTOOL_STXCSUM)):
            # struct ethtool_value { __u32 cmd; __u32 data; } with data = 0 (off)
            value = array.array("B", struct.pack("II", cmd, 0))
            ptr, _ = value.buffer_info()
            # struct ifreq { char ifr_name[16]; void *ifr_data; ... } (40 bytes on LP64)
            ifreq = struct.pack("16sP", ifname.encode(), ptr).ljust(40, b"\0")
            try:
                fcntl.ioctl(s.fileno(), SIOCETHTOOL, ifreq)
            except OSError as e:
                print(f"offload-off: {ifname} {name}: {e}", file=sys.stderr)
                rc = 1
    s.close()
    return rc


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)

    sv = sub.add_parser("server")
    sv.add_argument("--bind", required=True)
    sv.add_argument("--port", type=int, default=8080)
    sv.add_argument("--recv-bytes", type=int, default=8192)
    sv.add_argument("--send-bytes", type=int, default=8192)
    sv.add_argument("--chunk", type=int, default=65536)
    sv.add_argument("--delay", type=float, default=0.0)
    sv.add_argument("--ready-file")
    sv.add_argument("--timeout", type=float, default=60.0)
    sv.add_argument("--fastclose", action="store_true")
    sv.add_argument("--fastclose-read", type=int, default=1024)
    sv.add_argument("--fastclose-wait", type=float, default=0.5)
    sv.add_argument("--linger0", action="store_true")
    sv.set_defaults(func=cmd_server)

    cl = sub.add_parser("client")
    cl.add_argument("--connect", required=True)
    cl.add_argument("--bind")
    cl.add_argument("--port", type=int, default=8080)
    cl.add_argument("--send-bytes", type=int, default=8192)
    cl.add_argument("--recv-bytes", type=int, default=8192)
    cl.add_argument("--chunk", type=int, default=65536)
    cl.add_argument("--delay", type=float, default=0.0)
    cl.add_argument("--wait-subflows", type=int, default=0)
    cl.add_argument("--wait-at", type=int, default=0,
                    help="wait for the subflows after this many bytes were sent (default 0: "
                         "before sending)")
    cl.add_argument("--wait-timeout", type=float, default=10.0)
    cl.add_argument("--settle", type=float, default=0.2)
    cl.add_argument("--hook-at", type=int)
    cl.add_argument("--hook-file")
    cl.add_argument("--hook-timeout", type=float, default=20.0)
    cl.add_argument("--expect-reset", action="store_true")
    cl.add_argument("--timeout", type=float, default=60.0)
    cl.set_defaults(func=cmd_client)

    of = sub.add_parser("offload-off")
    of.add_argument("ifaces", nargs="+")
    of.set_defaults(func=cmd_offload_off)

    a = p.parse_args(argv)
    if getattr(a, "hook_at", None) is not None and not a.hook_file:
        p.error("--hook-at needs --hook-file")
    return a.func(a)


if __name__ == "__main__":
    sys.exit(main())
