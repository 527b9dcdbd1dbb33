import { describe, expect, it } from 'vitest';
import { reconcileReview, surfaceFindings, surfaceRowFixture, type ReviewDecision, type SurfaceResult, type SurfaceRow, type TradeoffResult } from '../../../engine/index.ts';
import { HOSTILE, RAW_UNSAFE } from '../../testing/hostile-strings.ts';
import { summary } from '../../testing/summary-fixture.ts';
import { markdownToHtml } from '../scenarios/html-report.ts';
import { markdownReport } from '../security/report.ts';
import { reviewMarkdown, type ReviewReportInput } from './review-report.ts';

const row = (over: Partial<SurfaceRow>): SurfaceRow => surfaceRowFixture({ place: 'l1', ...over });

/** A sweep of three places (a failure on l1, defended r1, nothing attempted off path), a review with a decision of each kind, and trade-offs. */
function input(name = 'l1', text = 'ana'): ReviewReportInput {
  const rows = [
    row({ place: name, failures: ['hijack', 'connection-dos'], mptcpSpecific: ['hijack'] }),
    row({ place: name, attack: 'passive-eavesdrop', capability: 'eavesdropper', location: 'partial-time-on-path', window: 'handshake', failures: ['key-compromise'], mptcpSpecific: ['key-compromise'] }),
    row({ place: 'r1', placeKind: 'router', variant: 'remove-addr' }),
    row({ place: 'off-path', placeKind: 'off-path', location: 'off-path', attempted: false }),
  ];
  const surface: SurfaceResult = {
    scenario: 'two-path',
    version: 'abc123',
    protocol: 'mptcp-v1',
    mitigations: ['tls'],
    macAlgorithm: 'version-default',
    places: [
      { id: name, kind: 'link', verdict: 'failure', worst: { failure: 'hijack', severity: 'high', mptcpSpecific: true }, failures: ['hijack', 'key-compromise', 'connection-dos'], rows: 2, rowsWithFailures: 2, rowsAttempted: 2 },
      { id: 'r1', kind: 'router', verdict: 'defended', worst: null, failures: [], rows: 1, rowsWithFailures: 0, rowsAttempted: 1 },
      { id: 'off-path', kind: 'off-path', verdict: 'not-attempted', worst: null, failures: [], rows: 1, rowsWithFailures: 0, rowsAttempted: 0 },
    ],
    rows,
    skipped: [{ cell: { attack: 'add-addr-hijack', place: name, placeKind: 'link', location: 'on-path', capability: 'active', window: null }, reason: `no router is at ${name}` }],
  };
  const findings = surfaceFindings(rows);
  const about = (failure: string) => findings.find((f) => f.failure === failure)!;
  const decision = (failure: string, over: Partial<ReviewDecision>): ReviewDecision => ({ attack: about(failure).row.attack, place: name, location: about(failure).row.location, capability: about(failure).row.capability, window: about(failure).row.window, failure: about(failure).failure, status: 'open', severity: 'high', owner: text, comment: text, ...over });
  const decisions: ReviewDecision[] = [
    decision('hijack', { status: 'mitigated' }),
    decision('connection-dos', { status: 'accepted', severity: 'low' }),
    { attack: 'join-dos', place: 'r1', location: 'on-path', capability: 'active', window: null, failure: 'join-dos', status: 'not-applicable', severity: 'medium', owner: text, comment: text },
  ];
  const reviewed = reconcileReview({ decisions, reviewed: [about('hijack').key, about('connection-dos').key] }, findings);
  const cost = { hashPerConnection: 40, hashPerJoin: 6, stateBytesPerConnection: 96, stateBytesPerJoin: 64, wireBytes: 210_000, joinsBroken: 0, natCompatible: true };
  const keys = findings.map((f) => f.key);
  const cheapest = { mitigations: ['dh-keys' as const], kinds: ['alone' as const, 'cheapest' as const], cost: { ...cost, hashPerConnection: 52 }, stopped: [about('key-compromise').key], remaining: [about('hijack').key, about('connection-dos').key], added: [] };
  const tradeoffs: TradeoffResult = {
    scenario: 'two-path',
    version: 'abc123',
    rows: [
      { mitigations: [], kinds: ['defaults'], cost, stopped: [], remaining: keys, added: [] },
      cheapest,
      { mitigations: ['address-bound-join-hmac', 'half-open-limit'], kinds: ['all'], cost: { ...cost, hashPerJoin: null, stateBytesPerJoin: null, joinsBroken: 1, natCompatible: false }, stopped: [about('key-compromise').key], remaining: [], added: ['x/join-dos'] },
    ],
    stoppable: [about('key-compromise').key],
    unstoppable: [about('hijack').key, about('connection-dos').key],
    cheapest,
    setsSearched: 5,
  };
  return { surface, reviewed, tradeoffs };
}

