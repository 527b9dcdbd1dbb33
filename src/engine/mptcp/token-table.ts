/**
 * A host's MPTCP connections by local token (RFC 8684 §3.2: a SYN+MP_JOIN
 * names the receiver's token), and key generation that keeps tokens unique
 * the way Linux does: draw a key, and draw again (up to 4 times) when its
 * token is 0 or already taken (net/mptcp/token.c).
 */
import type { Rng } from '../core/rng.ts';
import { DH_PRIME, deriveFromKey, dhShare, type MptcpVersion } from '../crypto/mptcp-crypto.ts';

export const TOKEN_MAX_RETRIES = 4;

export class TokenTable<C> {
  private readonly byToken = new Map<number, C>();

  get(token: number): C | undefined {
    return this.byToken.get(token);
  }

  has(token: number): boolean {
    return this.byToken.has(token);
  }

  add(token: number, conn: C): void {
    this.byToken.set(token, conn);
  }

  remove(token: number, conn: C): void {
    if (this.byToken.get(token) === conn) this.byToken.delete(token);
  }

  all(): Iterable<C> {
    return this.byToken.values();
  }

  get size(): number {
    return this.byToken.size;
  }

  /**
   * A fresh key whose token is free, or null after TOKEN_MAX_RETRIES draws
   * (Linux then falls back to TCP). `share` is what goes on the wire and what
   * the token and IDSN come from: the key itself, or with dh-keys a
   * Diffie-Hellman share for the secret exponent `dhPrivate`.
   */
  newKey(rng: Rng, version: MptcpVersion, dh = false): { share: bigint; key: bigint; token: number; idsn: bigint; dhPrivate: bigint | null } | null {
    for (let i = 0; i < TOKEN_MAX_RETRIES; i++) {
      const draw = rng.u64();
      const dhPrivate = dh ? 1n + (draw % (DH_PRIME - 2n)) : null;
      const share = dhPrivate !== null ? dhShare(dhPrivate) : draw;
      if (share === 0n) continue;
      const d = deriveFromKey(version, share);
      if (d.token !== 0 && !this.byToken.has(d.token)) return { share, key: share, token: d.token, idsn: d.idsn, dhPrivate };
    }
    return null;
  }
}
