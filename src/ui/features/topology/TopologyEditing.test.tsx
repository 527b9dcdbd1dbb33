import { act, createEvent, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { loadScenario, type Scenario } from '../../../engine/index.ts';
import { describeChanges } from '../../store/scenario-changes.ts';
import { makeStore, renderWithStore } from '../../testing/harness.tsx';
import { TopologyView } from './TopologyView.tsx';

/** A built-in run on screen; re-runs after edits are stubbed (the draft changes at once). */
async function simulated(id: string) {
  const store = makeStore();
  renderWithStore(<TopologyView />, store);
  await act(() => store.getState().simulate(id));
  act(() => store.setState({ runDraft: async () => {} }));
  const section = screen.getByTestId('topology');
  const svg = section.querySelector('svg')!;
  const draft = () => store.getState().draft!;
  const node = (id: string) => svg.querySelector<SVGGElement>(`[data-node="${id}"]`)!;
  const shape = (id: string) => node(id).querySelector('.topology__shape')!;
  const button = (name: string) => within(section).getByRole<HTMLButtonElement>('button', { name });
  const prompt = () => section.querySelector('.topology-tools__status')!.textContent;
  return { store, section, svg, draft, node, shape, button, prompt };
}

const ids = (list: readonly { id: string }[]) => list.map((x) => x.id);
const ifaces = (s: Scenario, id: string) => [...s.hosts, ...s.routers].find((n) => n.id === id)!.interfaces.map((i) => `${i.id} ${i.addresses.join(' ')}`);

function mouse(type: 'mouseDown' | 'mouseMove' | 'mouseUp', target: Element | Window, clientX: number, clientY: number) {
  const event = createEvent[type](target, { clientX, clientY, button: 0 });
  Object.defineProperty(event, 'view', { value: window });
  fireEvent(target, event);
}

describe('editing the topology', () => {
  it('adds a router in the middle of the view, connects it to r1 and the server, and deletes a link and the router', async () => {
    const { store, section, svg, draft, node, shape, button, prompt } = await simulated('two-path-v1');
    expect(within(section).getByRole('toolbar', { name: 'Edit topology' })).toBeTruthy();
    expect(button('Delete').disabled).toBe(true);

    fireEvent.click(button('Add router'));
    expect(ids(draft().routers)).toEqual(['r1', 'r2', 'router-1']);
    expect(draft().routers[2]).toEqual({ id: 'router-1', interfaces: [] });
    // The middle of the fitted view (140, 10) lies among the links: the nearest spot clear of every node and link is under r2.
    // The other nodes are pinned where the layout drew them, so they stay put.
    expect(draft().ui!.positions).toEqual({ 'router-1': { x: 260, y: 190 }, client: { x: 0, y: 0 }, r1: { x: 260, y: -80 }, r2: { x: 260, y: 80 }, server: { x: 520, y: 0 } });
    expect(node('router-1').getAttribute('transform')).toBe('translate(260,190)');
    expect(node('router-1').getAttribute('data-selected')).toBe('true');
    expect(node('router-1').getAttribute('aria-pressed')).toBe('true');
    expect(node('router-1').querySelector('.topology__ring')).not.toBeNull();
    expect(button('Delete').disabled).toBe(false);

    fireEvent.click(button('Connect'));
    expect(button('Connect').getAttribute('aria-pressed')).toBe('true');
    expect(prompt()).toBe('Connect: pick the first node');
    expect(node('router-1').getAttribute('data-selected')).toBe('false');
    fireEvent.click(shape('router-1'));
    expect(prompt()).toBe('Connect: pick the second node');
    expect(node('router-1').getAttribute('data-selected')).toBe('true');
    fireEvent.click(shape('r1'));
    expect(draft().links[4]).toEqual({ id: 'router-1-r1', a: 'router-1.eth0', b: 'r1.eth2', delayUs: 5000, bandwidthBps: 10_000_000, lossRate: 0, queuePackets: 100, mtuBytes: 1500 });
    expect(button('Connect').getAttribute('aria-pressed')).toBe('false');
    expect(prompt()).toBe('');
    // The new link is selected, its editor open.
    expect(screen.getByRole('complementary', { name: 'Link router-1-r1' })).toBeTruthy();

    fireEvent.click(button('Connect'));
    fireEvent.click(shape('router-1'));
    fireEvent.click(shape('server'));
    expect(draft().links.slice(4).map((l) => `${l.id} ${l.a} ${l.b}`)).toEqual(['router-1-r1 router-1.eth0 r1.eth2', 'router-1-server router-1.eth1 server.eth2']);
    expect(ifaces(draft(), 'router-1')).toEqual(['eth0 198.18.0.1/24', 'eth1 198.18.3.1/24']);
    expect(ifaces(draft(), 'server')).toEqual(['eth0 198.18.1.2/24', 'eth1 198.18.2.2/24', 'eth2 198.18.3.2/24']);
    expect(loadScenario(draft()).ok).toBe(true);
    expect(svg.getAttribute('aria-label')).toBe('2 hosts, 3 routers, 6 links');

    // The Delete key on the selected link.
    fireEvent.keyDown(svg.querySelector('[data-link="router-1-server"]')!, { key: 'Delete' });
    expect(ids(draft().links)).toEqual(['client-r1', 'r1-server', 'client-r2', 'r2-server', 'router-1-r1']);
    expect(ifaces(draft(), 'server')).toEqual(['eth0 198.18.1.2/24', 'eth1 198.18.2.2/24']);
    expect(screen.queryByRole('complementary', { name: /^Link / })).toBeNull();

    // A click selects the router; the Delete button removes it with its link.
    fireEvent.click(shape('router-1'));
    expect(node('router-1').getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(button('Delete'));
    expect(ids(draft().routers)).toEqual(['r1', 'r2']);
    expect(ids(draft().links)).toEqual(['client-r1', 'r1-server', 'client-r2', 'r2-server']);
    expect(ifaces(draft(), 'r1')).toEqual(['eth0 198.18.1.254/24', 'eth1 198.18.1.253/24']);
    expect(Object.keys(draft().ui!.positions as object)).toEqual(['client', 'r1', 'r2', 'server']);
    expect(node('router-1')).toBeNull();
    expect(button('Delete').disabled).toBe(true);
    const past = store.getState().past;
    expect(past.map((b) => describeChanges(b.changes))).toEqual(['add router router-1', 'connect router-1 and r1', 'connect router-1 and server', 'remove link router-1-server', 'remove router-1']);
    expect(past[0]!.changes[0]).toEqual({ kind: 'add-node', node: 'router', id: 'router-1', x: 260, y: 190 });
    expect(past[0]!.changes.slice(1).map((c) => (c.kind === 'move-node' ? c.id : c.kind))).toEqual(['client', 'r1', 'r2', 'server']);
    expect(past.slice(1).map((b) => b.changes)).toEqual([
      [{ kind: 'add-link', id: 'router-1-r1', a: 'router-1', b: 'r1' }],
      [{ kind: 'add-link', id: 'router-1-server', a: 'router-1', b: 'server' }],
      [{ kind: 'remove-link', id: 'router-1-server' }],
      [{ kind: 'remove-node', id: 'router-1' }],
    ]);
  });

  it('adds a host beside a node already in the middle, and Backspace deletes it', async () => {
    const { draft, node, button } = await simulated('two-path-v1');
    fireEvent.click(button('Add router'));
    fireEvent.click(button('Add host'));
    expect(ids(draft().hosts)).toEqual(['client', 'server', 'host-1']);
    const positions = draft().ui!.positions as Record<string, { x: number; y: number }>;
    expect(positions['router-1']).toEqual({ x: 260, y: 190 });
    // The host clears every node (and the new router) by a node's room.
    for (const [id, p] of Object.entries(positions)) if (id !== 'host-1') expect(Math.hypot(p.x - positions['host-1']!.x, p.y - positions['host-1']!.y)).toBeGreaterThanOrEqual(110);
    expect(node('host-1').querySelector('rect.topology__ring')).not.toBeNull();
    fireEvent.keyDown(node('host-1'), { key: 'Backspace' });
    expect(ids(draft().hosts)).toEqual(['client', 'server']);
  });

  it('leaves a key typed into the link editor alone', async () => {
    const { svg, draft } = await simulated('two-path-v1');
    fireEvent.click(svg.querySelector('[data-link="client-r2"] .topology__link-hit')!);
    const field = within(screen.getByRole('complementary', { name: 'Link client-r2' })).getByLabelText('Delay (ms)');
    fireEvent.keyDown(field, { key: 'Backspace' });
    fireEvent.keyDown(field, { key: 'Delete' });
    expect(ids(draft().links)).toEqual(['client-r1', 'r1-server', 'client-r2', 'r2-server']);
  });

  it('refuses to connect a NAT, unpicks the first node when clicked again, and Escape ends connect mode', async () => {
    const { store, section, shape, node, button, prompt } = await simulated('nat-client');
    fireEvent.click(button('Connect'));
    fireEvent.click(shape('nat'));
    expect(within(section).getByRole('status').textContent).toBe('NAT nat has fixed interfaces: connect hosts and routers only.');
    expect(prompt()).toBe('Connect: pick the first node');
    fireEvent.click(shape('r1'));
    expect(within(section).getByRole('status').textContent).toBe('');
    expect(prompt()).toBe('Connect: pick the second node');
    fireEvent.click(shape('r1'));
    expect(prompt()).toBe('Connect: pick the first node');
    expect(node('r1').getAttribute('data-selected')).toBe('false');
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(button('Connect').getAttribute('aria-pressed')).toBe('false');
    expect(prompt()).toBe('');
    expect(store.getState().past).toHaveLength(0);
  });

  it('neither selects nor connects with the click that ends a drag', async () => {
    const { store, node, shape, button, prompt } = await simulated('two-path-v1');
    const drag = async (id: string) => {
      mouse('mouseDown', shape(id), 100, 100);
      mouse('mouseMove', window, 140, 130);
      mouse('mouseUp', window, 140, 130);
      fireEvent.click(shape(id));
      // Clicks are swallowed for one tick after a drag; a person is slower.
      await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
    };
    await drag('r1');
    expect(node('r1').getAttribute('data-selected')).toBe('false');
    expect(store.getState().past.map((b) => b.changes[0]!.kind)).toEqual(['move-node']);

    fireEvent.click(button('Connect'));
    await drag('r2');
    expect(prompt()).toBe('Connect: pick the first node');
    expect(store.getState().past.map((b) => b.changes[0]!.kind)).toEqual(['move-node', 'move-node']);
  });

  it('ends connect mode when an attack is armed', async () => {
    const { store, section, button, prompt } = await simulated('two-path-v1');
    await act(() => store.getState().loadAttacks());
    fireEvent.click(button('Connect'));
    fireEvent.click(section.querySelector('[data-attack="blind-reset"]')!);
    expect(button('Connect').getAttribute('aria-pressed')).toBe('false');
    expect(prompt()).toBe('');
    expect(section.querySelector('[data-attack="blind-reset"]')!.getAttribute('aria-pressed')).toBe('true');
  });

  it('shows a new host as a draft with a hint, not an error, until it is connected', async () => {
    const { store, section, node, shape, button } = await simulated('two-path-v1');
    fireEvent.click(button('Add host'));
    expect(node('host-1').getAttribute('data-draft')).toBe('true');
    expect(section.querySelector('[data-label-for="host-1"]')!.textContent).toContain('not connected yet');
    expect(section.querySelector('.topology-tools__draft')!.textContent).toBe('New host host-1: connect it to a router to run it');
    expect(store.getState().error).toBeNull();

    fireEvent.click(button('Connect'));
    fireEvent.click(shape('host-1'));
    fireEvent.click(shape('r1'));
    expect(node('host-1').hasAttribute('data-draft')).toBe(false);
    expect(section.querySelector('.topology-tools__draft')).toBeNull();
  });
});
