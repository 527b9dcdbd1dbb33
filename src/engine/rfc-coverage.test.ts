/**
 * Every rule the engine cites has a test named after it. The rule, kept
 * simple on purpose: each `RFC NNNN §x[.y…]` written anywhere in a non-test
 * engine file (comments and strings alike, a citation wrapped over two
 * comment lines included) must appear, with the same RFC and the very same
 * section, in the title of at least one `describe`/`it`/`test` under
 * src/engine. A bare `§x.y` without its RFC number is not a citation here.
 * Citations that name background (a format, an algorithm, a threat
 * description) rather than a behaviour the engine must show on the wire are
 * in ALLOWED below, each with why. A new cited rule without a test fails.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ENGINE = join(import.meta.dirname, '.');

/** Background, not rules: what each names and where it is checked instead. */
const ALLOWED: Readonly<Record<string, string>> = {
  // Wire formats and algorithms: the codecs' round trips and known answers check them, not a scripted exchange.
  'RFC 1071 §2': 'the Internet checksum algorithm (packet.test.ts checks the RFC 1071 §3 example)',
  'RFC 8200 §8.1': 'the IPv6 pseudo-header for the checksum (wire round trips)',
  'RFC 8200 §4.5': 'IPv6 fragment header layout, walked when decoding',
  'RFC 4302 §2.2': 'AH header length, walked when decoding IPv6 extension headers',
  'RFC 9293 §3.1': 'TCP header format and checksum (wire tests)',
  'RFC 9293 §3.2': 'TCP option kinds and lengths (tcp-options tests)',
  'RFC 9293 §3.4': 'sequence-number arithmetic (seq tests)',
  'RFC 8684 §3': "the option figures the dissector's byte offsets follow",
  'RFC 6824 §3.4.1': "v0 ADD_ADDR's layout (IPVer nibble), checked by the option codec's round trips",
  'RFC 5952 §4': 'IPv6 text form, a display rule (ip-address.test.ts)',
  'RFC 5952 §5': 'IPv4-mapped IPv6 text form, a display rule (ip-address.test.ts)',
  'RFC 4493 §2.3': 'AES-CMAC subkey generation, checked by the RFC 4493 §4 vectors',
  'RFC 4493 §2.4': 'AES-CMAC itself, checked by the RFC 4493 §4 vectors',
  'RFC 8439 §2.3': 'the ChaCha20 block function, checked by its §2.3.2 vector',
  'RFC 8439 §2.4': 'ChaCha20 encryption, checked by its §2.4.2 vector',
  // Below the 200 ms minimum RTO nothing on the wire can show it.
  'RFC 6298 §2': 'clock granularity G (1 ms), always hidden by the 200 ms RTO floor',
  // Threat descriptions and scenario validation, not host behaviour.
  'RFC 8200 §5': "the 1280-byte IPv6 minimum MTU, a scenario validation rule (references.test.ts's table)",
  'RFC 7430 §1': 'the passive eavesdropper, a threat description',
  'RFC 7430 §4': 'the join flood as a threat; its rule (§4.1) is tested',
  'RFC 7430 §2.1': 'option 3 of the analysis, a what-if mitigation (mitigations.test.ts)',
  'RFC 4987 §3.6': "background for Linux's SYN cookies, checked in syn-cookie.test.ts",
};

const CITATION = /RFC[\s*/]+(\d{3,4})[\s*/]*§\s*(\d+(?:\.\d+)*)/g;
const TITLE = /\b(?:describe|it|test)(?:\.\w+)*\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g;

function engineFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return engineFiles(p);
    return d.name.endsWith('.ts') ? [p] : [];
  });
}

function citations(text: string): { key: string; line: number }[] {
  return [...text.matchAll(CITATION)].map((m) => ({ key: `RFC ${m[1]} §${m[2]}`, line: text.slice(0, m.index).split('\n').length }));
}

const files = engineFiles(ENGINE);
const isTest = (f: string) => f.endsWith('.test.ts');

/** Citations named in test titles. */
function testedSections(): Set<string> {
  const tested = new Set<string>();
  for (const f of files.filter(isTest)) {
    for (const m of readFileSync(f, 'utf8').matchAll(TITLE)) for (const c of citations(m[2]!)) tested.add(c.key);
  }
  return tested;
}

describe('RFC citations and their tests', () => {
  const cited = new Map<string, string[]>();
  for (const f of files.filter((f) => !isTest(f))) {
    for (const c of citations(readFileSync(f, 'utf8'))) {
      const at = `${relative(ENGINE, f)}:${c.line}`;
      cited.set(c.key, [...(cited.get(c.key) ?? []), at]);
    }
  }
  const tested = testedSections();

  it('every RFC section a non-test engine file cites is in some test title (or allowed, with why)', () => {
    const uncovered = [...cited].filter(([key]) => !tested.has(key) && !(key in ALLOWED)).map(([key, at]) => `${key}: ${at.join(', ')}`);
    expect(uncovered).toEqual([]);
  });

  it('the allowlist holds only citations that exist and have no test', () => {
    expect(Object.keys(ALLOWED).filter((k) => !cited.has(k) || tested.has(k))).toEqual([]);
  });

  it('finds citations wrapped over comment lines, and reads them from titles', () => {
    expect(citations('// the RFC\n * 5961 §7 limit').map((c) => c.key)).toEqual(['RFC 5961 §7']);
    expect(citations('RFC 6675 §5.1, not §5').map((c) => c.key)).toEqual(['RFC 6675 §5.1']);
    expect(cited.size).toBeGreaterThan(40);
  });
});