const lineWith = (md: string, text: string) => md.split('\n').find((l) => l.includes(text))!;

/** The text outside code spans (a fence of n backticks closes at the next run of exactly n): inside one, `<script>` is shown, never read. */
function outsideCode(md: string): string {
  let out = '';
  let i = 0;
  while (i < md.length) {
    const open = /`+/g;
    open.lastIndex = i;
    const m = open.exec(md);
    if (!m) break;
    out += md.slice(i, m.index);
    const close = new RegExp(`(?<!\`)${m[0]}(?!\`)`, 'g');
    close.lastIndex = m.index + m[0].length;
    const c = close.exec(md);
    if (!c) return out + md.slice(m.index);
    i = c.index + m[0].length;
  }
  return out + md.slice(i);
}

describe('reviewMarkdown', () => {
  const md = reviewMarkdown(input());

  it('maps the surface: per place the worst failure and its severity, and "not attempted" never reads as defended', () => {
    expect(md).toContain('## Attack surface');
    expect(lineWith(md, '| `l1` |')).toBe('| `l1` | link | **failure** | Connection hijack (`hijack`) | high | yes | 3 | 2 | 2 | 2 |');
    expect(lineWith(md, '| `r1` |')).toContain('| defended: attackers here acted and caused no failure | — |');
    const offPath = lineWith(md, '| `off-path` |');
    expect(offPath).toContain('not attempted: no attacker here could act (not a defence)');
    expect(offPath).not.toContain('defended');
    expect(md).toContain('Not placed (1 run, counted neither as failures nor as defended):\n\n- no router is at l1 (1)');
  });

  it('gives the trade-off table with costs and counts, the cheapest set, and what no set stops', () => {
    expect(lineWith(md, '| defaults |')).toBe('| defaults | defaults | 40 | 6 | 96 | 64 | 210000 | 0 | 0 | 3 | 0 |');
    expect(lineWith(md, '| **dh-keys** |')).toBe('| **dh-keys** | alone, cheapest | 52 | 6 | 96 | 64 | 210000 | 0 | 1 | 2 | 0 |');
    expect(lineWith(md, 'address-bound')).toBe('| address-bound-join-hmac + half-open-limit | all | 40 | — | 96 | — | 210000 | 1 (breaks joins through the NAT) | 1 | 0 | 1 |');
    expect(md).toContain('Cheapest set that stops every stoppable finding (1) and adds none: **dh-keys** (5 sets searched).');
    expect(md).toContain("No set that keeps the scenario's joins working stops these 2:\n\n- `blind-reset/l1/on-path/active/-/hijack`\n- `blind-reset/l1/on-path/active/-/connection-dos`");
    const none = reviewMarkdown({ ...input(), tradeoffs: null });
    expect(none).toContain('## Mitigation trade-offs\n\nNot computed for this report.');
    const stale = input();
    expect(reviewMarkdown({ ...stale, tradeoffs: { ...stale.tradeoffs!, version: 'old' } })).toContain('> Measured on another version of the scenario (`old`, the sweep is `abc123`): compute them again.');
  });

  it('lists decided and flagged findings before the undecided ones', () => {
    const big = input();
    const plain = surfaceFindings([surfaceRowFixture({ place: 'l1', attack: 'data-injection', failures: ['data-injection'] })]).map((f) => ({ key: f.key, finding: f, decision: null, flag: 'unchanged' as const }));
    const table = reviewMarkdown({ ...big, reviewed: [...plain, ...big.reviewed] }).split('## Review decisions')[1]!;
    const rows = table.split('\n').filter((l) => l.startsWith('| `'));
    expect(rows.at(-1)).toMatch(/Data injection \(`data-injection`\) \| no decision \(open\)/);
    // Every row before the last has a decision or a flag.
    for (const r of rows.slice(0, -1)) expect(r).not.toMatch(/no decision \(open\) \|.*\| unchanged \|$/);
  });

  it('lists each finding with its decision and flag, accepted risks and findings no longer found included', () => {
    expect(md).toContain('3 findings: 1 without a decision, 0 open, 1 mitigated, 1 accepted risks, 1 not applicable; 1 new since the review was saved; 1 decisions about findings this sweep no longer shows.');
    expect(lineWith(md, '| Connection hijack (`hijack`) | mitigated')).toBe('| `l1` | Reset injection (`blind-reset`) | active, on path | Connection hijack (`hijack`) | mitigated | high | ana | ana | unchanged |');
    expect(lineWith(md, '**accepted risk**')).toContain('| low | ana | ana | unchanged |');
    expect(lineWith(md, '(`key-compromise`) |')).toMatch(/\| eavesdropper, on path during the handshake \| Keys compromised \(`key-compromise`\) \| no decision \(open\) \| high \(default\) \| — \| — \| \*\*new\*\* \|$/);
    expect(lineWith(md, '(`join-dos`) |')).toMatch(/^\| `r1` \| .*\(`join-dos`\) \| active, on path \| Join denial of service \(`join-dos`\) \| not applicable \| medium \| ana \| ana \| no longer found \|$/);
  });

  it('follows the rest of the report when given, and leaves the report as it was without it', () => {
    const plain = markdownReport(summary, undefined);
    const withReview = markdownReport(summary, undefined, null, input());
    expect(withReview.startsWith(plain)).toBe(true);
    expect(withReview.slice(plain.length)).toBe(`\n${md}`);
  });

  it('turns into HTML tables in the printable report', () => {
    const html = markdownToHtml(md);
    expect(html.match(/<table>/g)).toHaveLength(3);
    expect(html).toContain('<h2>Attack surface</h2>');
    expect(html).toContain('<td><code>l1</code></td><td>link</td><td><strong>failure</strong></td><td>Connection hijack (<code>hijack</code>)</td>');
    const decisionRows = html.slice(html.indexOf('<h2>Review decisions</h2>')).match(/<tr>/g)!;
    expect(decisionRows).toHaveLength(1 + 4);
  });

  it('keeps each hostile name inside its line and its table cell, in Markdown and in HTML', () => {
    const kind = (line: string) => (line === '' ? '' : line.startsWith('|') ? `|${line.split(/(?<!\\)\|/).length}` : (/^(#{1,6} |[-+*] |> |\d+[.)] |```| {4}|[=-]+$)/.exec(line)?.[1] ?? 'p'));
    const shape = (text: string) => text.split('\n').map(kind);
    expect(outsideCode('a `<x>` b ``c`d`` e <b>')).toBe('a  b  e <b>');
    const plain = reviewMarkdown(input('x', 'x'));
    for (const [name, h] of Object.entries(HOSTILE)) {
      const hostile = reviewMarkdown(input(h, h));
      expect(shape(hostile), name).toEqual(shape(plain));
      expect(hostile, name).not.toMatch(RAW_UNSAFE);
      expect(outsideCode(hostile), name).not.toMatch(/(^|[^\\])(\\\\)*<(script|img|b|\/)/);
      const html = markdownToHtml(hostile);
      expect(html, name).not.toMatch(/<(script|img|b)[\s>]/);
      expect(html.match(/<tr>/g)?.length, name).toBe(markdownToHtml(plain).match(/<tr>/g)?.length);
    }
  });
});
