/**
 * pcapng timestamps: a 64-bit count of units, where an interface's
 * `if_tsresol` option sets the unit (pcapng spec §4.2: high bit clear means
 * 10^-n seconds, set means 2^-n; the default is microseconds).
 *
 * The common resolutions convert with float arithmetic that stays exact
 * (every intermediate below 2^53); exotic ones fall back to BigInt.
 */
export interface TsResolution {
  /** The raw if_tsresol byte. */
  readonly code: number;
  /** Units per second (exact when `fast`). */
  readonly unitsPerSec: number;
  readonly unitsPerSecBig: bigint;
  /** Float path is exact: units ≤ 10^10 decimal or ≤ 2^23 binary. */
  readonly fast: boolean;
  /** Fast path: nsec = floor(rem * nsMul / nsDiv). */
  readonly nsMul: number;
  readonly nsDiv: number;
}

export const DEFAULT_TSRESOL = 6;

export function tsResolution(code: number): TsResolution {
  const binary = (code & 0x80) !== 0;
  const n = code & 0x7f;
  const unitsPerSecBig = binary ? 1n << BigInt(n) : 10n ** BigInt(n);
  const unitsPerSec = Number(unitsPerSecBig);
  if (!binary && n <= 9) return { code, unitsPerSec, unitsPerSecBig, fast: true, nsMul: 10 ** (9 - n), nsDiv: 1 };
  if (!binary && n === 10) return { code, unitsPerSec, unitsPerSecBig, fast: true, nsMul: 1, nsDiv: 10 };
  // rem < 2^23, so rem * 1e9 < 2^53 and the product is exact.
  if (binary && n <= 23) return { code, unitsPerSec, unitsPerSecBig, fast: true, nsMul: 1e9, nsDiv: unitsPerSec };
  return { code, unitsPerSec, unitsPerSecBig, fast: false, nsMul: 0, nsDiv: 1 };
}

/** Scratch output, reused so the per-packet path allocates nothing. */
export interface SecNsec {
  sec: number;
  nsec: number;
}

const TWO16 = 65536;

/** Splits the 64-bit unit count hi:lo into seconds and nanoseconds, into `out`. */
export function splitTimestamp(hi: number, lo: number, res: TsResolution, out: SecNsec): void {
  if (res.fast) {
    // Long division in base 2^16 so every intermediate stays below 2^53:
    // hi / U, then two 16-bit digits of lo (U < 2^36 keeps r * 2^16 + d exact).
    const u = res.unitsPerSec;
    const q0 = Math.floor(hi / u);
    let r = hi - q0 * u;
    let x = r * TWO16 + (lo >>> 16);
    const q1 = Math.floor(x / u);
    r = x - q1 * u;
    x = r * TWO16 + (lo & 0xffff);
    const q2 = Math.floor(x / u);
    r = x - q2 * u;
    out.sec = q0 * 4294967296 + q1 * TWO16 + q2;
    out.nsec = Math.floor((r * res.nsMul) / res.nsDiv);
    return;
  }
  const ts = (BigInt(hi) << 32n) | BigInt(lo);
  const u = res.unitsPerSecBig;
  out.sec = Number(ts / u);
  out.nsec = Number(((ts % u) * 1_000_000_000n) / u);
}

/** Units since the epoch for (sec, nsec) at resolution `res`, as hi:lo words (for writers). */
export function joinTimestamp(sec: number, nsec: number, res: TsResolution): { hi: number; lo: number } {
  const u = res.unitsPerSecBig;
  const ts = BigInt(sec) * u + (BigInt(nsec) * u) / 1_000_000_000n;
  return { hi: Number((ts >> 32n) & 0xffffffffn), lo: Number(ts & 0xffffffffn) };
}
