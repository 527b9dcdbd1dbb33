import { act, createEvent, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildTimeline, builtinScenario, FATE_CODE, runScenario, type AnalysisReport, type Scenario, type TimelineData } from '../../../engine/index.ts';
import { makeStore, renderWithStore } from '../../testing/harness.tsx';
import { COLUMN_GAP, ROW_GAP } from './topology-layout.ts';
import { TopologyView } from './TopologyView.tsx';

function simulate(id: string): { scenario: Scenario; timeline: TimelineData } {
  const scenario = builtinScenario(id)!;
  const r = runScenario(scenario, { baselines: 'none' });
  const attackers = r.attackers.map((a) => ({ id: a.id, label: scenario.attackers.find((x) => x.id === a.id)?.label, sent: a.sent }));
  return { scenario, timeline: buildTimeline(scenario, r.handle.records, attackers, r.endUs) };
}

const twoPath = simulate('two-path-v1');

/** A store showing a run; a stand-in capture so that selecting a frame sticks. */
function show(run: { scenario: Scenario; timeline: TimelineData | null }, nowUs: number) {
  const store = makeStore();
  store.setState({
    run,
    nowUs,
    capture: { id: 999, fileName: 'run.pcap', fileSize: 0, report: {} as AnalysisReport, packets: run.timeline?.count ?? 0, frames: run.timeline?.count ?? 0 },
  });
  const view = renderWithStore(<TopologyView />, store);
  return { store, svg: view.container.querySelector('svg')!, container: view.container };
}

const inFlightAt = (t: TimelineData, now: number) => {
  const out: number[] = [];
  for (let i = 0; i < t.count; i++) if (t.startUs[i]! <= now && now < t.endUs[i]!) out.push(i + 1);
  return out;
};

/** A mouse event whose view is the window (d3-drag listens there for moves); jsdom refuses `view` in the init here. */
function mouse(type: 'mouseDown' | 'mouseMove' | 'mouseUp', target: Element | Window, clientX: number, clientY: number) {
  const event = createEvent[type](target, { clientX, clientY, button: 0 });
  Object.defineProperty(event, 'view', { value: window });
  fireEvent(target, event);
}

const translateOf = (el: Element) => el.getAttribute('transform')!.match(/translate\(([-\d.]+),([-\d.]+)\)/)!.slice(1).map(Number);

