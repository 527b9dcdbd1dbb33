"""MPTCP_INFO of an MPTCP socket, as the lab's Python helpers read it:
the first fields of struct mptcp_info (include/uapi/linux/mptcp.h).
Shared by linux_app.py, fixtures/tiny_mptcp.py and
scripts/capture/mptcp_app.py.  Standard library only.
"""

import struct

IPPROTO_MPTCP = 262
SOL_MPTCP = 284
MPTCP_INFO = 1
MPTCP_INFO_FLAG_FALLBACK = 1


def mptcp_info(sock):
    """The socket's MPTCP_INFO as a dict, or None when it has none (ENOPROTOOPT: fallen back to TCP)."""
    try:
        raw = sock.getsockopt(SOL_MPTCP, MPTCP_INFO, 64)
    except OSError:
        return None
    if len(raw) < 16:
        return None
    subflows, add_addr_signal, accepted, sf_max, _sig_max, _acc_max = struct.unpack_from("6B", raw, 0)
    flags, token = struct.unpack_from("=II", raw, 8)
    return {"subflows": subflows, "addAddrSignal": add_addr_signal, "addAddrAccepted": accepted,
            "subflowsMax": sf_max, "flags": flags, "token": f"{token:08x}",
            "fallback": bool(flags & MPTCP_INFO_FLAG_FALLBACK)}
