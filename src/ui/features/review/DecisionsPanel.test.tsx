import { act, fireEvent, screen, within } from '@testing-library/react';
import { useMemo } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtinScenario, findingKey, newDecision, reconcileReview, runSurface, surfaceFindings, type Finding, type ReviewDecision, type ReviewedFinding, type Scenario } from '../../../engine/index.ts';
import { useAppStore } from '../../store/store-context.tsx';
import type { AppState } from '../../store/types.ts';
import { HOSTILE } from '../../testing/hostile-strings.ts';
import { makeStore, renderWithStore } from '../../testing/harness.tsx';
import { DecisionsPanel } from './DecisionsPanel.tsx';
import { findingTitle } from './finding-text.ts';

const scenario = builtinScenario('two-path-v1')!;
let findings: Finding[];
beforeAll(() => {
  // One quick attack: every place and class of it, real rows from the monitors.
  findings = surfaceFindings(runSurface(scenario, { attacks: ['passive-eavesdrop'] }).rows);
}, 30_000);

const selectReview = (s: AppState) => s.draft?.review;

/** The panel as the surface view mounts it: the draft's review reconciled with the run's findings. */
function Reviewed({ of, place }: { of: readonly Finding[]; place?: string }) {
  const review = useAppStore(selectReview);
  const entries = useMemo(() => reconcileReview(review, of), [review, of]);
  return <DecisionsPanel findings={entries} place={place} />;
}

function setup(draft: Scenario | null = scenario, place?: string, of = findings) {
  const store = makeStore();
  let runs = 0;
  store.setState({ draft, run: draft ? { scenario: draft, timeline: null } : null, runDraft: async () => void runs++ });
  renderWithStore(<Reviewed of={of} place={place} />, store);
  const group = (f: Finding | ReviewDecision) => screen.getByRole('group', { name: findingTitle('key' in f ? newDecision(f) : f) });
  return { store, group, runs: () => runs };
}

const onR1 = () => findings.find((f) => f.row.place === 'r1' && f.row.location === 'on-path' && f.failure === 'eavesdrop-data')!;

