#!/usr/bin/env python3
"""Build fixtures/captures/manifest.json from tshark's view of each capture.

This is the independent reference for the project's own (TypeScript) MPTCP
decoder, so every fact here comes from Wireshark's tools, never from the
project's code:

  * capinfos        file format, link type, frame count, timestamp precision
  * tshark -T json  (-x, --no-duplicate-keys, mptcp.analyze_mptcp:TRUE,
                    tcp.check_checksum:TRUE) every TCP/MPTCP field per frame,
                    and the raw bytes of every MPTCP option

On top of tshark's output the script only groups, orders and re-formats
(decimal -> zero-padded lowercase hex, addresses -> "ip:port" /
"[ipv6]:port" in RFC 5952 form).  Where tshark 4.0 does not decode something
(the DSS checksum field, see "notes") the value is read from the option's raw
bytes as tshark reports them.  A few cross-checks are computed with Python's
hashlib/hmac (token/IDSN from keys, MP_JOIN and ADD_ADDR HMACs, DSS checksums);
they are reported as separate "...Verified" booleans / counts and never
replace a tshark value.

Usage: make-manifest.py --dir fixtures/captures [--out manifest.json] [FILE...]
"""

import argparse
import hashlib
import hmac
import ipaddress
import json
import os
import re
import subprocess
import sys
from collections import OrderedDict, defaultdict

DESCRIPTIONS = {
    "v1-two-subflows-add-addr": (
        "IPv4, two veth links. Server signals 198.18.2.2 (ADD_ADDR id 1, echoed by the client). "
        "The client (limits subflows 2 add_addr_accepted 1, endpoint 198.18.2.1 'subflow') opens "
        "two MP_JOIN subflows, both from 198.18.2.1: one to the announced 198.18.2.2:8080 and one "
        "to the server's initial address 198.18.1.2:8080. Client sends 6000 bytes, server replies "
        "12000 bytes, both spread over all three subflows; graceful close with DATA_FIN on every "
        "subflow."),
    "v1-ipv6": (
        "Same as v1-two-subflows-add-addr over IPv6 (2001:db8:1::/64 and 2001:db8:2::/64), "
        "captured with 'tcpdump -i any -y LINUX_SLL' in the client namespace (Linux cooked "
        "capture v1)."),
    "v1-add-addr-port": (
        "Server signal endpoint with a port: ADD_ADDR 198.18.2.2 port 8090 (18-byte option with "
        "port and HMAC; the echo is 10 bytes). The client joins 198.18.2.2:8090, a listener the "
        "kernel creates for the endpoint. 6000 bytes up, 12000 down."),
    "v1-remove-addr": (
        "Server announces 198.18.2.2, the client joins it, then mid-transfer the server runs "
        "'ip mptcp endpoint delete id 1': REMOVE_ADDR (id 1) goes out on the initial subflow and "
        "the server closes the join subflow with a plain FIN exchange. The client keeps writing "
        "(paced) on the initial subflow. 10000 bytes up, 6000 down."),
    "v1-dss-checksum": (
        "net.mptcp.checksum_enabled=1 on both hosts: MP_CAPABLE carries the checksum-required "
        "flag (A) and every DSS mapping carries a 2-byte checksum. One ADD_ADDR join. "
        "6000 bytes up, 12000 down."),
    "v1-backup-mp-prio": (
        "Client endpoint 198.18.2.1 'subflow backup': the MP_JOIN SYN has B=1 and the scheduler "
        "keeps data off it. Mid-transfer 'ip mptcp endpoint change id 1 nobackup' makes the "
        "client send MP_PRIO (B=0, 3-byte form without address id) on that subflow, after which "
        "data flows on both. No ADD_ADDR. The client sends its first 1000 bytes before the join "
        "(that data packet still carries MP_CAPABLE with a data-level length). "
        "10000 bytes up, 6000 down."),
    "v1-fastclose": (
        "Server reads 1000 of the client's 6000 bytes and close()s with data still unread: Linux "
        "aborts with a RST carrying MP_FASTCLOSE (the client's key) plus MP_TCPRST on every "
        "subflow. One ADD_ADDR join. Captured with 'tcpdump -i any -y LINUX_SLL2' (Linux cooked "
        "capture v2)."),
}
VARIANT_NOTES = {
    ".pcapng": "pcapng copy of v1-two-subflows-add-addr.pcap made with 'editcap -F pcapng'.",
    ".nsec.pcap": ("nanosecond-resolution classic pcap (magic 0xa1b23c4d, stored little-endian) copy of "
                   "v1-two-subflows-add-addr.pcap made with 'editcap -F nsecpcap'."),
}
CAPTURE_POINTS = {
    "v1-ipv6": "tcpdump -i any -y LINUX_SLL in the client namespace",
    "v1-fastclose": "tcpdump -i any -y LINUX_SLL2 in the client namespace",
}
DEFAULT_CAPTURE_POINT = ("tcpdump -i c1 and -i c2 (client-side veth ends, Ethernet) merged "
                         "in time order with 'mergecap -F pcap'")

