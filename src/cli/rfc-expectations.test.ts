/**
 * The attack matrix against what the RFCs say, over the whole sweep: one
 * expectation per statement of RFC 7430, RFC 6181 and RFC 8684, with its
 * section, each checked on every row it speaks about. These are the tests
 * that decide whether the matrix is right; docs/attacks.md's quoted tables
 * are checked at the end only as a change detector (a changed outcome must
 * be explained there before this passes).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { newBaselineCache, OFF_PATH_GUESS_BUDGET, planMatrix, runMatrixCell, type FailureId, type MatrixMitigation, type MatrixRow } from '../engine/index.ts';
import { matrixText } from './commands/matrix.ts';

let rows: MatrixRow[] = [];

beforeAll(() => {
  const cache = newBaselineCache();
  rows = planMatrix().map((c) => runMatrixCell(c, cache, () => 0));
}, 600_000);

interface Pick {
  attack: MatrixRow['attack'];
  /** One of MATRIX_VARIANTS; without it, only the rows of the attack's own scenario. */
  variant?: string;
  location?: MatrixRow['location'];
  capability?: MatrixRow['capability'];
  window?: MatrixRow['window'];
  protocol?: MatrixRow['protocol'];
  /** The extra mitigations on top of the version's defaults, exactly (v1's add-addr-hmac is implied). */
  extra?: MatrixMitigation[];
  /** Rows with this mitigation among their extras, whatever else. */
  with?: MatrixMitigation;
  without?: MatrixMitigation;
}

const extras = (r: MatrixRow) => r.mitigations.filter((m) => !(r.protocol === 'v1' && m === 'add-addr-hmac'));

/** The rows a statement speaks about; never empty, so no expectation holds vacuously. */
function where(p: Pick): MatrixRow[] {
  const out = rows.filter(
    (r) =>
      r.attack === p.attack &&
      r.variant === p.variant &&
      (p.location === undefined || r.location === p.location) &&
      (p.capability === undefined || r.capability === p.capability) &&
      (p.window === undefined || r.window === p.window) &&
      (p.protocol === undefined || r.protocol === p.protocol) &&
      (p.extra === undefined || JSON.stringify([...extras(r)].sort()) === JSON.stringify([...p.extra].sort())) &&
      (p.with === undefined || extras(r).includes(p.with)) &&
      (p.without === undefined || !extras(r).includes(p.without)),
  );
  expect(out.length, `rows for ${JSON.stringify(p)}`).toBeGreaterThan(0);
  return out;
}

const label = (r: MatrixRow) => `${r.attack}${r.variant ? `:${r.variant}` : ''} ${r.location}${r.window ? `(${r.window})` : ''} ${r.capability} ${r.protocol} [${extras(r).join(',')}]`;
const has = (f: FailureId) => (r: MatrixRow) => expect(r.failures, label(r)).toContain(f);
const hasNot = (f: FailureId) => (r: MatrixRow) => expect(r.failures, label(r)).not.toContain(f);
const specific = (f: FailureId) => (r: MatrixRow) => expect(r.mptcpSpecific, label(r)).toContain(f);
const inherited = (f: FailureId) => (r: MatrixRow) => {
  expect(r.failures, label(r)).toContain(f);
  expect(r.mptcpSpecific, label(r)).not.toContain(f);
};
const attempted = (r: MatrixRow) => expect(r.attempted, label(r)).toBe(true);
const notAttempted = (r: MatrixRow) => expect(r.attempted, label(r)).toBe(false);

interface Expectation {
  source: string;
  says: string;
  check(): void;
}

