import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../scenario/types.ts';
import { findingKey } from './findings.ts';
import { openThreatModel, type OpenThreatModel } from './otm.ts';
import { reviewFixture, type ReviewFixture } from './threat-dragon.fixture.ts';

const schema = JSON.parse(readFileSync(new URL('../../../vendor/schemas/otm_schema.json', import.meta.url), 'utf8')) as object;
const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
const expectValid = (doc: unknown) => expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);

let fx: ReviewFixture;
let otm: OpenThreatModel;
beforeAll(() => {
  fx = reviewFixture();
  otm = openThreatModel(fx.scenario, fx.surface, fx.tradeoffs);
}, 60_000);

/** Where the threat a decision of the fixture is about is referenced (0 open, 1 mitigated, 2 accepted, 3 not applicable). */
const instanceOf = (doc: OpenThreatModel, i: number) => {
  const id = `threat/${findingKey(fx.scenario.review!.decisions[i]!)}`;
  const holders = [...doc.components, ...doc.dataflows].filter((e) => e.threats.some((t) => t.threat === id));
  expect(holders).toHaveLength(1);
  return { on: holders[0]!.id, ...holders[0]!.threats.find((t) => t.threat === id)!, threat: doc.threats.find((t) => t.id === id)! };
};

describe('openThreatModel', () => {
  it('is an OTM document by its published schema', () => {
    expectValid(otm);
    expectValid(openThreatModel(fx.scenario, fx.surface, null));
  });

  it('fails the schema when a required field is missing (the validator is live)', () => {
    const noId = structuredClone(otm) as unknown as { project: Record<string, unknown> };
    delete noId.project['id'];
    expect(validate(noId)).toBe(false);
    const orphan = structuredClone(otm) as unknown as { components: Record<string, unknown>[] };
    delete orphan.components[0]!['parent'];
    expect(validate(orphan)).toBe(false);
  });

  it('has the topology: nodes as components in trust zones, links as data flows between them', () => {
    expect(otm.otmVersion).toBe('0.2.0');
    expect(otm.components.map((c) => `${c.id}:${c.type}:${c.parent.trustZone}`)).toEqual([
      'node/client:host:zone/endpoints',
      'node/server:host:zone/endpoints',
      'node/r1:router:zone/network',
      'node/nat:nat:zone/network',
      'node/off-path:attacker:zone/off-path',
    ]);
    expect(otm.dataflows.map((d) => `${d.source}>${d.destination}`)).toEqual(['node/client>node/r1', 'node/r1>node/server', 'node/client>node/nat', 'node/nat>node/server']);
    const ids = new Set([...otm.trustZones, ...otm.components, ...otm.dataflows, ...otm.threats, ...otm.mitigations].map((e) => e.id));
    for (const e of [...otm.components, ...otm.dataflows]) for (const t of e.threats) {
      expect(ids.has(t.threat)).toBe(true);
      for (const m of t.mitigations) expect(ids.has(m.mitigation)).toBe(true);
    }
    for (const c of otm.components) expect(c.representations[0]!.representation).toBe(otm.representations[0]!.id);
  });

  it('lists every finding once as a threat with its STRIDE category and risk, and references it where the attacker stood', () => {
    const referenced = [...otm.components, ...otm.dataflows].flatMap((e) => e.threats.map((t) => t.threat));
    expect(referenced.sort()).toEqual(otm.threats.map((t) => t.id).sort());
    const open = instanceOf(otm, 0);
    expect(open).toMatchObject({ on: 'link/client-r1', state: 'exposed' });
    expect(open.threat.categories).toEqual(['Spoofing']);
    expect(open.threat.risk).toMatchObject({ likelihood: null, impact: 90 });
    expect(open.threat.attributes).toMatchObject({ status: 'open', owner: 'ana', comment: 'Needs the remove-addr probe.', flag: 'unchanged' });
    expect(instanceOf(otm, 1)).toMatchObject({ on: 'node/r1', state: 'mitigated' });
    expect(instanceOf(otm, 2)).toMatchObject({ on: 'link/client-r1', state: 'accepted' });
    expect(instanceOf(otm, 2).threat.risk.impact).toBe(60);
    expect(instanceOf(otm, 3)).toMatchObject({ on: 'link/r1-server', state: 'not-applicable' });
    expect(otm.components.find((c) => c.id === 'node/off-path')!.threats).toHaveLength(1);
    // The finding the sweep no longer shows is the report's to list, not a threat here.
    expect(otm.threats.some((t) => t.attributes['failure'] === 'join-dos')).toBe(false);
  });

  it('gives the mitigation sets tried, with the cheapest recommended where it stops a threat', () => {
    expect(otm.mitigations.map((m) => m.id)).toEqual(['mitigation-set/defaults', 'mitigation-set/tls', 'mitigation-set/address-bound-join-hmac', 'mitigation-set/tls+dh-keys']);
    const cheapest = otm.mitigations[3]!;
    expect(cheapest.attributes['cheapest']).toBe('true');
    expect(cheapest.riskReduction).toBe(Math.round((100 * fx.tradeoffs.cheapest!.stopped.length) / (fx.tradeoffs.cheapest!.stopped.length + fx.tradeoffs.cheapest!.remaining.length)));
    expect(otm.mitigations[2]!.description).toContain('not NAT-compatible');
    expect(instanceOf(otm, 0).mitigations).toEqual([{ mitigation: 'mitigation-set/tls+dh-keys', state: 'recommended' }]);
    expect(instanceOf(otm, 1).mitigations).toEqual([
      { mitigation: 'mitigation-set/tls', state: 'available' },
      { mitigation: 'mitigation-set/tls+dh-keys', state: 'recommended' },
    ]);
    expect(instanceOf(otm, 2).mitigations).toEqual([]);
    expect(openThreatModel(fx.scenario, fx.surface, null).mitigations).toEqual([]);
  });

  it('gives the same JSON for the same input', () => {
    const again = openThreatModel(structuredClone(fx.scenario), structuredClone(fx.surface), structuredClone(fx.tradeoffs));
    expect(JSON.stringify(again)).toBe(JSON.stringify(otm));
  });

  it('keeps hostile names as data', () => {
    const evil = 'Evil "quoted" <script>alert(1)</script>\nsecond line';
    const s: Scenario = {
      ...fx.scenario,
      title: evil,
      description: evil,
      routers: fx.scenario.routers.map((r) => ({ ...r, label: evil })),
      review: { ...fx.scenario.review!, decisions: fx.scenario.review!.decisions.map((d) => ({ ...d, owner: evil, comment: evil })) },
    };
    const doc = openThreatModel(s, fx.surface, fx.tradeoffs);
    expectValid(doc);
    const round = JSON.parse(JSON.stringify(doc)) as OpenThreatModel;
    expect(round).toEqual(doc);
    expect(round.project.name).toBe(evil);
    expect(round.components.find((c) => c.id === 'node/r1')!.name).toBe(evil);
    expect(instanceOf(round, 0).threat.attributes['comment']).toBe(evil);
    expect(round.components).toHaveLength(otm.components.length);
  });
});