# capinfos -M prints Wireshark's short encapsulation names
LINKTYPES = {
    "ether": ("ethernet", 1),
    "linux-sll": ("linux-sll", 113),
    "linux-sll2": ("linux-sll2", 276),
}

SUBTYPE_NAMES = {0: "MP_CAPABLE", 1: "MP_JOIN", 2: "DSS", 3: "ADD_ADDR", 4: "REMOVE_ADDR",
                 5: "MP_PRIO", 6: "MP_FAIL", 7: "MP_FASTCLOSE", 8: "MP_TCPRST"}


def run(cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def hexn(value, digits):
    return f"{int(value):0{digits}x}"


def fmt_endpoint(ip, port):
    addr = ipaddress.ip_address(ip)
    if addr.version == 6:
        return f"[{addr.compressed}]:{int(port)}"
    return f"{addr}:{int(port)}"


def as_list(v):
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def flag(d, name):
    v = (d.get("tcp.options.mptcp.flags_tree") or {}).get(name)
    if v is None:
        v = d.get(name)
    return None if v is None else int(v, 0) != 0


def capinfos(path):
    out = run(["capinfos", "-t", "-E", "-c", "-u", "-a", "-e", "-H", "-M", path])
    info = {}
    for line in out.splitlines():
        if ":" in line:
            k, v = line.split(":", 1)
            info[k.strip()] = v.strip()
    ftype = info.get("File type", "")   # pcap, nsecpcap or pcapng
    fmt = "pcapng" if "pcapng" in ftype else "pcap"
    enc = info.get("File encapsulation", "")
    link, dlt = LINKTYPES.get(enc, (enc, None))
    with open(path, "rb") as f:
        magic = f.read(4)
    if fmt == "pcap":
        m = int.from_bytes(magic, "little")
        precision = "nanoseconds" if m in (0xa1b23c4d, 0x4d3cb2a1) else "microseconds"
    else:
        precision = "per-interface (if_tsresol; editcap keeps microseconds)"
    return {"format": fmt, "fileType": ftype, "linkType": link, "linkTypeNumber": dlt,
            "timestampPrecision": precision, "magic": magic.hex(),
            "frames": int(info.get("Number of packets", "0").replace(" ", "") or 0)}


def tshark_frames(path):
    out = run(["tshark", "-r", path, "-n", "-T", "json", "-x", "--no-duplicate-keys",
               "-o", "mptcp.analyze_mptcp:TRUE", "-o", "tcp.check_checksum:TRUE",
               "-o", "tcp.relative_sequence_numbers:TRUE", "-o", "tcp.analyze_sequence_numbers:TRUE"])
    return json.loads(out)


def mptcp_options(tcp):
    """[(option dict, raw hex)] in the order tshark lists them."""
    tree = tcp.get("tcp.options_tree") or {}
    opts = as_list(tree.get("mptcp"))
    raws = tree.get("mptcp_raw")
    if raws and not isinstance(raws[0], list):
        raws = [raws]
    raws = raws or []
    return [(o, raws[i][0] if i < len(raws) else None) for i, o in enumerate(opts)]


def dss_expected_len(o):
    a = flag(o, "tcp.options.mptcp.dataackpresent.flag")
    a8 = flag(o, "tcp.options.mptcp.dataack8.flag")
    m = flag(o, "tcp.options.mptcp.dseqnpresent.flag")
    m8 = flag(o, "tcp.options.mptcp.dseqn8.flag")
    n = 4
    if a:
        n += 8 if a8 else 4
    if m:
        n += (8 if m8 else 4) + 4 + 2
    return n, bool(m)


def ones_sum(data: bytes, acc: int = 0) -> int:
    if len(data) % 2:
        data += b"\0"
    for i in range(0, len(data), 2):
        acc += (data[i] << 8) | data[i + 1]
    while acc >> 16:
        acc = (acc & 0xffff) + (acc >> 16)
    return acc


def key_token_idsn(key: int):
    h = hashlib.sha256(key.to_bytes(8, "big")).digest()
    return int.from_bytes(h[:4], "big"), int.from_bytes(h[-8:], "big")


def hmac256(key: bytes, msg: bytes) -> bytes:
    return hmac.new(key, msg, hashlib.sha256).digest()


def analyse(path):
    frames = tshark_frames(path)
    rows = []
    for fr in frames:
        L = fr["_source"]["layers"]
        tcp = L.get("tcp")
        if tcp is None:
            continue
        num = int(L["frame"]["frame.number"])
        if "ip" in L:
            src, dst = L["ip"]["ip.src"], L["ip"]["ip.dst"]
        else:
            src, dst = L["ipv6"]["ipv6.src"], L["ipv6"]["ipv6.dst"]
        flags = tcp.get("tcp.flags_tree", {})
        payload = tcp.get("tcp.payload")
        rows.append({
            "frame": num, "src": src, "dst": dst,
            "sport": int(tcp["tcp.srcport"]), "dport": int(tcp["tcp.dstport"]),
            "stream": int(tcp["tcp.stream"]), "len": int(tcp["tcp.len"]),
            "seq": int(tcp["tcp.seq"]),
            "syn": flags.get("tcp.flags.syn") == "1", "ack": flags.get("tcp.flags.ack") == "1",
            "fin": flags.get("tcp.flags.fin") == "1", "rst": flags.get("tcp.flags.reset") == "1",
            "csum": tcp.get("tcp.checksum.status"),
            "payload": bytes.fromhex(payload.replace(":", "")) if payload else b"",
            "opts": mptcp_options(tcp),
            "mptcpStream": (tcp.get("mptcp.analysis") or {}).get("mptcp.stream"),
        })
    return frames, rows


def build_entry(path, name):
    entry = OrderedDict()
    base = name
    variant = None
    for suffix in (".nsec.pcap", ".pcapng", ".pcap"):
        if name.endswith(suffix):
            base = name[: -len(suffix)]
            variant = suffix
            break
    desc = DESCRIPTIONS.get(base, "")
    if variant in VARIANT_NOTES:
        desc = VARIANT_NOTES[variant] + " " + desc
    entry["description"] = desc
    ci = capinfos(path)
    entry["linkType"] = ci["linkType"]
    entry["linkTypeNumber"] = ci["linkTypeNumber"]
    entry["format"] = ci["format"]
    entry["timestampPrecision"] = ci["timestampPrecision"]
    entry["magic"] = ci["magic"]
    entry["fileBytes"] = os.path.getsize(path)
    with open(path, "rb") as f:
        entry["sha256"] = hashlib.sha256(f.read()).hexdigest()
    entry["capturedWith"] = CAPTURE_POINTS.get(base, DEFAULT_CAPTURE_POINT)
    _, rows = analyse(path)
    entry["frames"] = ci["frames"]

    by_stream = defaultdict(list)
    for r in rows:
        by_stream[r["stream"]].append(r)

    # ---- connections and subflows
    conns = []          # dicts with internal fields
    stream_conn = {}    # tcp stream -> (conn index, subflow dict)
    pending_joins = []
    for stream, rs in sorted(by_stream.items(), key=lambda kv: kv[1][0]["frame"]):
        syn = next((r for r in rs if r["syn"] and not r["ack"]), None)
        if syn is None:
            continue
        subtypes = [int(o["tcp.options.mptcp.subtype"]) for o, _ in syn["opts"]]
        if 0 in subtypes:
            conns.append({"client": (syn["src"], syn["sport"]), "server": (syn["dst"], syn["dport"]),
                          "streams": [stream], "rows": rs, "syn": syn})
            stream_conn[stream] = len(conns) - 1
        elif 1 in subtypes:
            pending_joins.append((stream, rs, syn))

    result_conns = []
    for ci_, c in enumerate(conns):
        rs = c["rows"]
        csrc = c["client"]
        conn = OrderedDict()
        conn["client"] = fmt_endpoint(*csrc)
        conn["server"] = fmt_endpoint(*c["server"])
        client_key = server_key = None
        cap_frames = []
        checksum_flag = None
        ws = {}
        for r in rs:
            for o, _ in r["opts"]:
                if int(o["tcp.options.mptcp.subtype"]) != 0:
                    continue
                cap_frames.append(r["frame"])
                from_client = (r["src"], r["sport"]) == csrc
                if r["syn"] and not r["ack"]:
                    checksum_flag = flag(o, "tcp.options.mptcp.checksumreq.flags")
                sk = o.get("tcp.options.mptcp.sendkey")
                rk = o.get("tcp.options.mptcp.recvkey")
                if sk is not None:
                    side = "client" if from_client else "server"
                    if from_client:
                        client_key = client_key or int(sk)
                    else:
                        server_key = server_key or int(sk)
                    # tshark's own token / IDSN for this sender key
                    if "mptcp.expected_token" in o:
                        ws.setdefault(side + "Token", hexn(o["mptcp.expected_token"], 8))
                    if "mptcp.expected_idsn" in o:
                        ws.setdefault(side + "Idsn", hexn(o["mptcp.expected_idsn"], 16))
                if rk is not None and from_client:
                    server_key = server_key or int(rk)
        conn["clientKey"] = hexn(client_key, 16) if client_key is not None else None
        conn["serverKey"] = hexn(server_key, 16) if server_key is not None else None
        c["ckey"], c["skey"] = client_key, server_key
        # tokens / IDSNs as tshark computes them (mptcp.expected_token / expected_idsn)
        for k in ("clientToken", "serverToken", "clientIdsn", "serverIdsn"):
            conn[k] = ws.get(k)
        c["stoken"] = int(ws["serverToken"], 16) if "serverToken" in ws else \
            (key_token_idsn(server_key)[0] if server_key is not None else None)
        c["ctoken"] = int(ws["clientToken"], 16) if "clientToken" in ws else \
            (key_token_idsn(client_key)[0] if client_key is not None else None)
        conn["checksumRequired"] = checksum_flag
        conn["mpCapableFrames"] = sorted(set(cap_frames))
        c["conn"] = conn
        c["subflows"] = [subflow_info(c["streams"][0], rs, c, join=False)]
        result_conns.append(c)

    for stream, rs, syn in pending_joins:
        tok = None
        for o, _ in syn["opts"]:
            if int(o["tcp.options.mptcp.subtype"]) == 1:
                tok = int(o["tcp.options.mptcp.recvtok"])
        target = None
        for c in result_conns:
            if c["stoken"] == tok:
                target = (c, "client")
            elif c["ctoken"] == tok:
                target = (c, "server")
        if target is None:
            continue
        c, initiator = target
        c["streams"].append(stream)
        c["subflows"].append(subflow_info(stream, rs, c, join=True, initiator=initiator, token=tok))

    entry["connections"] = []
    for c in result_conns:
        conn = c["conn"]
        conn["subflows"] = c["subflows"]
        conn["tcpStreams"] = c["streams"]
        conn["wiresharkMptcpStreams"] = sorted({int(r["mptcpStream"]) for s in c["streams"]
                                                for r in by_stream[s] if r["mptcpStream"] is not None})
        up = sum(sf["bytesClientToServer"] for sf in conn["subflows"])
        down = sum(sf["bytesServerToClient"] for sf in conn["subflows"])
        conn["bytesClientToServer"] = up
        conn["bytesServerToClient"] = down
        entry["connections"].append(conn)

    # ---- per-option frame lists and details
    lists = {k: [] for k in ("addAddrFrames", "removeAddrFrames", "mpPrioFrames",
                             "fastcloseFrames", "tcprstFrames", "mpFailFrames", "dataFinFrames")}
    add_addr, remove_addr, mp_prio, fastclose, tcprst = [], [], [], [], []
    counts = defaultdict(int)
    dss_total = dss_with_csum = dss_csum_ok = dss_csum_checked = 0
    conn_of_stream = {}
    for c in result_conns:
        for s in c["streams"]:
            conn_of_stream[s] = c
    payload_by_dir = defaultdict(dict)   # (stream, src, sport) -> {seq: payload}
    dss_mappings = []
    for r in rows:
        if r["len"]:
            payload_by_dir[(r["stream"], r["src"], r["sport"])][r["seq"]] = r["payload"]
    for r in rows:
        c = conn_of_stream.get(r["stream"])
        for o, raw in r["opts"]:
            st = int(o["tcp.options.mptcp.subtype"])
            counts[SUBTYPE_NAMES.get(st, str(st))] += 1
            side = side_of(r, c)
            if st == 2:
                n_exp, has_map = dss_expected_len(o)
                olen = int(o["tcp.option_len"])
                if flag(o, "tcp.options.mptcp.datafin.flag"):
                    if r["frame"] not in lists["dataFinFrames"]:
                        lists["dataFinFrames"].append(r["frame"])
                if has_map:
                    dss_total += 1
                    if olen == n_exp + 2 and raw:
                        dss_with_csum += 1
                        csum = int(raw[-4:], 16)
                        dss_mappings.append((r, o, csum))
            elif st == 3:
                lists["addAddrFrames"].append(r["frame"])
                d = OrderedDict(frame=r["frame"], sender=side,
                                echo=flag(o, "tcp.options.mptcp.echo"),
                                addrId=int(o["tcp.options.mptcp.addrid"]),
                                address=o.get("tcp.options.mptcp.ipv4") or
                                ipaddress.ip_address(o["tcp.options.mptcp.ipv6"]).compressed,
                                port=int(o["tcp.options.mptcp.port"]) if "tcp.options.mptcp.port" in o else None,
                                optionLength=int(o["tcp.option_len"]),
                                truncatedHmac=hexn(o["tcp.options.mptcp.addaddrtrunchmac"], 16)
                                if "tcp.options.mptcp.addaddrtrunchmac" in o else None,
                                optionHex=raw)
                if d["truncatedHmac"] and c is not None:
                    d["hmacVerified"] = verify_add_addr(c, side, d)
                add_addr.append(d)
            elif st == 4:
                lists["removeAddrFrames"].append(r["frame"])
                ids = as_list(o.get("tcp.options.mptcp.addrid"))
                remove_addr.append(OrderedDict(frame=r["frame"], sender=side,
                                               addrIds=[int(x) for x in ids], optionHex=raw))
            elif st == 5:
                lists["mpPrioFrames"].append(r["frame"])
                d = OrderedDict(frame=r["frame"], sender=side,
                                subflow=fmt_endpoint(r["src"], r["sport"]) + " -> " +
                                fmt_endpoint(r["dst"], r["dport"]),
                                backup=flag(o, "tcp.options.mptcp.backup.flag"),
                                optionLength=int(o["tcp.option_len"]),
                                addrId=int(o["tcp.options.mptcp.addrid"])
                                if "tcp.options.mptcp.addrid" in o else None,
                                optionHex=raw)
                mp_prio.append(d)
            elif st == 6:
                lists["mpFailFrames"].append(r["frame"])
            elif st == 7:
                lists["fastcloseFrames"].append(r["frame"])
                rk = o.get("tcp.options.mptcp.recvkey")
                fastclose.append(OrderedDict(frame=r["frame"], sender=side, rst=r["rst"],
                                             receiverKey=hexn(rk, 16) if rk is not None else None,
                                             optionHex=raw))
            elif st == 8:
                lists["tcprstFrames"].append(r["frame"])
                ft = o.get("tcp.options.mptcp.flags_tree") or {}
                tcprst.append(OrderedDict(
                    frame=r["frame"], sender=side,
                    reason=int(o["tcp.options.mptcp.rst_reason"], 0),
                    transient=int(ft.get("tcp.options.mptcp.flag_T.flag", "0")) != 0,
                    optionHex=raw))

    for r, o, csum in dss_mappings:
        ok = verify_dss_checksum(r, o, csum, payload_by_dir)
        if ok is not None:
            dss_csum_checked += 1
            dss_csum_ok += int(ok)

    entry.update(lists)
    entry["addAddr"] = add_addr
    entry["removeAddr"] = remove_addr
    entry["mpPrio"] = mp_prio
    entry["fastclose"] = fastclose
    entry["tcprst"] = tcprst
    entry["dssChecksum"] = dss_total > 0 and dss_with_csum == dss_total
    entry["dssChecksumDetail"] = OrderedDict(
        mappings=dss_total, mappingsWithChecksum=dss_with_csum,
        checksumsVerified=dss_csum_ok, checksumsChecked=dss_csum_checked,
        tsharkDecodesChecksumField=False)
    entry["mptcpOptionCounts"] = OrderedDict(sorted(counts.items()))
    # tcp.checksum.status: 0 bad, 1 good, 2 unverified
    good = sum(1 for r in rows if r["csum"] == "1")
    bad = sum(1 for r in rows if r["csum"] == "0")
    entry["tcpChecksums"] = OrderedDict(good=good, bad=bad, unverified=len(rows) - good - bad)
    entry["wireshark"] = wireshark_section(path, result_conns)
    return entry


def side_of(r, c):
    if c is None:
        return None
    for sf in c["subflows"]:
        if (r["src"], r["sport"]) == sf["_client"]:
            return "client"
        if (r["src"], r["sport"]) == sf["_server"]:
            return "server"
    return None


def subflow_info(stream, rs, c, join, initiator="client", token=None):
    syn = next(r for r in rs if r["syn"] and not r["ack"])
    synack = next((r for r in rs if r["syn"] and r["ack"]), None)
    init_ep = (syn["src"], syn["sport"])
    resp_ep = (syn["dst"], syn["dport"])
    cl, sv = (init_ep, resp_ep) if initiator == "client" else (resp_ep, init_ep)
    sf = OrderedDict()
    sf["client"] = fmt_endpoint(*cl)
    sf["server"] = fmt_endpoint(*sv)
    sf["join"] = join
    sf["_client"], sf["_server"] = cl, sv
    if join:
        sf["initiator"] = initiator
    sf["tcpStream"] = stream
    sf["synFrame"] = syn["frame"]
    sf["synAckFrame"] = synack["frame"] if synack else None
    third = None
    if synack:
        third = next((r for r in rs if r["frame"] > synack["frame"] and
                      (r["src"], r["sport"]) == init_ep and not r["syn"]), None)
    sf["thirdAckFrame"] = third["frame"] if third else None
    if join:
        fourth = None
        if third:
            fourth = next((r for r in rs if r["frame"] > third["frame"] and
                           (r["src"], r["sport"]) == resp_ep), None)
        sf["fourthAckFrame"] = fourth["frame"] if fourth else None

        def join_opt(r):
            if r is None:
                return None
            for o, _ in r["opts"]:
                if int(o["tcp.options.mptcp.subtype"]) == 1:
                    return o
            return None
        o_syn, o_synack, o_ack = join_opt(syn), join_opt(synack), join_opt(third)
        sf["token"] = hexn(token, 8) if token is not None else None
        sf["backup"] = OrderedDict(syn=flag(o_syn, "tcp.options.mptcp.backup.flag") if o_syn else None,
                                   synAck=flag(o_synack, "tcp.options.mptcp.backup.flag") if o_synack else None)
        sf["addrIds"] = OrderedDict(
            initiator=int(o_syn["tcp.options.mptcp.addrid"]) if o_syn else None,
            responder=int(o_synack["tcp.options.mptcp.addrid"]) if o_synack else None)
        sf["nonces"] = OrderedDict(
            initiator=hexn(o_syn["tcp.options.mptcp.sendrand"], 8) if o_syn else None,
            responder=hexn(o_synack["tcp.options.mptcp.sendrand"], 8) if o_synack else None)
        sf["synAckTruncatedHmac"] = hexn(o_synack["tcp.options.mptcp.sendtrunchmac"], 16) \
            if o_synack and "tcp.options.mptcp.sendtrunchmac" in o_synack else None
        sf["ackHmac"] = o_ack["tcp.options.mptcp.sendhmac"].replace(":", "") \
            if o_ack and "tcp.options.mptcp.sendhmac" in o_ack else None
        sf["hmacVerified"] = verify_join(c, initiator, sf)
    data = [r for r in rs if r["len"]]
    sf["firstDataFrame"] = data[0]["frame"] if data else None
    sf["bytesClientToServer"] = sum(r["len"] for r in rs if (r["src"], r["sport"]) == cl)
    sf["bytesServerToClient"] = sum(r["len"] for r in rs if (r["src"], r["sport"]) == sv)
    fins = [r["frame"] for r in rs if r["fin"]]
    rsts = [r["frame"] for r in rs if r["rst"]]
    sf["finFrames"] = fins
    sf["rstFrames"] = rsts
    return sf


def verify_join(c, initiator, sf):
    """RFC 8684 3.2: HMAC-SHA256 over the two keys and nonces."""
    if c["ckey"] is None or c["skey"] is None or None in sf["nonces"].values():
        return None
    ka = (c["ckey"] if initiator == "client" else c["skey"]).to_bytes(8, "big")
    kb = (c["skey"] if initiator == "client" else c["ckey"]).to_bytes(8, "big")
    ra = bytes.fromhex(sf["nonces"]["initiator"])
    rb = bytes.fromhex(sf["nonces"]["responder"])
    ok = True
    if sf["synAckTruncatedHmac"]:
        ok &= hmac256(kb + ka, rb + ra)[:8].hex() == sf["synAckTruncatedHmac"]
    if sf["ackHmac"]:
        ok &= hmac256(ka + kb, ra + rb)[:20].hex() == sf["ackHmac"]
    return ok


def verify_add_addr(c, side, d):
    """RFC 8684 3.4.1: HMAC(Key=sender key + receiver key, Msg=id + addr + port), rightmost 64 bits."""
    if c["ckey"] is None or c["skey"] is None or side is None:
        return None
    ka, kb = (c["ckey"], c["skey"]) if side == "client" else (c["skey"], c["ckey"])
    msg = bytes([d["addrId"]]) + ipaddress.ip_address(d["address"]).packed + \
        (d["port"] or 0).to_bytes(2, "big")
    mac = hmac256(ka.to_bytes(8, "big") + kb.to_bytes(8, "big"), msg)
    return mac[-8:].hex() == d["truncatedHmac"]


def verify_dss_checksum(r, o, csum, payload_by_dir):
    """RFC 8684 3.3.1 checksum over a pseudo-header and the mapped payload."""
    if not flag(o, "tcp.options.mptcp.dseqn8.flag"):
        return None
    dsn = int(o["tcp.options.mptcp.rawdataseqno"])
    ssn = int(o["tcp.options.mptcp.subflowseqno"])
    dll = int(o["tcp.options.mptcp.datalvllen"])
    data_len = dll - (1 if flag(o, "tcp.options.mptcp.datafin.flag") else 0)
    segs = payload_by_dir[(r["stream"], r["src"], r["sport"])]
    buf = bytearray()
    pos = ssn
    while len(buf) < data_len:
        seg = None
        for seq, p in segs.items():
            if seq <= pos < seq + len(p):
                seg = p[pos - seq:]
                break
        if seg is None:
            return None
        buf += seg[: data_len - len(buf)]
        pos = ssn + len(buf)
    hdr = dsn.to_bytes(8, "big") + ssn.to_bytes(4, "big") + dll.to_bytes(2, "big") + b"\0\0"
    # the pseudo-header has an even length, so it can be summed before the payload
    total = ones_sum(bytes(buf), ones_sum(hdr))
    return (~total & 0xffff) == csum or (total == 0xffff and csum in (0, 0xffff))


def wireshark_section(path, conns):
    out = run(["tshark", "-r", path, "-n", "-o", "mptcp.analyze_mptcp:TRUE", "-Y",
               "mptcp.expected_token || mptcp.expected_idsn", "-T", "fields",
               "-E", "occurrence=a", "-E", "aggregator=,",
               "-e", "frame.number", "-e", "mptcp.expected_token", "-e", "mptcp.expected_idsn",
               "-e", "tcp.options.mptcp.sendkey"])
    toks, idsns = [], []
    ok = True
    for line in out.splitlines():
        parts = line.split("\t")
        frame = int(parts[0])
        keys = [int(k) for k in parts[3].split(",") if k] if len(parts) > 3 else []
        for t in [x for x in parts[1].split(",") if x]:
            toks.append(OrderedDict(frame=frame, token=hexn(t, 8)))
            ok &= any(key_token_idsn(k)[0] == int(t) for k in keys)
        for i in [x for x in parts[2].split(",") if x]:
            idsns.append(OrderedDict(frame=frame, idsn=hexn(i, 16)))
            ok &= any(key_token_idsn(k)[1] == int(i) for k in keys)
    return OrderedDict(
        expectedTokens=toks, expectedIdsns=idsns,
        matchSha256OfSenderKey=ok,
        notComputed=("tshark 4.0 gives mptcp.expected_token/expected_idsn only on MP_CAPABLE "
                     "frames that carry a sender key; it does not decode the DSS checksum, "
                     "does not verify MP_JOIN/ADD_ADDR HMACs nor DSS checksums (the "
                     "...Verified fields are this script's own hashlib/hmac checks)."))


def compact_json(obj):
    """json.dumps(indent=2), but lists of plain numbers stay on one line."""
    text = json.dumps(obj, indent=2)

    def join(m):
        items = [x.strip() for x in m.group(1).split(",")]
        return "[" + ", ".join(items) + "]"
    return re.sub(r"\[\s*((?:-?\d+\s*,\s*)*-?\d+)\s*\]", join, text)


def strip_private(obj):
    if isinstance(obj, dict):
        return OrderedDict((k, strip_private(v)) for k, v in obj.items() if not k.startswith("_"))
    if isinstance(obj, list):
        return [strip_private(v) for v in obj]
    return obj


def check(scenario, entry):
    """Expectations for a freshly captured scenario; returns a list of problems."""
    probs = []

    def need(cond, msg):
        if not cond:
            probs.append(msg)
    conns = entry["connections"]
    need(len(conns) == 1, f"expected 1 MPTCP connection, found {len(conns)}")
    if not conns:
        return probs
    c = conns[0]
    joins = [sf for sf in c["subflows"] if sf["join"]]
    need(c["clientKey"] and c["serverKey"], "keys missing")
    need(entry["tcpChecksums"]["bad"] == 0 and entry["tcpChecksums"]["good"] == entry["frames"],
         f"TCP checksums not all good: {entry['tcpChecksums']}")
    need(entry["wireshark"]["matchSha256OfSenderKey"], "tshark token/IDSN do not match the keys")
    for sf in joins:
        need(sf["fourthAckFrame"] is not None, f"join {sf['client']} has no 4th ACK")
        need(sf["hmacVerified"], f"join {sf['client']} HMAC not verified")
    if scenario != "v1-fastclose":
        need(all(sf["finFrames"] for sf in c["subflows"]), "a subflow was not closed with FIN")
        need(entry["dataFinFrames"], "no DATA_FIN")
        need(not entry["tcprstFrames"] and not entry["fastcloseFrames"], "unexpected RST options")
    if scenario in ("v1-two-subflows-add-addr", "v1-ipv6", "v1-add-addr-port", "v1-remove-addr",
                    "v1-dss-checksum", "v1-fastclose"):
        adds = entry["addAddr"]
        need(any(not a["echo"] for a in adds) and any(a["echo"] for a in adds),
             "ADD_ADDR and its echo not both seen")
        need(all(a.get("hmacVerified", True) for a in adds), "ADD_ADDR HMAC not verified")
    if scenario in ("v1-two-subflows-add-addr", "v1-ipv6"):
        need(len(joins) == 2, f"expected 2 joins, found {len(joins)}")
    elif scenario != "bulk":
        need(len(joins) == 1, f"expected 1 join, found {len(joins)}")
    if scenario not in ("v1-remove-addr",):
        for sf in joins:
            need(sf["bytesClientToServer"] > 0, f"no client data on join {sf['client']}")
        if scenario not in ("v1-fastclose",):
            need(sum(sf["bytesServerToClient"] for sf in joins) > 0, "no server data on the joins")
    if scenario == "v1-add-addr-port":
        need(joins and joins[0]["server"].endswith(":8090"), "join did not go to port 8090")
        need(any(a["port"] == 8090 for a in entry["addAddr"]), "ADD_ADDR without port 8090")
    if scenario == "v1-remove-addr":
        need(entry["removeAddrFrames"], "no REMOVE_ADDR")
        need(joins and joins[0]["bytesClientToServer"] > 0, "no data on the join before removal")
        if entry["removeAddrFrames"]:
            need(c["subflows"][0]["firstDataFrame"] is not None, "no data")
    if scenario == "v1-dss-checksum":
        d = entry["dssChecksumDetail"]
        need(entry["dssChecksum"] and d["checksumsVerified"] == d["mappings"] > 0,
             f"DSS checksums missing or wrong: {d}")
        need(c["checksumRequired"], "MP_CAPABLE checksum flag not set")
    else:
        need(not entry["dssChecksum"], "unexpected DSS checksums")
    if scenario == "v1-backup-mp-prio":
        need(joins and joins[0]["backup"]["syn"], "join SYN without backup flag")
        need(any(p["backup"] is False for p in entry["mpPrio"]), "no MP_PRIO clearing backup")
    if scenario == "v1-fastclose":
        need(len(entry["fastcloseFrames"]) == len(c["subflows"]), "MP_FASTCLOSE not on every subflow")
        need(entry["tcprstFrames"], "no MP_TCPRST")
    return probs


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--dir", required=True)
    p.add_argument("--out")
    p.add_argument("--check", metavar="SCENARIO",
                   help="check one capture (the single FILE) against what SCENARIO should "
                        "contain; exit 1 with the problems listed")
    p.add_argument("files", nargs="*")
    a = p.parse_args()
    if a.check:
        if len(a.files) != 1:
            p.error("--check needs exactly one FILE")
        entry = build_entry(os.path.join(a.dir, a.files[0]), a.files[0])
        probs = check(a.check, entry)
        for pr in probs:
            print(f"{a.files[0]}: {pr}", file=sys.stderr)
        if not probs:
            c = entry["connections"][0]
            print(f"{a.files[0]}: ok, {entry['frames']} frames, {len(c['subflows'])} subflows, "
                  f"bytes per subflow (c->s/s->c): "
                  + ", ".join(f"{sf['bytesClientToServer']}/{sf['bytesServerToClient']}"
                              for sf in c["subflows"]), file=sys.stderr)
        return 1 if probs else 0
    names = a.files or sorted(f for f in os.listdir(a.dir)
                              if re.search(r"\.(pcap|pcapng)$", f) and not f.startswith("bulk"))
    # Top-level keys are file names only; the conventions are in fixtures/captures/README.md.
    manifest = OrderedDict()
    for n in names:
        manifest[n] = strip_private(build_entry(os.path.join(a.dir, n), n))
    text = compact_json(manifest) + "\n"
    if a.out:
        with open(a.out, "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
