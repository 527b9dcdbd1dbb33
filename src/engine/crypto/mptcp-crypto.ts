/**
 * MPTCP's key-derived values, exactly as the Linux kernel puts them on the
 * wire (net/mptcp/crypto.c, subflow.c, options.c) and as RFC 8684 / RFC 6824
 * define them. Keys and nonces are hashed in network byte order.
 *
 *   token  = first 32 bits of H(key)                       (§3.1 / §3.2)
 *   IDSN   = last 64 bits of H(key): SHA-256 bytes 24..31, SHA-1 bytes 12..19
 *   MP_JOIN HMAC of a sender = HMAC(senderKey ‖ peerKey, senderNonce ‖ peerNonce)
 *     SYN/ACK carries its leftmost 64 bits, the third ACK its leftmost 160 bits
 *   ADD_ADDR HMAC (v1) = rightmost 64 bits of HMAC-SHA256(senderKey ‖ peerKey, id ‖ address ‖ port-or-0)
 *
 * v0 uses SHA-1 everywhere, v1 SHA-256.
 */
import { be32, be64, readBe32, readBe64 } from '../core/hex.ts';
import type { IpAddress } from '../wire/ip-address.ts';
import { digest, hmacDigest, type HashAlgorithm } from './hash.ts';
import { aesCmac } from './aes-cmac.ts';

export type MptcpVersion = 0 | 1;

/**
 * The MAC behind join and ADD_ADDR HMACs. v0 uses HMAC-SHA1 and v1
 * HMAC-SHA256; AES-CMAC is a what-if (security-model.md §5): its 32 bytes
 * are CMAC(key, message ‖ 0) ‖ CMAC(key, message ‖ 1), so the third ACK's
 * 160 bits and the 64-bit truncations have enough to take from.
 */
export type MacAlgorithm = 'hmac-sha1' | 'hmac-sha256' | 'aes-cmac';

/** A MAC algorithm, or a version standing for its own (v0 HMAC-SHA1, v1 HMAC-SHA256). */
export type MacChoice = MptcpVersion | MacAlgorithm;

export const macFor = (choice: MacChoice): MacAlgorithm => (choice === 0 ? 'hmac-sha1' : choice === 1 ? 'hmac-sha256' : choice);

/** The MAC of `message` under the 16-byte key (both connection keys). */
export function macBytes(choice: MacChoice, key: Uint8Array, message: Uint8Array): Uint8Array {
  const alg = macFor(choice);
  if (alg !== 'aes-cmac') return hmacDigest(alg === 'hmac-sha1' ? 'sha1' : 'sha256', key, message);
  const out = new Uint8Array(32);
  const m = new Uint8Array(message.length + 1);
  m.set(message);
  out.set(aesCmac(key, m), 0);
  m[message.length] = 1;
  out.set(aesCmac(key, m), 16);
  return out;
}

export const hashFor = (version: MptcpVersion): HashAlgorithm => (version === 0 ? 'sha1' : 'sha256');

/** H(key) with the key as 8 big-endian bytes. */
export function keyDigest(version: MptcpVersion, key: bigint): Uint8Array {
  return digest(hashFor(version), be64(key));
}

/** Token: the most significant 32 bits of H(key) (RFC 8684 §3.2). */
export function tokenFromKey(version: MptcpVersion, key: bigint): number {
  return readBe32(keyDigest(version, key), 0);
}

/** IDSN: the least significant 64 bits of H(key) (RFC 8684 §3.1). */
export function idsnFromKey(version: MptcpVersion, key: bigint): bigint {
  const d = keyDigest(version, key);
  return readBe64(d, d.length - 8);
}

/** Token and IDSN from one hash. */
export function deriveFromKey(version: MptcpVersion, key: bigint): { token: number; idsn: bigint } {
  const d = keyDigest(version, key);
  return { token: readBe32(d, 0), idsn: readBe64(d, d.length - 8) };
}

/**
 * The subflow's addresses, as a what-if mitigation (RFC 7430 §2.1 option 3,
 * `address-bound-join-hmac`): appended to the HMAC message, initiator's
 * address first, each side using the addresses it sees. Standard MPTCP
 * leaves them out so joins work through NATs.
 */