describe('TopologyView', () => {
  it('draws every node with its shape, label and addresses, and every link with its parameters', () => {
    const { svg } = show(twoPath, 0);
    expect(screen.getByTestId('topology').getAttribute('aria-label')).toBe('Topology');
    expect(svg.getAttribute('role')).toBe('group');
    expect(svg.getAttribute('aria-label')).toBe('2 hosts, 2 routers, 4 links');

    const node = (id: string) => svg.querySelector(`[data-node="${id}"]`)!;
    expect(node('client').querySelector('rect')).not.toBeNull();
    expect(node('server').querySelector('rect')).not.toBeNull();
    expect(node('r1').querySelector('circle')).not.toBeNull();
    expect(node('r2').querySelector('circle')).not.toBeNull();
    expect(node('client').querySelector('title')!.textContent).toBe('client (host, client): eth0 198.18.1.1; eth1 198.18.2.1');
    const labels = (id: string) => svg.querySelector(`[data-label-for="${id}"]`)!;
    expect([...labels('client').querySelectorAll('.topology__address')].map((t) => t.textContent)).toEqual(['eth0 198.18.1.1', 'eth1 198.18.2.1']);
    expect([...labels('r2').querySelectorAll('.topology__address')].map((t) => t.textContent)).toEqual(['eth0 198.18.2.254', 'eth1 198.18.2.253']);
    expect(node('server').querySelector('.topology__label')).toBeNull();
    expect(labels('server').querySelector('.topology__label')!.textContent).toBe('server');
    // Labels lie over the packets in flight, which lie over the nodes' shapes.
    const layers = [...svg.querySelector('g')!.children];
    const at = (selector: string) => layers.findIndex((g) => g.matches(selector) || g.querySelector(selector) !== null);
    expect(at('.topology__packets')).toBeGreaterThan(at('[data-node]'));
    expect(at('.topology__node-labels')).toBeGreaterThan(at('.topology__packets'));
    expect(svg.textContent).not.toContain('/24');
    // Client left, server right.
    expect(translateOf(node('client'))[0]).toBeLessThan(translateOf(node('r1'))[0]!);
    expect(translateOf(node('r1'))[0]).toBeLessThan(translateOf(node('server'))[0]!);

    const links = [...svg.querySelectorAll('[data-link]')];
    expect(links.map((l) => l.getAttribute('data-link'))).toEqual(['client-r1', 'r1-server', 'client-r2', 'r2-server']);
    for (const l of links) expect(l.querySelector('.topology__link-label')!.textContent).toBe('5 ms · 50 Mbit/s');
  });

  it('shows each subflow in the legend and beside the links it used', () => {
    const { svg } = show(twoPath, 0);
    expect(twoPath.timeline.subflows).toHaveLength(2);
    const items = screen.getByRole('list', { name: 'Subflows' }).querySelectorAll('li');
    expect([...items].map((li) => li.textContent)).toEqual(twoPath.timeline.subflows.map((s) => s.label));
    expect(items[0]!.textContent).toMatch(/^198\.18\.1\.1:\d+ ⇄ 198\.18\.1\.2:8080$/);
    // One stroke per subflow: client → r1 → server beside both its links, 6 units off their lines.
    const strokes = [...svg.querySelectorAll('.topology__subflow')];
    expect(strokes.map((p) => p.getAttribute('stroke'))).toEqual(['#0072B2', '#E69F00']);
    expect(strokes[0]!.getAttribute('d')!.match(/M/g)).toHaveLength(2);
    expect(strokes[0]!.getAttribute('d')).toMatch(/^M[-\d.]+,[-\d.]+ Q/);
    expect(strokes.every((p) => !p.hasAttribute('data-attacker-path'))).toBe(true);
  });

  it('draws the packets in flight where they are, and selects one when clicked', () => {
    const t = twoPath.timeline;
    // The midpoint of the first data-carrying frame the client sends on client-r1 after the handshake.
    const link = t.links.indexOf('client-r1');
    let i = 0;
    while (!(i > 3 && t.link[i] === link && t.lanes[t.fromLane[i]!]!.node === 'client' && t.endUs[i]! > t.startUs[i]!)) i++;
    const now = (t.startUs[i]! + t.endUs[i]!) / 2;
    const { store, svg } = show(twoPath, now);

    const marks = [...svg.querySelectorAll('.topology__packet')];
    const expected = inFlightAt(t, now);
    expect(expected.length).toBeGreaterThan(0);
    expect(marks.map((m) => Number(m.getAttribute('data-frame')))).toEqual(expected);
    const mark = svg.querySelector(`.topology__packet[data-frame="${i + 1}"]`)!;
    // Halfway along the straight link from the client (0, 0) to r1 (COLUMN_GAP, -ROW_GAP / 2).
    expect(translateOf(mark)).toEqual([COLUMN_GAP / 2, -ROW_GAP / 4]);
    expect(mark.querySelector('circle')!.getAttribute('fill')).toBe('#0072B2');

    fireEvent.click(mark.querySelector('circle')!);
    expect(store.getState().selectedFrame).toBe(i + 1);
    expect(svg.querySelector(`.topology__packet[data-frame="${i + 1}"] .topology__packet-ring`)).not.toBeNull();
    expect(svg.querySelectorAll('.topology__packet-ring')).toHaveLength(1);

    // Later, other frames: the marks follow the clock.
    const later = t.startUs[t.count - 1]!;
    act(() => store.setState({ nowUs: later }));
    const after = [...svg.querySelectorAll('.topology__packet')].map((m) => Number(m.getAttribute('data-frame')));
    expect(after).toEqual(inFlightAt(t, later));
    expect(after).not.toContain(i + 1);
  });

  it("draws an attacker with her own address as a node beside her link, and the hijacked subflows through it", async () => {
    const store = makeStore();
    renderWithStore(<TopologyView />, store);
    await act(() => store.getState().simulate('attack-add-addr-hijack-v0'));
    const svg = screen.getByTestId('topology').querySelector('svg')!;
    expect(svg.getAttribute('aria-label')).toBe('2 hosts, 2 routers, 4 links, 1 attacker');

    const badge = svg.querySelector('[data-attacker="mallory"]')!;
    expect([...badge.querySelectorAll('text')].map((t) => t.textContent)).toEqual(['Mallory', '198.18.66.6']);
    expect(badge.querySelector('title')!.textContent).toMatch(/^Mallory: partial-time on-path, active; attack: ADD_ADDR hijack.*; present 35 ms to 250 ms$/);
    // Her node stands off client-r1, tapped into it 30% along client (0, 0) → r1 (COLUMN_GAP, -ROW_GAP / 2).
    const [x, y] = translateOf(badge) as [number, number];
    const tap = badge.querySelector('line')!;
    expect([x + Number(tap.getAttribute('x1')), y + Number(tap.getAttribute('y1'))].map((v) => Math.round(v))).toEqual([0.3 * COLUMN_GAP, -0.3 * ROW_GAP / 2]);
    expect(Math.hypot(Number(tap.getAttribute('x1')), Number(tap.getAttribute('y1')))).toBeCloseTo(78);
    // The run opens at its end, after Mallory left her link: her node stays (the subflow through her runs on), her tap fades.
    expect(badge.getAttribute('opacity')).toBe('1');
    expect(badge.classList.contains('topology__attacker--away')).toBe(true);
    act(() => store.setState({ nowUs: 100_000 }));
    expect(svg.querySelector('[data-attacker="mallory"]')!.classList.contains('topology__attacker--away')).toBe(false);

    // The two hijacked subflows end at her node, not at the far host.
    const ends = [...svg.querySelectorAll('[data-attacker-path="mallory"]')].map((p) => p.getAttribute('d')!.split(' ').pop());
    const r1 = (v: number) => Math.round(v * 10) / 10;
    expect(ends).toEqual([`L${r1(x)},${r1(y)}`, `L${r1(x)},${r1(y)}`]);

    const t = store.getState().run!.timeline!;
    const injected = t.fate.findIndex((f, i) => f === FATE_CODE.injected && t.endUs[i]! > t.startUs[i]!);
    expect(injected).toBeGreaterThanOrEqual(0);
    act(() => store.setState({ nowUs: t.startUs[injected]! }));
    const mark = svg.querySelector(`.topology__packet[data-frame="${injected + 1}"]`)!;
    expect(mark.querySelector('path')!.getAttribute('d')).toBe('M0,-6.5 L6,4.5 L-6,4.5 Z');
    expect(mark.querySelector('path')!.getAttribute('fill')).toBe('#D55E00');
  });

  it('draws NATs as hexagons and middleboxes as diamonds, without a legend when there is no timeline', () => {
    const nat = show({ scenario: builtinScenario('nat-client')!, timeline: null }, 0);
    expect(nat.svg.querySelector('[data-node="nat"] path')!.getAttribute('d')).toMatch(/^M-26,0 L-13,-22\.5/);
    expect(nat.svg.querySelectorAll('.topology__packet')).toHaveLength(0);
    expect(screen.queryByRole('list', { name: 'Subflows' })).toBeNull();
    nat.container.remove();
    const mb = show({ scenario: builtinScenario('middlebox-strip')!, timeline: null }, 0);
    expect(mb.svg.querySelector('[data-node="mb"] path')!.getAttribute('d')).toBe('M0,-28 L28,0 L0,28 L-28,0 Z');
  });

  it('draws a splitting or coalescing middlebox like any other, with the packets it made on the timeline', () => {
    const strip = builtinScenario('middlebox-strip')!;
    for (const box of [{ kind: 'split-segments' as const, splitAtBytes: 500 }, { kind: 'coalesce-segments' as const, coalesceWithinUs: 2000 }]) {
      const { kind: _kind, stripData: _s, stripOnly: _o, ...rest } = strip.middleboxes[0]!;
      const scenario: Scenario = { ...strip, middleboxes: [{ ...rest, ...box }] };
      const r = runScenario(scenario, { baselines: 'none' });
      const timeline = buildTimeline(scenario, r.handle.records, [], r.endUs);
      expect(timeline.count).toBe(r.handle.records.length);
      const view = show({ scenario, timeline }, 0);
      expect(view.svg.querySelector('[data-node="mb"] path')!.getAttribute('d')).toBe('M0,-28 L28,0 L0,28 L-28,0 Z');
      view.container.remove();
    }
  });

  it('docks the key, the editors and the palette in a side panel beside the diagram, closed at first in a short pane', () => {
    const restore = Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight')!;
    // A compact pane (the topology beside the timeline): 260 px high.
    Object.defineProperty(Element.prototype, 'clientHeight', { configurable: true, get: () => 260 });
    try {
      const { store, svg } = show(twoPath, 0);
      act(() => store.setState({ draft: twoPath.scenario, runDraft: async () => {} }));
      const side = screen.getByTestId('topology-side');
      expect(side.contains(svg)).toBe(false);
      const toggle = within(side).getByRole('button', { name: /side panel/ });
      expect(toggle.getAttribute('aria-expanded')).toBe('false');
      expect(screen.queryByRole('complementary', { name: 'Attack palette' })).toBeNull();
      // Closed, the key keeps its swatches, each named by its tooltip.
      expect([...within(side).getByRole('list', { name: 'Subflows' }).querySelectorAll('li')].map((li) => li.getAttribute('title'))).toEqual(twoPath.timeline.subflows.map((s) => s.label));

      // An editor opens the panel: it lives there, not over the drawing.
      fireEvent.click(svg.querySelector('[data-link="client-r2"] .topology__link-hit')!);
      expect(side.contains(screen.getByRole('complementary', { name: 'Link client-r2' }))).toBe(true);
      expect(side.contains(screen.getByRole('complementary', { name: 'Attack palette' }))).toBe(true);
      // Hiding the panel closes the editor.
      fireEvent.click(within(side).getByRole('button', { name: 'Hide the side panel' }));
      expect(screen.queryByRole('complementary', { name: 'Link client-r2' })).toBeNull();
      fireEvent.click(within(side).getByRole('button', { name: /^Show the side panel/ }));
      expect(screen.getByRole('complementary', { name: 'Attack palette' })).toBeTruthy();
    } finally {
      Object.defineProperty(Element.prototype, 'clientHeight', restore);
    }
  });

  it('lights up the link and the subflow of the frame hovered in any view, and hovering a packet here sets it', () => {
    const t = twoPath.timeline;
    const frame = t.subflow.findIndex((sf, i) => sf === 1 && t.links[t.link[i]!] === 'r2-server') + 1;
    const { store, svg } = show(twoPath, (t.startUs[frame - 1]! + t.endUs[frame - 1]!) / 2);
    expect(svg.querySelector('.topology__link--hover')).toBeNull();
    act(() => store.getState().hoverFrame(frame));
    expect([...svg.querySelectorAll('.topology__link--hover')].map((l) => l.getAttribute('data-link'))).toEqual(['r2-server']);
    expect([...svg.querySelectorAll('.topology__subflow--hover')].map((p) => p.getAttribute('data-subflow'))).toEqual(['1']);
    expect(svg.querySelector('.topology__subflows--focus')).not.toBeNull();
    act(() => store.getState().hoverFrame(null));
    expect(svg.querySelector('.topology__link--hover, .topology__subflow--hover, .topology__subflows--focus')).toBeNull();

    const mark = svg.querySelector(`.topology__packet[data-frame="${frame}"] circle`)!;
    fireEvent.mouseOver(mark);
    expect(store.getState().hoveredFrame).toBe(frame);
    fireEvent.mouseLeave(svg.querySelector('.topology__packets')!);
    expect(store.getState().hoveredFrame).toBeNull();
  });

  it('fits the drawing to the view, and the Fit button brings that view back', () => {
    const { svg } = show(twoPath, 0);
    const layer = svg.querySelector('g')!;
    const fitted = layer.getAttribute('transform');
    // Bounds: x from -110 to 2 * COLUMN_GAP + 110, y from -ROW_GAP / 2 - 90 to ROW_GAP / 2 + 110, in 800 × 500.
    const k = Math.min(1.4, 800 / (2 * COLUMN_GAP + 220), 500 / (ROW_GAP + 200));
    expect(fitted).toBe(`translate(${400 - k * COLUMN_GAP},${250 - k * 10}) scale(${k})`);
    layer.setAttribute('transform', 'translate(5,5) scale(2)');
    fireEvent.click(screen.getByRole('button', { name: 'Fit topology to view' }));
    expect(layer.getAttribute('transform')).toBe(fitted);
  });

  it('draws the draft, so edits show before the re-run finishes', () => {
    const { store, svg } = show(twoPath, 0);
    act(() => store.setState({ draft: twoPath.scenario, runDraft: async () => {} }));
    act(() =>
      store.getState().edit([
        { kind: 'set-link', id: 'client-r1', patch: { delayUs: 12_000 } },
        { kind: 'move-node', id: 'r2', x: 100, y: 300 },
      ]),
    );
    expect(svg.querySelector('[data-link="client-r1"] .topology__link-label')!.textContent).toBe('12 ms · 50 Mbit/s');
    expect(translateOf(svg.querySelector('[data-node="r2"]')!)).toEqual([100, 300]);
    // The run on screen is still the old one: its subflows stay drawn.
    expect(store.getState().run!.scenario.links[0]!.delayUs).toBe(5_000);
    expect(svg.querySelectorAll('.topology__subflow')).toHaveLength(2);
  });

  it('moves a dragged node with the pointer, then saves where it ended as one edit, without panning', () => {
    const { store, svg } = show(twoPath, 0);
    act(() => store.setState({ draft: twoPath.scenario, runDraft: async () => {} }));
    const r1 = () => svg.querySelector('[data-node="r1"]')!;
    const [x0, y0] = translateOf(r1()) as [number, number];
    const layer = svg.querySelector('g')!;
    const view = layer.getAttribute('transform');

    mouse('mouseDown', r1().querySelector('circle')!, 100, 100);
    mouse('mouseMove', window, 140, 130);
    expect(translateOf(r1())).toEqual([x0 + 40, y0 + 30]);
    expect(store.getState().past).toHaveLength(0);
    mouse('mouseUp', window, 150, 160);

    expect(store.getState().past.map((b) => b.changes)).toEqual([[{ kind: 'move-node', id: 'r1', x: x0 + 50, y: y0 + 60 }]]);
    expect(store.getState().draft!.ui!.positions).toEqual({ r1: { x: x0 + 50, y: y0 + 60 } });
    expect(translateOf(r1())).toEqual([x0 + 50, y0 + 60]);
    expect(layer.getAttribute('transform')).toBe(view);

    // A press without a move is no edit.
    mouse('mouseDown', r1().querySelector('circle')!, 10, 10);
    mouse('mouseUp', window, 10, 10);
    expect(store.getState().past).toHaveLength(1);
  });

  it('asks for a simulation when there is no run', () => {
    renderWithStore(<TopologyView />, makeStore());
    const section = screen.getByTestId('topology');
    expect(section.textContent).toBe('Simulate a scenario to see its topology.');
    expect(section.querySelector('svg')).toBeNull();
  });
});
