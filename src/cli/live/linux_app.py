#!/usr/bin/env python3
"""The application on a real Linux host in `lab live`: one MPTCP socket
(IPPROTO_MPTCP = 262), writing and checking the engine's byte patterns, so
the lab knows exactly what the Linux application wrote and read.

    linux_app.py server --port P [--family 4|6] --recv-phase N [--send-bytes N --send-phase N]
                        [--fastclose-after N] --ready-file F
    linux_app.py client --connect ADDR --port P --send-bytes N --send-phase N
                        [--recv-phase N] [--bind ADDR] [--ready-file F]

The server accepts ONE connection on the wildcard address (joins to its
other addresses need the listener), reads to the end checking every byte,
writes its reply and closes.  The client connects, writes, half-closes and
reads to the end.  SIGUSR1 (a scenario's app-abort) makes either abort its
connection at once: close() with SO_LINGER 0, unread data and all, which
Linux turns into MP_FASTCLOSE (__mptcp_close in net/mptcp/protocol.c).  Either prints one JSON line on stdout when done:
bytes read and written, the first wrong offset, how the stream ended, the
connection's MPTCP_INFO (the last seen, and the most subflows seen), and
CLOCK_MONOTONIC times in ms (the same clock as Node's process.hrtime).
Standard library only.
"""

import argparse
import json
import os
import signal
import socket
import struct
import sys
import threading
import time

from mptcp_info import IPPROTO_MPTCP, mptcp_info

PERIOD = 251
PATTERN = bytes((((i % PERIOD) * 167 + 13) & 0xFF) ^ 0x5A for i in range(PERIOD))
BLOCK = PATTERN * (65536 // PERIOD + 2)


def now_ms() -> float:
    return time.monotonic_ns() / 1e6


def pattern(phase: int, offset: int, length: int) -> bytes:
    """Bytes [offset, offset+length) of the engine's PatternSource with `phase`."""
    out = bytearray()
    while len(out) < length:
        start = (offset + len(out) + phase) % PERIOD
        n = min(length - len(out), 65536)
        out += BLOCK[start:start + n]
    return bytes(out)


REPORTS = []


class Aborted(Exception):
    """SIGUSR1 arrived while the traffic's connection was open."""


# armed: the traffic's connection is open, so SIGUSR1 aborts it; otherwise it is only noted.
ABORT = {"armed": False, "early": None}


def on_abort(_sig, _frame):
    if ABORT["armed"]:
        ABORT["armed"] = False
        raise Aborted()
    ABORT["early"] = ABORT["early"] or now_ms()


def abort_close(sock, rep):
    """close() with SO_LINGER {on, 0 s}: Linux sends MP_FASTCLOSE instead of a DATA_FIN."""
    rep.info(sock)
    rep.r["abortedAtMs"] = now_ms()
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except OSError:
        pass
    sock.close()
    rep.r["end"] = "aborted"


def on_term(_sig, _frame):
    """Stopped from outside (the run's deadline): report what was done so far."""
    main = [r for r in REPORTS if r.main]
    rep = main[0] if main else Report("server" if REPORTS and REPORTS[0].r["role"] == "server" else "client")
    if not main:
        rep.r["error"] = "stopped before the traffic's connection arrived"
    rep.r["end"] = rep.r["end"] or "stopped"
    if rep.r["role"] == "server":
        rep.r["otherConnections"] = [o.r for o in REPORTS if not o.main]
    rep.emit()
    os._exit(0)


class Report:
    def __init__(self, role):
        self.r = {"role": role, "startedAtMs": now_ms(), "bytesRead": 0, "bytesWritten": 0,
                  "firstMismatch": None, "mismatchBytes": None, "readDoneAtMs": None,
                  "end": None, "closedAtMs": None, "mptcp": None, "mostSubflows": 0, "error": None,
                  "abortedAtMs": None}
        self.main = role == "client"
        REPORTS.append(self)

    def info(self, sock):
        info = mptcp_info(sock)
        # A reset connection reads as all zeros: keep the last real view (its token names the connection).
        if info and (info["token"] != "00000000" or self.r["mptcp"] is None):
            self.r["mptcp"] = info
            self.r["mostSubflows"] = max(self.r["mostSubflows"], info["subflows"])

    def emit(self):
        self.r["closedAtMs"] = self.r["closedAtMs"] or now_ms()
        if self.main and ABORT["early"]:
            self.r["abortBeforeOpenAtMs"] = ABORT["early"]
        print(json.dumps(self.r), flush=True)


def read_to_end(sock, rep, phase, limit=None):
    while limit is None or rep.r["bytesRead"] < limit:
        try:
            want = 65536 if limit is None else min(65536, limit - rep.r["bytesRead"])
            data = sock.recv(want)
        except ConnectionResetError:
            rep.r["end"] = "reset"
            return False
        except OSError as e:
            rep.r["end"] = f"error {e.errno}"
            return False
        rep.info(sock)
        if not data:
            rep.r["end"] = "eof"
            rep.r["readDoneAtMs"] = now_ms()
            return True
        if rep.r["firstMismatch"] is None and phase is not None:
            expected = pattern(phase, rep.r["bytesRead"], len(data))
            if data != expected:
                at = next(i for i in range(len(data)) if data[i] != expected[i])
                rep.r["firstMismatch"] = rep.r["bytesRead"] + at
                rep.r["mismatchBytes"] = data[at:at + 16].hex()
        rep.r["bytesRead"] += len(data)
    rep.r["readDoneAtMs"] = now_ms()
    return True


def write_all(sock, rep, total, phase):
    while rep.r["bytesWritten"] < total:
        n = min(65536, total - rep.r["bytesWritten"])
        try:
            sock.sendall(pattern(phase, rep.r["bytesWritten"], n))
        except OSError as e:
            rep.r["end"] = "reset" if isinstance(e, (ConnectionResetError, BrokenPipeError)) else f"error {e.errno}"
            return False
        rep.r["bytesWritten"] += n
        rep.info(sock)
    return True


def serve_main(conn, a, rep):
    """The traffic's own connection, which SIGUSR1 aborts."""
    try:
        ABORT["armed"] = True
        serve_one(conn, a, rep)
    except Aborted:
        abort_close(conn, rep)
    finally:
        ABORT["armed"] = False


def serve_one(conn, a, rep):
    conn.settimeout(a.timeout)
    rep.info(conn)
    if a.fastclose_after is not None:
        # Close with unread data: Linux then aborts the connection with MP_FASTCLOSE.
        read_to_end(conn, rep, a.recv_phase, a.fastclose_after)
        rep.info(conn)
        conn.close()
        rep.r["end"] = rep.r["end"] or "closed-unread"
    else:
        ok = read_to_end(conn, rep, a.recv_phase)
        if ok and a.send_bytes:
            write_all(conn, rep, a.send_bytes, a.send_phase)
        rep.info(conn)
        conn.close()


def server(a):
    """Serves every connection that arrives, as the engine's server does, each
    in a thread; the report is the traffic's own connection (from one of the
    client's addresses, --client-addrs), with the others listed beside it, and
    the program ends once that one is done."""
    fam = socket.AF_INET6 if a.family == 6 else socket.AF_INET
    ls = socket.socket(fam, socket.SOCK_STREAM, IPPROTO_MPTCP)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("::" if a.family == 6 else "0.0.0.0", a.port))
    ls.listen(128)
    with open(a.ready_file, "w") as f:
        f.write("ready\n")
    clients = set(x for x in (a.client_addrs or "").split(",") if x)
    others = []
    done = threading.Event()
    deadline = time.monotonic() + a.timeout
    ls.settimeout(0.2)
    while not done.is_set():
        if time.monotonic() > deadline:
            rep = Report("server")
            rep.r["error"] = "no connection from the client arrived"
            rep.r["otherConnections"] = [o.r for o in others]
            rep.emit()
            return 1
        try:
            conn, peer = ls.accept()
        except socket.timeout:
            continue
        host = peer[0][7:] if peer[0].startswith("::ffff:") else peer[0]
        rep = Report("server")
        rep.r["peer"] = host
        rep.main = not clients or host in clients
        if not rep.main:
            # Someone else's connection (an attacker's own): served like any other, not the traffic's.
            others.append(rep)
            threading.Thread(target=serve_one, args=(conn, a, rep), daemon=True).start()
            continue
        serve_main(conn, a, rep)
        rep.r["otherConnections"] = [o.r for o in others]
        rep.emit()
        done.set()
    return 0


