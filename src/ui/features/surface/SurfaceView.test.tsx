import { act, fireEvent, screen, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleSurface, builtinScenario, planSurface, surfaceRowFixture, surfaceVersion, type SurfaceRow } from '../../../engine/index.ts';
import { makeStore, renderWithStore } from '../../testing/harness.tsx';
import type { SurfacePanelProps } from './SurfaceView.tsx';
import { SurfaceView } from './SurfaceView.tsx';
import { LOOKS, lookOf, placePaint } from './paint.ts';

const nat = builtinScenario('nat-client')!;

const row = (over: Partial<SurfaceRow>): SurfaceRow => surfaceRowFixture(over);

/** nat-client painted every way: high, low, defended, not attempted, not run (r1), medium (off-path). */
async function paintedStore() {
  const store = makeStore();
  await store.getState().loadAttacks();
  store.getState().replaceDraft(nat, null, { run: false });
  const plan = planSurface(nat);
  const rows = [
    row({ place: 'client-r1', attack: 'passive-eavesdrop', capability: 'eavesdropper', failures: ['eavesdrop-data', 'key-compromise'], mptcpSpecific: ['key-compromise'] }),
    row({ place: 'r1-server', failures: ['join-dos'] }),
    row({ place: 'client-nat' }),
    row({ place: 'nat-server', attempted: false }),
    row({ place: 'off-path', placeKind: 'off-path', location: 'off-path', failures: ['eavesdrop-data'] }),
  ];
  const skipped = plan.skipped.filter((s) => s.cell.place === 'client-nat');
  const result = assembleSurface(nat, plan.places, rows, skipped);
  act(() =>
    store.setState({
      surface: { scenario: nat, version: surfaceVersion(nat), rows, places: plan.places, skipped, total: rows.length, done: rows.length, workers: 1, running: false, startedAt: 0, elapsedMs: 1234, cancelled: false, fromCache: false, error: null, result },
    }),
  );
  return store;
}

describe('painting a place', () => {
  it('gives each place a look, a glyph and a label from its worst failure', () => {
    const p = placePaint({ id: 'client-r1', kind: 'link', verdict: 'failure', worst: { failure: 'key-compromise', severity: 'high', mptcpSpecific: true }, failures: ['key-compromise'], rows: 40, rowsWithFailures: 12, rowsAttempted: 40 });
    expect(p).toEqual({ look: 'high', glyph: 'H', label: 'Link client-r1 — high: Keys compromised (MPTCP-specific), 12 of 40 rows with failures' });
    expect(lookOf({ verdict: 'not-attempted', worst: null })).toBe('not-attempted');
    expect(placePaint({ id: 'off-path', kind: 'off-path', verdict: 'not-attempted', worst: null, failures: [], rows: 3, rowsWithFailures: 0, rowsAttempted: 0 }).label).toBe('Off-path — not attempted: no attacker in its 3 rows could act');
    // Every look has its own glyph: the badge tells them apart without colour.
    expect(new Set(LOOKS.map((l) => l.glyph)).size).toBe(LOOKS.length);
  });

  it('gives every look its own colour and its own line pattern, so "not attempted" never looks defended', () => {
    const css = readFileSync(resolve(process.cwd(), 'src/ui/features/surface/surface.css'), 'utf8');
    const rule = (look: string) => {
      const m = new RegExp(`\\.surface-stroke--${look} \\.surface-stroke__line \\{([^}]*)\\}`).exec(css);
      expect(m, look).not.toBeNull();
      const decl = (name: string) => new RegExp(`${name}:\\s*([^;]+);`).exec(m![1]!)?.[1] ?? 'none';
      return { stroke: decl('stroke'), dash: decl('stroke-dasharray') };
    };
    const looks = LOOKS.map((l) => rule(l.look));
    expect(new Set(looks.map((l) => l.stroke)).size).toBe(LOOKS.length);
    expect(new Set(looks.map((l) => l.dash)).size).toBeGreaterThanOrEqual(LOOKS.length - 1);
    // Defended is solid with a rail drawn down its middle; not attempted is dotted.
    expect(rule('defended').dash).toBe('none');
    expect(rule('not-attempted').dash).not.toBe('none');
  });
});

