import { fireEvent, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { makeStore, renderWithStore } from '../../testing/harness.tsx';
import { EmptyState } from './EmptyState.tsx';

const HIJACK_V0 = 'ADD_ADDR hijack, MPTCP v0 (RFC 7430 §2)';

async function landing(openLesson = vi.fn(async () => {})) {
  const store = makeStore();
  await store.getState().loadScenarios();
  const simulate = vi.fn(async () => {});
  store.setState({ simulate, openLesson });
  renderWithStore(<EmptyState onOpen={() => {}} />, store);
  // The lessons' section is a lazy chunk: it arrives after the first render (slowly, the first time a cold checkout imports it).
  await screen.findByRole('region', { name: 'Learn it step by step' }, { timeout: 15_000 });
  return { store, simulate };
}

describe('EmptyState', () => {
  // Lesson progress left by another test file would turn Start into Continue.
  beforeEach(() => localStorage.clear());

  it('leads with the threat lab (its steps, the first attack, the attack gallery), with capture analysis below', async () => {
    const { simulate } = await landing();
    const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(headings).toEqual(['See what attackers can do to Multipath TCP', 'Learn it step by step', 'Simulate a scenario', 'Or look inside a capture']);
    expect(within(screen.getByRole('list', { name: 'How it works' })).getAllByRole('listitem').map((li) => li.querySelector('.step__title')!.textContent)).toEqual([
      'Pick an attack',
      'Place an attacker',
      'Watch what breaks',
    ]);
    const groups = within(screen.getByRole('region', { name: 'Simulate a scenario' })).getAllByRole('heading', { level: 3 }).map((h) => h.firstChild!.textContent!.trim());
    expect(groups).toEqual(['Attacks', 'Networks']);
    expect(within(screen.getByRole('region', { name: 'Or look inside a capture' })).getByRole('list', { name: 'Ways to open a capture' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Watch an ADD_ADDR hijack (MPTCP v0)' }));
    expect(simulate).toHaveBeenCalledExactlyOnceWith('attack-add-addr-hijack-v0');
  });

  it('lists the built-in lessons, and starts one', async () => {
    const openLesson = vi.fn(async () => {});
    await landing(openLesson);
    const lessons = screen.getByRole('region', { name: 'Learn it step by step' });
    // The lessons' documents load after the page (a chunk of their own).
    expect((await within(lessons).findAllByRole('article', undefined, { timeout: 15_000 })).map((a) => a.getAttribute('data-lesson'))).toContain('add-addr-hijack');
    fireEvent.click(within(lessons).getByRole('button', { name: 'Start the lesson ADD_ADDR hijack (RFC 7430 §2)' }));
    expect(openLesson).toHaveBeenCalledOnce();
    expect((openLesson.mock.calls[0] as unknown[])[0]).toMatchObject({ id: 'add-addr-hijack' });
  });

  it('lists the built-ins as networks and attacks, and runs one', async () => {
    const { store, simulate } = await landing();
    const all = store.getState().scenarios;
    const networks = screen.getByRole('region', { name: 'Networks' });
    const attacks = screen.getByRole('region', { name: 'Attacks' });
    const titles = (el: HTMLElement) => within(el).getAllByRole('article').map((a) => a.getAttribute('data-scenario'));
    expect(titles(networks)).toEqual(all.filter((s) => s.attacks.length === 0).map((s) => s.id));
    expect(titles(attacks)).toEqual(all.filter((s) => s.attacks.length > 0).map((s) => s.id));
    expect(titles(networks)).toContain('two-path-v1');
    expect(titles(networks).length + titles(attacks).length).toBe(all.length);

    const card = within(attacks).getByRole('article', { name: HIJACK_V0 });
    expect(within(card).getByRole('heading', { name: HIJACK_V0 })).toBeTruthy();
    const text = card.querySelector('.scenario-card__text')!;
    expect(text.getAttribute('title')).toBe(text.textContent);
    expect(text.textContent).toMatch(/^A client and a server, each with two interfaces/);
    const tags = (el: Element) => [...el.querySelectorAll('.tag')].map((t) => t.textContent);
    expect(tags(card)).toEqual(['MPTCP v0', 'attack: add-addr-hijack']);
    expect(tags(within(attacks).getByRole('article', { name: 'MP_JOIN flood against a half-open limit (RFC 7430 §3)' }))).toEqual(['MPTCP v1', 'attack: join-dos', 'half-open-limit']);
    expect(within(networks).queryByRole('article', { name: HIJACK_V0 })).toBeNull();

    fireEvent.click(within(card).getByRole('button', { name: `Run ${HIJACK_V0}` }));
    expect(simulate).toHaveBeenCalledExactlyOnceWith('attack-add-addr-hijack-v0');
  });

  it('asks the engine for the scenarios when the list is empty', async () => {
    const store = makeStore();
    const loadScenarios = vi.fn(async () => {});
    store.setState({ loadScenarios });
    renderWithStore(<EmptyState onOpen={() => {}} />, store);
    expect(loadScenarios).toHaveBeenCalledOnce();
    expect(screen.getByText('Loading the scenarios…')).toBeTruthy();
  });
});
