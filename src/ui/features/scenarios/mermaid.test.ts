import { describe, expect, it } from 'vitest';
import { FATE_CODE, MARK, type TimelineData } from '../../../engine/index.ts';
import { HOSTILE, RAW_UNSAFE } from '../../testing/hostile-strings.ts';
import { mermaidSequence } from './mermaid.ts';

function timeline(labels: string[]): TimelineData {
  const n = 2;
  return {
    lanes: [{ id: 'c', kind: 'connection', label: 'connection', node: 'c' }, ...labels.map((label, k) => ({ id: `l${k}`, kind: 'node' as const, label, node: `n${k}` }))],
    links: ['l1'],
    subflows: [],
    attackers: ['m'],
    count: n,
    startUs: Float64Array.from([1000, 2000]),
    endUs: Float64Array.from([1500, 2000]),
    fromLane: Uint16Array.from([1, labels.length]),
    toLane: Uint16Array.from([2, 1]),
    link: new Uint16Array(n),
    fate: Uint8Array.from([FATE_CODE.delivered, FATE_CODE.injected]),
    subflow: new Int16Array(n),
    attacker: Int16Array.from([-1, 0]),
    marks: Uint16Array.from([MARK.SYN, MARK.ADD_ADDR]),
    dsn: new Float64Array(n),
    dataLength: new Uint32Array(n),
    endOfRunUs: 3000,
  };
}

/** Statements of a sequence diagram: the header, participants, messages and notes we wrote, nothing else. */
const STATEMENT = /^(sequenceDiagram| {2}participant L\d+ as [^\n;#%]*(#\d+;[^\n;#%]*)*| {2}L\d+(->>|-x|-\))L\d+: [^\n;#%]*(#\d+;[^\n;#%]*)*| {2}Note over L\d+,L\d+: [^\n;#%]*(#\d+;[^\n;#%]*)*)$/;

describe('mermaidSequence', () => {
  it('draws one participant per lane and one message per signalling packet, our own # as an entity code', () => {
    const text = mermaidSequence(timeline(['client', 'server', 'Mallory']), [{ timeUs: 1500, name: 'Connection hijack' }]);
    expect(text).toBe(
      [
        'sequenceDiagram',
        '  participant L1 as client',
        '  participant L2 as server',
        '  participant L3 as Mallory',
        '  L1->>L2: #35;1 SYN at 1.000 ms',
        '  Note over L1,L3: Connection hijack from 1.5 ms',
        '  L3-)L1: #35;2 ADD_ADDR (injected) at 2.000 ms',
        '',
      ].join('\n'),
    );
  });

  it('keeps every hostile name inside its own statement: no new line, statement, comment, arrow or tag', () => {
    const labels = Object.values(HOSTILE);
    const text = mermaidSequence(timeline(labels), labels.map((name, k) => ({ timeUs: k, name })));
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(1 + labels.length + labels.length + 2);
    for (const line of lines) expect(STATEMENT.test(line), line.slice(0, 120)).toBe(true);
    expect(text).not.toMatch(RAW_UNSAFE);
    expect(text).not.toContain('<script');
    expect(text).not.toContain('%%');
    expect(text).toContain('participant L2 as #60;/script#62;#60;script#62;alert(1)#60;/script#62;');
  });
});