describe('DecisionsPanel', () => {
  it('lists every finding with its place, attack, class, failure and STRIDE category, and a summary', () => {
    setup();
    expect(findings.length).toBeGreaterThan(5);
    expect(screen.getAllByRole('listitem')).toHaveLength(findings.length);
    expect(screen.getByRole('status').textContent).toBe(`${findings.length} findings: ${findings.length} open`);
    const f = onR1();
    const g = screen.getByRole('group', { name: 'Data eavesdropped: Passive eavesdropping at r1 (on-path eavesdropper)' });
    expect(g.textContent).toContain('Information disclosure');
    expect(g.textContent).toContain('Passive eavesdropping at r1 · on-path eavesdropper');
    expect(g.textContent).toContain(f.mptcpSpecific ? 'MPTCP-specific' : 'Inherited from TCP');
    expect((within(g).getByRole('combobox', { name: 'Status' }) as HTMLSelectElement).value).toBe('open');
    const severity = within(g).getByRole('combobox', { name: 'Severity' }) as HTMLSelectElement;
    expect(severity.value).toBe(f.defaultSeverity);
    expect(severity.selectedOptions[0]!.textContent).toMatch(/\(default\)$/);
    expect([...severity.options].filter((o) => o.textContent!.endsWith('(default)'))).toHaveLength(1);
    // Before any decision, nothing is flagged.
    expect(screen.queryByText('New')).toBeNull();
  });

  it('puts a decision edited through the panel in the draft’s review section, one edit each, without re-running; undo takes it back', () => {
    const { store, group, runs } = setup();
    const f = onR1();
    fireEvent.change(within(group(f)).getByRole('combobox', { name: 'Status' }), { target: { value: 'accepted' } });
    const review = store.getState().draft!.review!;
    expect(review.decisions).toEqual([{ ...newDecision(f), status: 'accepted' }]);
    // Every finding on screen is now reviewed: a later run flags only others.
    expect(review.reviewed).toEqual(findings.map((x) => x.key).sort());
    expect(screen.getByRole('status').textContent).toBe(`${findings.length} findings: ${findings.length - 1} open, 1 accepted`);

    fireEvent.change(within(group(f)).getByRole('combobox', { name: 'Severity' }), { target: { value: 'high' } });
    expect(store.getState().draft!.review!.decisions).toEqual([{ ...newDecision(f), status: 'accepted', severity: 'high' }]);
    expect(store.getState().past).toHaveLength(2);
    expect(runs()).toBe(0);

    act(() => store.getState().undo());
    expect(store.getState().draft!.review!.decisions[0]!.severity).toBe(f.defaultSeverity);
    expect((within(group(f)).getByRole('combobox', { name: 'Severity' }) as HTMLSelectElement).value).toBe(f.defaultSeverity);
    expect(runs()).toBe(0);
  });

  it('commits owner and comment on blur or Enter, never per keystroke; Escape puts the text back', () => {
    const { store, group } = setup();
    const f = onR1();
    const owner = within(group(f)).getByRole('textbox', { name: 'Owner' });
    fireEvent.change(owner, { target: { value: 'an' } });
    fireEvent.change(owner, { target: { value: 'ana' } });
    expect(store.getState().past).toHaveLength(0);
    fireEvent.blur(owner);
    expect(store.getState().draft!.review!.decisions[0]!.owner).toBe('ana');
    expect(store.getState().past).toHaveLength(1);
    // A blur with nothing changed is no edit.
    fireEvent.blur(owner);
    expect(store.getState().past).toHaveLength(1);

    const comment = within(group(f)).getByRole('textbox', { name: 'Comment' });
    fireEvent.change(comment, { target: { value: 'TLS planned' } });
    fireEvent.keyDown(comment, { key: 'Enter', shiftKey: true });
    expect(store.getState().past).toHaveLength(1);
    fireEvent.keyDown(comment, { key: 'Enter' });
    expect(store.getState().draft!.review!.decisions[0]).toMatchObject({ owner: 'ana', comment: 'TLS planned', status: 'open' });
    expect(store.getState().past).toHaveLength(2);

    fireEvent.change(owner, { target: { value: 'bob' } });
    fireEvent.keyDown(owner, { key: 'Escape' });
    expect((owner as HTMLInputElement).value).toBe('ana');
    fireEvent.blur(owner);
    expect(store.getState().past).toHaveLength(2);
  });

  it('flags new findings and decisions no longer found, with words, first; removes a stale decision and marks new ones seen', () => {
    const [seen, fresh] = [findings[0]!, findings[1]!];
    const gone: ReviewDecision = { attack: 'blind-reset', place: 'r2', location: 'on-path', capability: 'active', window: null, failure: 'connection-dos', status: 'accepted', severity: 'low', owner: 'ana', comment: 'inherited from TCP' };
    const reviewed = findings.filter((f) => f !== fresh).map((f) => f.key);
    const draft: Scenario = { ...scenario, review: { decisions: [{ ...newDecision(seen), status: 'mitigated' }, gone], reviewed } };
    const { store, group } = setup(draft);

    const items = screen.getAllByRole('listitem');
    expect(within(items[0]!).getByRole('group').getAttribute('aria-label')).toBe(findingTitle(newDecision(fresh)));
    expect(within(items[0]!).getByText('New')).toBeTruthy();
    expect(within(items[1]!).getByRole('group').getAttribute('aria-label')).toBe(findingTitle(gone));
    expect(within(items[1]!).getByText('No longer found')).toBeTruthy();
    expect(screen.getAllByText('New')).toHaveLength(1);
    expect(screen.getByRole('status').textContent).toBe(`${findings.length} findings: ${findings.length - 1} open, 1 mitigated, 1 new, 1 no longer found`);
    // A decision whose finding is gone keeps its fields.
    expect((within(group(gone)).getByRole('textbox', { name: 'Owner' }) as HTMLInputElement).value).toBe('ana');
    expect((within(group(gone)).getByRole('combobox', { name: 'Status' }) as HTMLSelectElement).value).toBe('accepted');

    fireEvent.click(within(group(gone)).getByRole('button', { name: 'Remove decision' }));
    expect(store.getState().draft!.review!.decisions.map(findingKey)).toEqual([seen.key]);
    expect(screen.queryByText('No longer found')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Mark new findings as seen' }));
    expect(store.getState().draft!.review!.reviewed).toContain(fresh.key);
    expect(screen.queryByText('New')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Mark new findings as seen' })).toBeNull();
  });

  it('shows one place’s findings', () => {
    setup(scenario, 'r1');
    const atR1 = findings.filter((f) => f.row.place === 'r1');
    expect(screen.getByRole('heading', { name: 'Reviewer decisions at r1' })).toBeTruthy();
    expect(screen.getAllByRole('listitem')).toHaveLength(atR1.length);
    expect(screen.getByRole('status').textContent).toMatch(new RegExp(`^${atR1.length} findings`));
  });

  it('says when a place has no findings', () => {
    setup(scenario, 'off-path');
    expect(screen.getByText('No failures found off-path.')).toBeTruthy();
  });

  it('has native, labelled controls in the tab order', () => {
    setup(scenario, 'r1');
    const g = screen.getAllByRole('group')[0]!;
    const controls = [...within(g).getAllByRole('combobox'), ...within(g).getAllByRole('textbox')];
    expect(controls.map((c) => c.getAttribute('aria-label') ?? c.closest('label')!.querySelector('span')!.textContent)).toEqual(['Status', 'Severity', 'Owner', 'Comment']);
    expect(controls.every((c) => c.tabIndex === 0 && !(c as HTMLInputElement).disabled)).toBe(true);
  });

  it('is read-only without a draft to edit', () => {
    setup(null, 'r1');
    const controls = screen.getAllByRole('combobox');
    expect(controls.length).toBeGreaterThan(0);
    expect(controls.every((c) => (c as HTMLSelectElement).disabled)).toBe(true);
    expect(screen.getAllByRole('textbox').every((c) => (c as HTMLInputElement).disabled)).toBe(true);
  });

  it('keeps hostile owners, comments and places as text', () => {
    const d: ReviewDecision = { attack: 'passive-eavesdrop', place: HOSTILE.imgOnerror!, location: 'on-path', capability: 'eavesdropper', window: null, failure: 'eavesdrop-data', status: 'open', severity: 'medium', owner: HOSTILE.closeScript!, comment: HOSTILE.markdown! };
    const entries: ReviewedFinding[] = [{ key: findingKey(d), finding: null, decision: d, flag: 'no-longer-found' }];
    const store = makeStore();
    store.setState({ draft: scenario });
    const { container } = renderWithStore(<DecisionsPanel findings={entries} />, store);
    expect(container.querySelector('img, script, b')).toBeNull();
    expect(screen.getByRole('group').getAttribute('aria-label')).toContain(HOSTILE.imgOnerror);
    expect((screen.getByRole('textbox', { name: 'Owner' }) as HTMLInputElement).value).toBe(HOSTILE.closeScript);
    expect((screen.getByRole('textbox', { name: 'Comment' }) as HTMLTextAreaElement).value).toBe(HOSTILE.markdown);
  });
});