const EXPECTATIONS: Expectation[] = [
  // RFC 7430 §2: the ADD_ADDR attack.
  {
    source: 'RFC 7430 §2',
    says: 'an ADD_ADDR without an HMAC (RFC 6824) lets an active attacker that knows the subflow’s numbers hijack the connection and sit in the middle of a subflow; single-path TCP has no ADD_ADDR, so it is MPTCP’s own',
    check: () => {
      for (const r of where({ attack: 'add-addr-hijack', protocol: 'v0', extra: [], location: 'on-path' })) [has('hijack'), has('mitm'), specific('hijack'), specific('mitm')].forEach((f) => f(r));
      for (const w of ['handshake', 'join', 'data'] as const) for (const r of where({ attack: 'add-addr-hijack', protocol: 'v0', extra: [], location: 'partial-time-on-path', window: w })) [has('hijack'), specific('hijack')].forEach((f) => f(r));
    },
  },
  {
    source: 'RFC 7430 §2',
    says: 'off-path, the attacker must guess the client port and the sequence and ACK numbers; with RFC 5961 that takes far more packets than the sweep’s budget (250 guesses), which it really sends, and nothing happens',
    check: () => {
      for (const r of where({ attack: 'add-addr-hijack', location: 'off-path' })) {
        attempted(r);
        hasNot('hijack')(r);
        expect(r.guessesUsed, label(r)).toBe(OFF_PATH_GUESS_BUDGET);
        expect(r.expectedGuesses!, label(r)).toBeGreaterThan(1e9);
      }
    },
  },
  {
    source: 'RFC 7430 §2.1 (option 2), RFC 8684 §3.4.1',
    says: 'with the ADD_ADDR HMAC an attacker without both keys cannot announce its address: v1, and v0 with the add-addr-hmac what-if, resist every attacker that was not there for the keys',
    check: () => {
      for (const w of ['join', 'data'] as const) for (const r of where({ attack: 'add-addr-hijack', protocol: 'v1', location: 'partial-time-on-path', window: w })) hasNot('hijack')(r);
      for (const r of where({ attack: 'add-addr-hijack', protocol: 'v0', location: 'partial-time-on-path', window: 'data', with: 'add-addr-hmac' })) hasNot('hijack')(r);
    },
  },
  {
    source: 'RFC 7430 §2.1, §5',
    says: 'the HMAC is keyed with the keys of the initial handshake: an attacker that read them (there for the handshake, or on path) still hijacks',
    check: () => {
      for (const r of where({ attack: 'add-addr-hijack', protocol: 'v1', location: 'partial-time-on-path', window: 'handshake', extra: [] })) [has('key-compromise'), has('hijack')].forEach((f) => f(r));
      for (const r of where({ attack: 'add-addr-hijack', protocol: 'v1', location: 'on-path', extra: [] })) has('hijack')(r);
    },
  },
  // RFC 7430 §3: denial of service on MP_JOIN.
  {
    source: 'RFC 7430 §3',
    says: 'a partial-time eavesdropper that sees a join’s SYN learns the token; its spoofed SYN+MP_JOINs then fill a limited number of half-open slots and a later legitimate join is refused — an MPTCP-specific denial of service (v1: its second announcement waits for the first one’s echo, so the second join comes later; v0 announces both at once and both joins start together)',
    check: () => {
      for (const r of where({ attack: 'join-dos', protocol: 'v1', location: 'partial-time-on-path', window: 'join', extra: ['half-open-limit'] })) [has('join-dos'), specific('join-dos')].forEach((f) => f(r));
      for (const r of where({ attack: 'join-dos', location: 'on-path', extra: ['half-open-limit'] })) [has('join-dos'), specific('join-dos')].forEach((f) => f(r));
    },
  },
  {
    source: 'RFC 7430 §3',
    says: 'if the attacker is never on path, it has to guess the 32-bit token: its SYN+MP_JOINs are refused after a lookup, and no join is kept out',
    check: () => {
      for (const r of where({ attack: 'join-dos', location: 'off-path' })) {
        attempted(r);
        hasNot('join-dos')(r);
        expect(r.expectedGuesses!, label(r)).toBeGreaterThanOrEqual(2 ** 31);
      }
    },
  },
  {
    source: 'RFC 7430 §3.1',
    says: 'if the third ACK repeats the token and nonce and the responder derives its nonce from the five-tuple, it keeps no state for a SYN+MP_JOIN: no slot to fill, no join refused, no state held',
    check: () => {
      for (const r of where({ attack: 'join-dos', with: 'stateless-join' })) [hasNot('join-dos'), hasNot('resource-exhaustion')].forEach((f) => f(r));
    },
  },
  // RFC 7430 §4: SYN flooding amplification.
  {
    source: 'RFC 7430 §4',
    says: 'one legitimate session gives the attacker a token; its SYN+MP_JOINs from spoofed sources make the server keep state per SYN while it keeps none: more state bytes than the attacker sent',
    check: () => {
      for (const r of where({ attack: 'syn-flood-amplification', extra: [] })) {
        has('resource-exhaustion')(r);
        expect(r.amplification['resource-exhaustion']!, label(r)).toBeGreaterThan(1);
      }
    },
  },
  {
    source: 'RFC 7430 §4, RFC 4987',
    says: 'a SYN flood on single-path TCP without SYN cookies holds state per SYN too (so the failure is inherited when the server runs no cookies); with SYN cookies TCP holds none',
    check: () => {
      for (const r of where({ attack: 'syn-flood-amplification', extra: [] })) inherited('resource-exhaustion')(r);
    },
  },
  {
    source: 'RFC 7430 §4.1',
    says: 'the stateless join prevents the amplification; a low half-open limit bounds it (less state per attacker byte)',
    check: () => {
      for (const r of where({ attack: 'syn-flood-amplification', with: 'stateless-join' })) hasNot('resource-exhaustion')(r);
      for (const limited of where({ attack: 'syn-flood-amplification', extra: ['half-open-limit'] })) {
        const open = rows.find((x) => x.attack === limited.attack && x.location === limited.location && x.window === limited.window && x.capability === limited.capability && x.protocol === limited.protocol && extras(x).length === 0)!;
        expect(limited.amplification['resource-exhaustion']!, label(limited)).toBeLessThan(open.amplification['resource-exhaustion']!);
      }
    },
  },
  {
    source: 'Linux net/mptcp/syncookies.c (after RFC 7430 §4)',
    says: 'under SYN cookies Linux keeps a join in one slot of a fixed table: no state grows with the flood (RFC 7430 §4 assumed cookies could not cover joins at all)',
    check: () => {
      for (const r of where({ attack: 'syn-flood-amplification', with: 'syn-cookies' })) hasNot('resource-exhaustion')(r);
    },
  },
  // RFC 7430 §5: eavesdropper in the initial handshake.
  {
    source: 'RFC 7430 §5',
    says: 'an eavesdropper present for the initial handshake learns both keys',
    check: () => {
      for (const r of where({ attack: 'passive-eavesdrop', location: 'partial-time-on-path', window: 'handshake', without: 'dh-keys' })) [has('key-compromise'), specific('key-compromise')].forEach((f) => f(r));
    },
  },
  {
    source: 'RFC 7430 §5',
    says: 'and can hijack the session later, after it has left the path; one that arrives after the handshake cannot',
    check: () => {
      for (const r of where({ attack: 'handshake-eavesdrop-hijack', location: 'partial-time-on-path', window: 'handshake', extra: [] })) [has('hijack'), specific('hijack')].forEach((f) => f(r));
      for (const w of ['join', 'data'] as const) for (const r of where({ attack: 'handshake-eavesdrop-hijack', location: 'partial-time-on-path', window: w })) hasNot('hijack')(r);
    },
  },
  {
    source: 'RFC 7430 §5.1',
    says: 'keys that never cross the wire (the dh-keys what-if) leave the handshake eavesdropper with nothing: no key compromise, no hijack',
    check: () => {
      for (const r of where({ attack: 'handshake-eavesdrop-hijack', with: 'dh-keys' })) [hasNot('key-compromise'), hasNot('hijack')].forEach((f) => f(r));
    },
  },
  // RFC 7430 §6: the SYN/JOIN attack.
  {
    source: 'RFC 7430 §6',
    says: 'an attacker on path while a SYN+MP_JOIN passes can substitute its own source address: the HMACs still verify and it sits in the middle of the subflow',
    check: () => {
      for (const r of where({ attack: 'syn-join-redirect', location: 'partial-time-on-path', window: 'join', extra: [] })) [has('hijack'), has('mitm'), specific('hijack')].forEach((f) => f(r));
    },
  },
  {
    source: 'RFC 7430 §6',
    says: 'one that is not there when the join happens has no SYN to rewrite: not attempted, which is not defended',
    check: () => {
      for (const w of ['handshake', 'data'] as const) for (const r of where({ attack: 'syn-join-redirect', location: 'partial-time-on-path', window: w })) [notAttempted, hasNot('hijack')].forEach((f) => f(r));
    },
  },
  {
    source: 'RFC 7430 §6.1',
    says: 'binding the join HMAC to the addresses stops the redirect, at the price of the join (and of NATs): the hijack becomes a refused join',
    check: () => {
      for (const r of where({ attack: 'syn-join-redirect', location: 'partial-time-on-path', window: 'join', extra: ['address-bound-join-hmac'] })) [hasNot('hijack'), has('join-dos')].forEach((f) => f(r));
    },
  },
  // RFC 6181.
  {
    source: 'RFC 6181 §5, §7',
    says: 'a reachability check before using an address prevents flooding: a join is a three-way handshake, so a third party announced by a forged ADD_ADDR receives less than the attacker spent',
    check: () => {
      for (const r of where({ attack: 'add-addr-flooding' })) hasNot('third-party-flooding')(r);
    },
  },
  {
    source: 'RFC 6181 §6.2',
    says: 'an attacker that learns the key exchanged in clear while on path can add addresses after it has left (time-shifted)',
    check: () => {
      for (const r of where({ attack: 'time-shifted-hijack', location: 'partial-time-on-path', window: 'handshake', extra: [] })) [has('hijack'), specific('hijack')].forEach((f) => f(r));
    },
  },
  // TCP heritage and RFC 8684.
  {
    source: 'RFC 5961 §3',
    says: 'a blind RST must hit RCV.NXT exactly: off-path, a budget of guesses resets nothing',
    check: () => {
      for (const r of where({ attack: 'blind-reset', location: 'off-path' })) [attempted, hasNot('connection-dos')].forEach((f) => f(r));
    },
  },
  {
    source: 'RFC 8684 §3.6, §2',
    says: 'a RST on one subflow ends that subflow, not the connection: where single-path TCP is reset, MPTCP carries on over its other path',
    check: () => {
      for (const r of where({ attack: 'blind-reset', location: 'on-path', extra: [] })) {
        hasNot('connection-dos')(r);
        expect(r.tcpOnly, label(r)).toContain('connection-dos');
      }
    },
  },
  {
    source: 'RFC 8684 §3.4.2',
    says: 'REMOVE_ADDR carries no HMAC: forged by an attacker who saw the subflows, it tears them down on hosts that act at once (Linux); a host that first sends a keepalive keeps the paths that answer',
    check: () => {
      for (const r of where({ attack: 'blind-reset', variant: 'remove-addr', location: 'on-path', extra: [] })) [has('degradation'), has('connection-dos')].forEach((f) => f(r));
      for (const r of where({ attack: 'blind-reset', variant: 'remove-addr', location: 'on-path', extra: ['remove-addr-probe'] })) {
        attempted(r);
        [hasNot('degradation'), hasNot('connection-dos'), hasNot('hijack')].forEach((f) => f(r));
      }
      for (const r of where({ attack: 'blind-reset', variant: 'remove-addr', location: 'off-path' })) [attempted, hasNot('degradation')].forEach((f) => f(r));
    },
  },
  {
    source: 'RFC 8684 §5',
    says: 'MPTCP does not encrypt: an eavesdropper reads the application data, as it would with single-path TCP',
    check: () => {
      for (const r of where({ attack: 'passive-eavesdrop', location: 'on-path', without: 'tls' })) inherited('eavesdrop-data')(r);
    },
  },
  {
    source: 'IETF security review of RFC 7430',
    says: 'TLS keeps the data secret and turns an injection into a detected failure that ends the connection, while the attacks on the channel remain',
    check: () => {
      for (const r of where({ attack: 'passive-eavesdrop', with: 'tls' })) hasNot('eavesdrop-data')(r);
      for (const r of where({ attack: 'data-injection', location: 'on-path', extra: ['tls'] })) [hasNot('data-injection'), has('connection-dos')].forEach((f) => f(r));
      for (const r of where({ attack: 'syn-join-redirect', location: 'partial-time-on-path', window: 'join', extra: ['tls'] })) has('hijack')(r);
    },
  },
  {
    source: 'TCP heritage',
    says: 'an on-path attacker that sees the next sequence numbers (and the data sequence number) can inject bytes the application reads, with single-path TCP too',
    check: () => {
      for (const r of where({ attack: 'data-injection', location: 'on-path', extra: [] })) inherited('data-injection')(r);
    },
  },
];

describe('the attack matrix against RFC 7430, RFC 6181 and RFC 8684', () => {
  for (const e of EXPECTATIONS) it(`${e.source}: ${e.says}`, () => e.check());
});

describe('docs/attacks.md', () => {
  const doc = readFileSync(new URL('../../docs/attacks.md', import.meta.url), 'utf8');
  const trim = (t: string) => t.split('\n').map((l) => l.trimEnd()).join('\n').trim();
  /** The contents of the document's fenced code blocks. */
  const fenced = (md: string): string[] => {
    const blocks: string[] = [];
    let open: string[] | null = null;
    for (const line of md.split('\n')) {
      if (line.startsWith('```')) {
        if (open) blocks.push(open.join('\n'));
        open = open ? null : [];
      } else open?.push(line);
    }
    return blocks;
  };

  it('quotes the default matrix and what each mitigation changes as lab matrix prints them today (a change detector beside the expectations)', () => {
    const printed = trim(matrixText(rows));
    const blocks = fenced(doc).map(trim).filter((b) => b.startsWith('attack ') || b.startsWith('What each mitigation'));
    expect(blocks).toHaveLength(3);
    for (const b of blocks) expect(printed).toContain(b);
  });
});