def client(a):
    fam = socket.AF_INET6 if ":" in a.connect else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_STREAM, IPPROTO_MPTCP)
    s.settimeout(a.timeout)
    if a.bind:
        s.bind((a.bind, 0))
    if a.ready_file:
        # Started ahead of time: Python's start-up must not delay the connection past its scenario time.
        with open(a.ready_file, "w") as f:
            f.write("ready\n")
        sys.stdin.readline()
    rep = Report("client")
    try:
        s.connect((a.connect, a.port))
    except OSError as e:
        rep.r["error"] = f"connect: {e}"
        rep.emit()
        return 1
    try:
        ABORT["armed"] = True
        rep.info(s)
        if write_all(s, rep, a.send_bytes, a.send_phase):
            try:
                s.shutdown(socket.SHUT_WR)
            except OSError:
                pass
            read_to_end(s, rep, a.recv_phase)
        ABORT["armed"] = False
        rep.info(s)
        s.close()
    except Aborted:
        abort_close(s, rep)
    rep.emit()
    return 0


def main():
    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGUSR1, on_abort)
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    sv = sub.add_parser("server")
    sv.add_argument("--port", type=int, required=True)
    sv.add_argument("--family", type=int, choices=(4, 6), default=4)
    sv.add_argument("--recv-phase", type=int, default=None)
    sv.add_argument("--send-bytes", type=int, default=0)
    sv.add_argument("--send-phase", type=int, default=0)
    sv.add_argument("--fastclose-after", type=int, default=None)
    sv.add_argument("--ready-file", required=True)
    sv.add_argument("--client-addrs", default=None, help="comma-separated: the traffic's client addresses (others' connections are served but not reported as the traffic's)")
    sv.add_argument("--timeout", type=float, default=60)
    cl = sub.add_parser("client")
    cl.add_argument("--connect", required=True)
    cl.add_argument("--port", type=int, required=True)
    cl.add_argument("--bind", default=None)
    cl.add_argument("--send-bytes", type=int, default=0)
    cl.add_argument("--send-phase", type=int, default=0)
    cl.add_argument("--recv-phase", type=int, default=None)
    cl.add_argument("--timeout", type=float, default=60)
    cl.add_argument("--ready-file", default=None, help="write it once set up, then connect when a line arrives on stdin")
    a = p.parse_args()
    return server(a) if a.cmd == "server" else client(a)


if __name__ == "__main__":
    sys.exit(main())
