import { describe, expect, it } from 'vitest';
import { builtinScenario } from '../../engine/index.ts';
import { makeStore, until } from '../testing/harness.tsx';
import { readyToRun, unfinishedHint, unfinishedNodes } from './draft-status.ts';
import { applyChanges } from './scenario-changes.ts';

describe('editing a run', () => {
  it('re-runs each edit, undoes and redoes it, and a built-in run keeps the work before it one undo away', async () => {
    const store = makeStore();
    await store.getState().simulate('attack-add-addr-hijack-v0');
    const v0 = store.getState().simulation!;
    expect(v0.failures.map((f) => f.id)).toContain('mitm');
    expect(store.getState().draftBase?.id).toBe('attack-add-addr-hijack-v0');

    store.getState().edit({ kind: 'set-protocol', protocol: 'mptcp-v1' });
    await until(store, (s) => s.simulation?.protocol === 'mptcp-v1' && s.loading === null, 30_000);
    expect(store.getState().simulation!.failures.map((f) => f.id)).not.toContain('mitm');

    store.getState().undo();
    await until(store, (s) => s.simulation?.protocol === 'mptcp-v0' && s.loading === null, 30_000);
    expect(store.getState().simulation!.digest).toBe(v0.digest);
    expect(store.getState().future).toHaveLength(1);

    store.getState().redo();
    await until(store, (s) => s.simulation?.protocol === 'mptcp-v1' && s.loading === null, 30_000);

    await store.getState().simulate('two-path-v1');
    expect(store.getState().draftBase?.id).toBe('two-path-v1');
    store.getState().undo();
    await until(store, (s) => s.simulation?.scenarioId === 'attack-add-addr-hijack-v0' && s.loading === null, 30_000);
    expect(store.getState().draft!.protocol).toBe('mptcp-v1');
    expect(store.getState().draftBase?.id).toBe('attack-add-addr-hijack-v0');
  }, 120_000);

  it('refuses an edit the engine finds invalid with its reason, and keeps the draft to undo', async () => {
    const store = makeStore();
    await store.getState().simulate('two-path-v1');
    const digest = store.getState().simulation!.digest;
    store.getState().edit({ kind: 'set-link', id: store.getState().draft!.links[0]!.id, patch: { delayUs: -1 } });
    await until(store, (s) => s.error !== null, 30_000);
    expect(store.getState().error!.code).toBe('SCENARIO_INVALID');
    expect(store.getState().error!.message).toMatch(/\$\.links\[0\]\.delayUs/);
    expect(store.getState().simulation!.digest).toBe(digest);
    store.getState().undo();
    await until(store, (s) => s.error === null && s.loading === null, 30_000);
    expect(store.getState().draft!.links[0]!.delayUs).toBeGreaterThan(0);
  }, 60_000);

  it('opens a scenario file only when the engine accepts it, listing every problem with its path otherwise', async () => {
    const store = makeStore();
    await store.getState().simulate('two-path-v1');
    const before = store.getState().draft;
    await store.getState().openScenarioText('{"schemaVersion": 1, "id": 5}', 'bad.json');
    const problems = store.getState().scenarioProblems!;
    expect(problems.fileName).toBe('bad.json');
    expect(problems.problems.length).toBeGreaterThan(0);
    expect(problems.problems.every((p) => p.path.startsWith('$'))).toBe(true);
    expect(store.getState().draft).toBe(before);
    await store.getState().openScenarioText('{ nope', 'notjson.json');
    expect(store.getState().scenarioProblems!.problems[0]!.message).toMatch(/JSON syntax error at line 1, column 3/);
    expect(store.getState().draft).toBe(before);
    // Over the size limit: refused before the file is read, saying both sizes.
    const huge = new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'huge.json');
    huge.text = () => Promise.reject(new Error('a refused file must not be read'));
    await store.getState().openScenarioFile(huge);
    expect(store.getState().scenarioProblems).toEqual({ fileName: 'huge.json', problems: [{ path: '$', message: 'it is 10.0 MB; a scenario file may be at most 10 MB' }] });
    expect(store.getState().draft).toBe(before);
  }, 60_000);

  it('keeps an unfinished edit as a draft: a new host waits, with no error and no re-run, until it is connected', async () => {
    const store = makeStore();
    await store.getState().simulate('two-path-v1');
    const digest = store.getState().simulation!.digest;
    let runs = 0;
    const runDraft = store.getState().runDraft;
    store.setState({ runDraft: () => (runs++, runDraft()) });

    store.getState().edit({ kind: 'add-node', node: 'host', id: 'host-1', x: 0, y: 300 });
    store.getState().edit({ kind: 'add-node', node: 'router', id: 'router-1', x: 100, y: 300 });
    expect(runs).toBe(0);
    expect(store.getState().error).toBeNull();
    expect(store.getState().simulation!.digest).toBe(digest);
    expect(store.getState().past).toHaveLength(2);

    // Linked to each other, both are finished: it runs.
    store.getState().edit({ kind: 'add-link', id: 'host-1-router-1', a: 'host-1', b: 'router-1' });
    expect(runs).toBe(1);
    await until(store, (s) => s.loading === null && s.run?.scenario.hosts.some((h) => h.id === 'host-1') === true, 30_000);
    expect(store.getState().error).toBeNull();

    // Undo back to the unfinished draft: it waits again.
    store.getState().undo();
    expect(runs).toBe(1);
    expect(store.getState().error).toBeNull();
  }, 60_000);
});

describe('unfinishedNodes', () => {
  it('names the hosts and routers not yet connected, with a hint instead of an error', () => {
    const s = builtinScenario('two-path-v1')!;
    expect(unfinishedNodes(s)).toEqual([]);
    expect(readyToRun(s)).toBe(true);
    const added = applyChanges(s, [
      { kind: 'add-node', node: 'router', id: 'router-1', x: 0, y: 0 },
      { kind: 'add-node', node: 'host', id: 'host-1', x: 0, y: 0 },
    ]);
    expect(unfinishedNodes(added)).toEqual([
      { id: 'host-1', kind: 'host' },
      { id: 'router-1', kind: 'router' },
    ]);
    expect(readyToRun(added)).toBe(false);
    expect(unfinishedNodes(added).map(unfinishedHint)).toEqual(['New host host-1: connect it to a router to run it', 'New router router-1: connect it to a host or router to run it']);
    expect(unfinishedNodes(applyChanges(added, [{ kind: 'add-link', id: 'l', a: 'host-1', b: 'r1' }]))).toEqual([{ id: 'router-1', kind: 'router' }]);
  });
});
