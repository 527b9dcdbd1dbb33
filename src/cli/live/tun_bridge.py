#!/usr/bin/env python3
"""TUN bridge for `lab live`: creates TUN devices in the current network
namespace and relays IP packets between them and the engine.

Run inside a namespace (`ip netns exec NS python3 tun_bridge.py tun0 tun1`).
Standard library only, so nothing native is compiled.

Frames on stdin and stdout: 1 byte device index, 2 bytes length (big
endian), then the packet.  Index 255 with length 0 on stdout says every
device exists (the caller then gives them addresses).  The bridge exits
when stdin closes; the devices go with it.
"""

import fcntl
import os
import select
import struct
import sys

TUNSETIFF = 0x400454CA
IFF_TUN = 0x0001
IFF_NO_PI = 0x1000
READY = 255


def open_tun(name: str) -> int:
    fd = os.open("/dev/net/tun", os.O_RDWR | os.O_NONBLOCK)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", name.encode(), IFF_TUN | IFF_NO_PI))
    return fd


def main() -> int:
    names = sys.argv[1:]
    if not names or len(names) > 254:
        print("usage: tun_bridge.py DEV [DEV...]", file=sys.stderr)
        return 2
    fds = [open_tun(n) for n in names]
    index = {fd: i for i, fd in enumerate(fds)}
    out = sys.stdout.buffer
    inp = sys.stdin.buffer.raw
    out.write(struct.pack(">BH", READY, 0))
    out.flush()
    pending = b""
    while True:
        readable, _, _ = select.select([inp] + fds, [], [])
        for r in readable:
            if r is inp:
                chunk = os.read(inp.fileno(), 1 << 16)
                if not chunk:
                    return 0
                pending += chunk
                while len(pending) >= 3:
                    dev, length = struct.unpack_from(">BH", pending)
                    if len(pending) < 3 + length:
                        break
                    packet = pending[3:3 + length]
                    pending = pending[3 + length:]
                    if dev < len(fds):
                        try:
                            os.write(fds[dev], packet)
                        except OSError as e:
                            # a device that is not up yet refuses packets: the network lost one
                            print(f"tun_bridge: {names[dev]}: {e}", file=sys.stderr, flush=True)
            else:
                while True:
                    try:
                        packet = os.read(r, 1 << 16)
                    except BlockingIOError:
                        break
                    out.write(struct.pack(">BH", index[r], len(packet)) + packet)
                out.flush()


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(0)
