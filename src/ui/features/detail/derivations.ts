/**
 * For the MPTCP values a packet carries: how each is derived and who can
 * compute it (mptcp-protocol.md §2, RFC 8684 §3.1–3.4, RFC 6824). Keyed by the
 * option names a packet row lists.
 */
export interface Derivation {
  option: string;
  how: string;
  who: string;
}

const DERIVATIONS: readonly Derivation[] = [
  {
    option: 'MP_CAPABLE',
    how: 'Each host draws a random 64-bit key and sends it in clear: v0 in the SYN, SYN/ACK and ACK; v1 the SYN/ACK and the ACK (which echoes both). Token = the most significant 32 bits of SHA-256(key) (v0: SHA-1); IDSN = its least significant 64 bits.',
    who: 'Anyone who sees this handshake — the hosts, and an on-path or partial-time on-path eavesdropper present at that moment — learns both keys, so every token, IDSN and HMAC of the connection. RFC 7430 §5 calls this the handshake-eavesdropper weakness.',
  },
  {
    option: 'MP_JOIN',
    how: 'The SYN names the connection by the receiver’s token and carries a random nonce. SYN/ACK: the leftmost 64 bits of HMAC(Key-B ‖ Key-A, R-B ‖ R-A); third ACK: the leftmost 160 bits of HMAC(Key-A ‖ Key-B, R-A ‖ R-B) — the sender’s key and nonce first (HMAC-SHA256 in v1, HMAC-SHA1 in v0).',
    who: 'Only who knows both keys: the two hosts, or an attacker that saw the MP_CAPABLE handshake. A wrong HMAC gets the subflow reset; a new try needs new nonces.',
  },
  {
    option: 'ADD_ADDR',
    how: 'v1: the rightmost 64 bits of HMAC-SHA256(sender’s key ‖ receiver’s key, address ID ‖ address ‖ port) (port 0 when absent). v0: no HMAC at all.',
    who: 'v1: only the key holders can announce an address; a host silently ignores one whose HMAC does not match. v0: anyone who can get a packet accepted on a subflow (right four-tuple and sequence numbers) can, which is RFC 7430 §2’s ADD_ADDR hijack.',
  },
  {
    option: 'DSS',
    how: 'Data sequence numbers count the connection’s bytes from each side’s IDSN (from its key); a mapping ties subflow bytes to them; the DATA_ACK acknowledges the connection-level stream; the DSS checksum (if negotiated) covers the mapping and its data.',
    who: 'The numbers are in clear: anyone on the path can read them, and an active attacker there can write data that fits (data injection); without TLS above MPTCP nothing authenticates the bytes.',
  },
  {
    option: 'MP_FASTCLOSE',
    how: 'Carries the receiver’s key, to prove the sender knows it.',
    who: 'Only who knows that key can close the whole connection at once: the peer, or an attacker that learned the keys.',
  },
  {
    option: 'REMOVE_ADDR',
    how: 'Names address IDs the sender no longer uses; no HMAC in v0 or v1.',
    who: 'Anyone who can get a packet accepted on a subflow can send one (RFC 7430 notes it as a denial-of-service vector).',
  },
];

/** The derivations for the MPTCP options a packet carries, in the table's order. */
export function derivationsFor(options: readonly string[]): Derivation[] {
  return DERIVATIONS.filter((d) => options.includes(d.option));
}
