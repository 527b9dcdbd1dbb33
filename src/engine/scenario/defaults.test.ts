import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_DOCUMENTS } from './builtin/index.ts';
import { applyDefaults } from './defaults.ts';
import type { ScenarioInput } from './scenario-schema.ts';
import { allPaths, copy, minimalDocument, parentOf, type Doc } from './test-documents.ts';
import { validateScenario } from './validate.ts';

const fill = (doc: Doc) => applyDefaults(doc as unknown as ScenarioInput);

describe('applyDefaults', () => {
  it('fills every documented default', () => {
    const s = fill(minimalDocument());
    expect(s.routers).toEqual([]);
    expect(s.nats).toEqual([]);
    expect(s.middleboxes).toEqual([]);
    expect(s.durationUs).toBe(60_000_000);
    expect(s.mptcp).toEqual({ scheduler: 'lowest-rtt', congestionControl: 'newreno', checksums: false, mitigations: [], macAlgorithm: 'version-default', halfOpenJoinLimit: null });
    expect(s.thresholds).toEqual({ stallUs: 1_000_000, degradationPercent: 30 });
    expect(s.links[0]).toMatchObject({ lossRate: 0, queuePackets: 1000, mtuBytes: 1500 });
    expect(s.hosts[0]!.pathManager).toEqual({ endpoints: [], limits: { subflows: 2, addAddrAccepted: 0 } });
    expect(s.traffic[0]!.startUs).toBe(0);
    expect('ui' in s).toBe(false);
    expect('toAddress' in s.traffic[0]!).toBe(false); // derived, see derived.ts
  });
  it('fills inside partly written objects', () => {
    const doc = minimalDocument();
    doc.mptcp = { scheduler: 'redundant' };
    (doc.hosts as Doc[])[0]!.pathManager = { limits: { addAddrAccepted: 1 } };
    const s = fill(doc);
    expect(s.mptcp.scheduler).toBe('redundant');
    expect(s.mptcp.congestionControl).toBe('newreno');
    expect(s.hosts[0]!.pathManager).toEqual({ endpoints: [], limits: { subflows: 2, addAddrAccepted: 1 } });
  });
  it('traffic defaults depend on the kind', () => {
    const doc = minimalDocument();
    doc.traffic = [{ id: 'rr', kind: 'request-response', from: 'client', to: 'server', port: 80, requestBytes: 1, responseBytes: 2, count: 3 }];
    expect(fill(doc).traffic[0]).toEqual({ id: 'rr', kind: 'request-response', from: 'client', to: 'server', port: 80, requestBytes: 1, responseBytes: 2, count: 3, intervalUs: 0, startUs: 0 });
  });
  it('leaves the input alone and shares nothing between results', () => {
    const doc = minimalDocument();
    const before = copy(doc);
    const a = fill(doc);
    const b = fill(doc);
    a.routers.push({ id: 'r', interfaces: [] });
    a.mptcp.mitigations.push('syn-cookies');
    expect(b.routers).toEqual([]);
    expect(b.mptcp.mitigations).toEqual([]);
    expect(doc).toEqual(before);
  });

  // Valid documents: a built-in with any set of fields left out whose absence alone still validates.
  const removable = (full: Doc) =>
    allPaths(full).filter((path) => {
      const doc = copy(full);
      const at = parentOf(doc, path);
      if (!at || Array.isArray(at.parent)) return false;
      delete at.parent[at.key];
      return validateScenario(doc).length === 0;
    });
  const sources = BUILTIN_DOCUMENTS.map((d) => ({ full: d as Doc, paths: removable(d as Doc) }));
  const sparse = fc.constantFrom(...sources).chain(({ full, paths }) =>
    fc.subarray(paths).map((chosen) => {
      const doc = copy(full);
      // Deepest first, so a removed parent never hides a child's removal.
      for (const path of [...chosen].sort((x, y) => y.length - x.length)) {
        const at = parentOf(doc, path);
        if (at) delete at.parent[at.key];
      }
      return doc;
    }),
  );

  it('property: the result of a valid document validates, and filling again changes nothing', () => {
    fc.assert(
      fc.property(sparse, (doc) => {
        expect(validateScenario(doc)).toEqual([]);
        const s = fill(doc);
        expect(validateScenario(s)).toEqual([]);
        expect(fill(s as unknown as Doc)).toEqual(s);
      }),
      { numRuns: 200 },
    );
  });
});
