import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../scenario/types.ts';
import { findingKey } from './findings.ts';
import { stableUuid } from './threat-dragon-common.ts';
import { reviewFixture, type ReviewFixture } from './threat-dragon.fixture.ts';
import { threatDragonModel, type TdCell, type ThreatDragonModel } from './threat-dragon.ts';

const schema = JSON.parse(readFileSync(new URL('../../../vendor/schemas/threat-dragon-v2.schema.json', import.meta.url), 'utf8')) as { $id: string };

// Threat Dragon compiles its schema the same way (strict off: the schema uses OpenAPI's `nullable`).
const ajv = new Ajv({ strict: false, allErrors: true });
const validateModel = ajv.compile(schema);
/** The schema's own definition of a threat: Threat Dragon keeps a cell's threats in `data.threats`, which the schema leaves open. */
const validateThreat = ajv.compile({ $ref: `${schema.$id}#/properties/detail/properties/diagrams/items/properties/cells/items/properties/threats/items` });

function expectValid(model: unknown) {
  const check = (v: ValidateFunction, x: unknown) => expect(v(x), JSON.stringify(v.errors)).toBe(true);
  check(validateModel, model);
  for (const cell of (model as ThreatDragonModel).detail.diagrams[0]!.cells) for (const t of cell.data.threats) check(validateThreat, t);
}

let fx: ReviewFixture;
let model: ThreatDragonModel;
beforeAll(() => {
  fx = reviewFixture();
  model = threatDragonModel(fx.scenario, fx.surface, fx.tradeoffs);
}, 60_000);

const cells = (m: ThreatDragonModel) => m.detail.diagrams[0]!.cells;
const named = (m: ThreatDragonModel, name: string) => cells(m).find((c) => c.data.name === name)!;
const threatOn = (cell: TdCell, failure: string) => cell.data.threats.find((t) => t.title.includes(`: ${failure} [`))!;
/** The threat a decision of the fixture is about (0 open, 1 mitigated, 2 accepted, 3 not applicable). */
const decided = (m: ThreatDragonModel, i: number) => {
  const id = stableUuid(`threat/${findingKey(fx.scenario.review!.decisions[i]!)}`);
  return cells(m).flatMap((c) => c.data.threats.map((t) => ({ cell: c.data.name, ...t }))).find((t) => t.id === id)!;
};

