import { describe, expect, it } from 'vitest';
import { ipv4 } from '../wire/ip-address.ts';
import { COOKIE_MSS, SynCookies, decodeCookieTimestamp, encodeCookieTimestamp, type CookieTuple } from './syn-cookie.ts';

const jar = new SynCookies(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]));
const t: CookieTuple = { local: ipv4(198, 18, 1, 2), localPort: 8080, remote: ipv4(198, 18, 1, 1), remotePort: 40000, clientIsn: 0xfffffff0 };

describe('SYN cookies', () => {
  it('a cookie verifies for the SYN it answered, and says the MSS', () => {
    const { isn, mss } = jar.issue(t, 1460, 5_000_000);
    expect(mss).toBe(1460);
    expect(jar.check(t, isn, 5_000_000)).toEqual({ mss: 1460 });
    // A minute later it still works (Linux: this minute or the one before); two minutes later it does not.
    expect(jar.check(t, isn, 65_000_000)).toEqual({ mss: 1460 });
    expect(jar.check(t, isn, 125_000_000)).toBeNull();
  });

  it('an MSS between table entries gets the largest entry not above it', () => {
    expect(jar.issue(t, 1400, 0).mss).toBe(1300);
    expect(jar.issue(t, 100, 0).mss).toBe(COOKIE_MSS[0]);
  });

  it('fails for another four-tuple, another client ISN, another secret, or a guessed ISN', () => {
    const { isn } = jar.issue(t, 1460, 0);
    expect(jar.check({ ...t, remotePort: 40001 }, isn, 0)).toBeNull();
    expect(jar.check({ ...t, clientIsn: 1 }, isn, 0)).toBeNull();
    expect(new SynCookies(Uint8Array.of(9)).check(t, isn, 0)).toBeNull();
    let accepted = 0;
    for (let g = 0; g < 2000; g++) if (jar.check(t, (isn + 1 + g * 7919) >>> 0, 0)) accepted++;
    // Only the 2 bits of MSS index in 24 are free: about 4 in 2^24 random ISNs pass, none of these 2000.
    expect(accepted).toBe(0);
  });

  it("a timestamp carries the client's window scale and SACK permission, never ahead of the clock", () => {
    for (const o of [{ windowScale: 7, sack: true }, { windowScale: null, sack: false }, { windowScale: 0, sack: true }]) {
      const ts = encodeCookieTimestamp(123_456, o);
      expect(ts).toBeLessThanOrEqual(123_456);
      expect(decodeCookieTimestamp(ts)).toEqual(o);
    }
  });
});