export interface JoinAddresses {
  initiator: IpAddress;
  responder: IpAddress;
}

function joinHmac(version: MacChoice, senderKey: bigint, peerKey: bigint, senderNonce: number, peerNonce: number, bound?: JoinAddresses): Uint8Array {
  const key = new Uint8Array(16);
  key.set(be64(senderKey), 0);
  key.set(be64(peerKey), 8);
  const extra = bound ? bound.initiator.bytes.length + bound.responder.bytes.length : 0;
  const msg = new Uint8Array(8 + extra);
  msg.set(be32(senderNonce), 0);
  msg.set(be32(peerNonce), 4);
  if (bound) {
    msg.set(bound.initiator.bytes, 8);
    msg.set(bound.responder.bytes, 8 + bound.initiator.bytes.length);
  }
  return macBytes(version, key, msg);
}

/**
 * The truncated HMAC a join responder puts in its SYN/ACK: its key and nonce
 * first, leftmost 64 bits (RFC 8684 §3.2; Linux `subflow_req_create_thmac`).
 */
export function joinSynAckHmac(version: MacChoice, responderKey: bigint, initiatorKey: bigint, responderNonce: number, initiatorNonce: number, bound?: JoinAddresses): bigint {
  return readBe64(joinHmac(version, responderKey, initiatorKey, responderNonce, initiatorNonce, bound), 0);
}

/** The 160-bit HMAC a join initiator puts in its third ACK: its key and nonce first. */
export function joinAckHmac(version: MacChoice, initiatorKey: bigint, responderKey: bigint, initiatorNonce: number, responderNonce: number, bound?: JoinAddresses): Uint8Array {
  return joinHmac(version, initiatorKey, responderKey, initiatorNonce, responderNonce, bound).slice(0, 20);
}

/**
 * The dh-keys what-if (security-model.md §5): the key fields of MP_CAPABLE
 * carry Diffie-Hellman shares (g^x mod p), each end keeps its exponent, and
 * the connection keys come from the shared secret, so an eavesdropper who
 * reads both shares learns neither key, while each end of a connection —
 * an attacker's own connection included — knows its own. The group is the
 * 64-bit prime field that fits MP_CAPABLE's key fields: a model of an
 * authenticated exchange, far too small to be one. Tokens and IDSNs still
 * come from the shares, which are public like they are.
 */
export const DH_PRIME = 0xffffffffffffffc5n; // 2^64 − 59, the largest 64-bit prime
const DH_GENERATOR = 5n;

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let r = 1n;
  let b = base % mod;
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) r = (r * b) % mod;
    b = (b * b) % mod;
  }
  return r;
}

/** The share for the secret exponent `x` (from 1 to p − 2). */
export function dhShare(x: bigint): bigint {
  return modPow(DH_GENERATOR, x, DH_PRIME);
}

/** The connection keys both ends derive: each side's key from the shared secret and that side's share. */
export function dhKeys(x: bigint, localShare: bigint, remoteShare: bigint): { local: bigint; remote: bigint } {
  const secret = be64(modPow(remoteShare, x, DH_PRIME));
  return { local: readBe64(hmacDigest('sha256', secret, be64(localShare)), 0), remote: readBe64(hmacDigest('sha256', secret, be64(remoteShare)), 0) };
}

/**
 * The v1 ADD_ADDR truncated HMAC: HMAC-SHA256 keyed with the sender's key
 * then the receiver's, over the address ID, the address and the port (two
 * zero bytes when the option has none), rightmost 64 bits (RFC 8684 §3.4.1;
 * Linux `add_addr_generate_hmac`).
 */
export function addAddrHmac(senderKey: bigint, receiverKey: bigint, addressId: number, address: IpAddress, port?: number, mac: MacAlgorithm = 'hmac-sha256'): bigint {
  const key = new Uint8Array(16);
  key.set(be64(senderKey), 0);
  key.set(be64(receiverKey), 8);
  const msg = new Uint8Array(1 + address.bytes.length + 2);
  msg[0] = addressId;
  msg.set(address.bytes, 1);
  const p = port ?? 0;
  msg[msg.length - 2] = p >> 8;
  msg[msg.length - 1] = p & 0xff;
  const tag = macBytes(mac, key, msg);
  return readBe64(tag, tag.length - 8);
}