describe('SurfaceView', () => {
  it('paints each link, router and off-path, with a legend', async () => {
    const store = await paintedStore();
    const { container } = renderWithStore(<SurfaceView />, store);
    const stroke = (link: string) => container.querySelector(`.surface-stroke[data-link="${link}"]`)!;
    const badge = (attr: string) => container.querySelector(`.surface-badge[${attr}]`)!;
    expect(stroke('client-r1').getAttribute('class')).toBe('surface-stroke surface-stroke--high');
    expect(badge('data-link="client-r1"').textContent).toContain('H');
    expect(badge('data-link="client-r1"').querySelector('title')!.textContent).toBe('Link client-r1 — high: Keys compromised (MPTCP-specific), 1 of 1 row with failures');
    expect(stroke('r1-server').getAttribute('data-look')).toBe('low');
    expect(stroke('client-nat').getAttribute('data-look')).toBe('defended');
    expect(stroke('client-nat').querySelector('.surface-stroke__rail')).not.toBeNull();
    expect(stroke('nat-server').getAttribute('data-look')).toBe('not-attempted');
    expect(stroke('nat-server').querySelector('.surface-stroke__rail')).toBeNull();
    expect(badge('data-link="nat-server"').textContent).toContain('?');
    expect(badge('data-link="client-nat"').textContent).toContain('✓');
    expect(container.querySelector('.surface-halo[data-look]')!.getAttribute('class')).toBe('surface-halo surface-halo--not-run');
    expect(badge('data-router="r1"').textContent).toContain('–');
    const offPath = container.querySelector('.surface-offpath')!;
    expect([offPath.getAttribute('role'), offPath.getAttribute('aria-label'), offPath.getAttribute('data-look')]).toEqual(['button', 'Off-path — medium: Data eavesdropped, 1 of 1 row with failures', 'medium']);
    const legend = screen.getByRole('region', { name: 'Legend: worst failure per place' });
    expect(within(legend).getAllByRole('listitem').map((li) => li.getAttribute('data-look'))).toEqual(['high', 'medium', 'low', 'defended', 'not-attempted', 'not-run']);
  });

  it('lists a place’s rows and skipped cells when it is chosen on the map or in the list, and hands them to the side panel', async () => {
    const store = await paintedStore();
    const seen: SurfacePanelProps[] = [];
    const Panel = (p: SurfacePanelProps) => {
      seen.push(p);
      return <p>findings of {p.place?.id ?? 'nowhere'}</p>;
    };
    const { container } = renderWithStore(<SurfaceView sidePanel={Panel} />, store);
    expect(screen.getByText('findings of nowhere')).toBeTruthy();
    fireEvent.click(container.querySelector('.surface-stroke[data-link="client-nat"] path')!);
    const rows = screen.getByTestId('surface-rows');
    expect(within(rows).getByRole('heading').textContent).toBe('Link client-nat: 1 row');
    expect(within(rows).getByRole('button', { name: 'Reset injection, on-path active: no failure — open this run' })).toBeTruthy();
    expect(within(rows).getByText(/cells skipped here/)).toBeTruthy();
    expect(within(rows).getAllByText(/needs an address of its own/).length).toBeGreaterThan(0);
    expect(screen.getByText('findings of client-nat')).toBeTruthy();
    expect(seen.at(-1)!.rows).toHaveLength(1);

    fireEvent.click(screen.getByRole('button', { name: /^Link nat-server — not attempted/ }));
    expect(within(screen.getByTestId('surface-rows')).getByText('not attempted')).toBeTruthy();
    fireEvent.keyDown(container.querySelector('.surface-offpath')!, { key: 'Enter' });
    expect(within(screen.getByTestId('surface-rows')).getByRole('heading').textContent).toBe('Off-path: 1 row');
  });

  it('says when the map is stale, and when a network has no links', async () => {
    const store = await paintedStore();
    renderWithStore(<SurfaceView />, store);
    expect(screen.queryByText(/The scenario changed since this map was swept/)).toBeNull();
    act(() => store.getState().replaceDraft({ ...nat, links: [], routers: [] }, null, { run: false }));
    expect(screen.getByRole('status').textContent).toMatch(/The scenario changed since this map was swept/);
    expect(screen.getByRole('note').textContent).toMatch(/This network has no links/);
    expect(screen.getByRole('button', { name: /^Map the attack surface \(0 rows\)$/ })).toBeTruthy();
  });
});