describe('threatDragonModel', () => {
  it('is a Threat Dragon v2 model by its published schema, threats included', () => {
    expectValid(model);
    expectValid(threatDragonModel(fx.scenario, fx.surface, null));
  });

  it('fails the schema when a required field is missing (the validator is live)', () => {
    const noThumbnail = structuredClone(model) as unknown as { detail: { diagrams: Record<string, unknown>[] } };
    delete noThumbnail.detail.diagrams[0]!['thumbnail'];
    expect(validateModel(noThumbnail)).toBe(false);
    const threat = structuredClone(cells(model).find((c) => c.data.threats.length)!.data.threats[0]!) as unknown as Record<string, unknown>;
    delete threat['severity'];
    expect(validateThreat(threat)).toBe(false);
  });

  it('draws the topology: hosts, the router and the NAT as elements, each link as a flow between its ends', () => {
    const byShape = (shape: string) => cells(model).filter((c) => c.shape === shape).map((c) => c.data.name);
    expect(byShape('actor')).toEqual(['client', 'Off-path attacker']);
    expect(byShape('process')).toEqual(['server', 'r1', 'NAT']);
    expect(byShape('flow')).toEqual(['client-r1', 'r1-server', 'client-nat', 'nat-server', 'Spoofed packets']);
    const flow = named(model, 'client-r1');
    expect(flow.shape === 'flow' && flow.source.cell).toBe(named(model, 'client').id);
    expect(flow.shape === 'flow' && flow.target.cell).toBe(named(model, 'r1').id);
    expect(new Set(cells(model).map((c) => c.id)).size).toBe(cells(model).length);
  });

  it('puts each finding where the attacker stood: a link on its flow, a router on its process, off-path on the off-path element', () => {
    const all = cells(model).flatMap((c) => c.data.threats);
    expect(all).toHaveLength(model.detail.threatTop);
    expect(new Set(all.map((t) => t.number)).size).toBe(all.length);
    expect(threatOn(named(model, 'client-r1'), 'hijack').type).toBe('Spoofing');
    expect(threatOn(named(model, 'r1'), 'eavesdrop-data').type).toBe('Information disclosure');
    expect(threatOn(named(model, 'r1'), 'eavesdrop-data').description).toContain('router "r1" (all its links)');
    expect(named(model, 'Off-path attacker').data.threats.map((t) => t.type)).toEqual(['Denial of service']);
    expect(named(model, 'client').data.threats).toEqual([]);
    expect(named(model, 'NAT').data.threats).toEqual([]);
  });

  it('maps review statuses to Threat Dragon\'s, keeping an accepted risk visibly accepted', () => {
    const open = decided(model, 0);
    expect(open).toMatchObject({ cell: 'client-r1', status: 'Open', severity: 'High', type: 'Spoofing', modelType: 'STRIDE' });
    expect(open.mitigation).toMatch(/^Reviewer: Needs the remove-addr probe\.\nThe cheapest set that stops every stoppable finding, tls \+ dh-keys, stops it\./);
    expect(decided(model, 1)).toMatchObject({ cell: 'r1', status: 'Mitigated', type: 'Information disclosure' });
    const accepted = decided(model, 2);
    expect(accepted).toMatchObject({ cell: 'client-r1', status: 'Open', severity: 'Medium' });
    expect(accepted.title).toMatch(/\(accepted risk\)$/);
    expect(accepted.description).toContain('ACCEPTED RISK');
    expect(accepted.mitigation).toContain('No mitigation set that keeps the scenario\'s joins working stops it.');
    expect(decided(model, 3)).toMatchObject({ cell: 'r1-server', status: 'NA' });
    // No decision: open, at the default severity.
    const undecided = threatOn(named(model, 'r1-server'), 'connection-dos');
    expect(undecided).toMatchObject({ status: 'Open', severity: 'Low' });
    expect(undecided.description).toContain('Review: no decision yet');
    // Titles tell apart the classes that found the same failure on one element.
    const titles = cells(model).flatMap((c) => c.data.threats.map((t) => `${c.id} ${t.title}`));
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('says what the engine found, and whether MPTCP or TCP is to blame', () => {
    const t = decided(model, 0);
    expect(t.description).toMatch(/by an active attacker on path.*, at link "client-r1"\./);
    expect(t.description).toMatch(/The engine found: Connection hijack \(hijack, STRIDE Spoofing\), (MPTCP-specific|inherited)/);
    expect(model.summary.description).toContain('1 review decision refers to findings this sweep no longer shows');
  });

  it('flags open threats on their cells, as Threat Dragon does', () => {
    for (const c of cells(model)) expect(c.data.hasOpenThreats).toBe(c.data.threats.some((t) => t.status === 'Open'));
    expect(named(model, 'client-r1').data.hasOpenThreats).toBe(true);
    expect(named(model, 'NAT').data.hasOpenThreats).toBe(false);
  });

  it('uses saved positions, and a layered layout without them', () => {
    const at = (m: ThreatDragonModel, name: string) => {
      const c = named(m, name);
      return c.shape === 'flow' ? null : c.position;
    };
    expect(at(model, 'client')!.x).toBeLessThan(at(model, 'r1')!.x);
    expect(at(model, 'r1')!.x).toBeLessThan(at(model, 'server')!.x);
    const placed: Scenario = { ...fx.scenario, ui: { positions: { r1: { x: 333, y: 44 } } } };
    expect(at(threatDragonModel(placed, fx.surface, null), 'r1')).toEqual({ x: 333, y: 44 });
  });

  it('gives the same JSON for the same input, without clock or randomness', () => {
    const again = threatDragonModel(structuredClone(fx.scenario), structuredClone(fx.surface), structuredClone(fx.tradeoffs));
    expect(JSON.stringify(again)).toBe(JSON.stringify(model));
  });

  it('keeps hostile names as data', () => {
    const evil = 'Evil "quoted" <script>alert(1)</script>\nsecond line';
    const s: Scenario = {
      ...fx.scenario,
      title: evil,
      description: evil,
      hosts: fx.scenario.hosts.map((h) => (h.id === 'client' ? { ...h, label: evil } : h)),
      review: { ...fx.scenario.review!, decisions: fx.scenario.review!.decisions.map((d) => ({ ...d, owner: evil, comment: evil })) },
    };
    const m = threatDragonModel(s, fx.surface, fx.tradeoffs);
    expectValid(m);
    const round = JSON.parse(JSON.stringify(m)) as ThreatDragonModel;
    expect(round).toEqual(m);
    expect(round.summary.title).toBe(evil);
    expect(named(round, evil).data.name).toBe(evil);
    expect(decided(round, 0).mitigation.startsWith(`Reviewer: ${evil}\n`)).toBe(true);
    expect(cells(round)).toHaveLength(cells(model).length);
  });
});
