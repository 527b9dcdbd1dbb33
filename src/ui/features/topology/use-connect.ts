/**
 * Connect mode: the next two nodes clicked become the ends of a new link
 * (an `add-link` edit). NATs and middleboxes are refused: their interfaces
 * are fixed, so a link cannot give them a new one.
 */
import { useState } from 'react';
import type { Scenario } from '../../../engine/index.ts';
import { freshLinkId, type ScenarioChange } from '../../store/scenario-changes.ts';

export interface ConnectMode {
  active: boolean;
  /** The node picked first, once there is one. */
  first: string | null;
  /** What the user is to do next; null when not connecting. */
  prompt: string | null;
  toggle(): void;
  cancel(): void;
  pick(node: string): void;
}

/** Why `node` cannot be a link's end (null: it can). */
export function connectRefusal(s: Scenario, node: string): string | null {
  if (s.nats.some((n) => n.id === node)) return `NAT ${node} has fixed interfaces: connect hosts and routers only.`;
  if (s.middleboxes.some((m) => m.id === node)) return `Middlebox ${node} has fixed interfaces: connect hosts and routers only.`;
  return null;
}

interface Options {
  /** Shows a refusal (null clears it). */
  refuse(message: string | null): void;
  /** Called when connect mode starts, e.g. to disarm an attack. */
  onStart(): void;
  onLinked(linkId: string): void;
}

export function useConnect(scenario: Scenario, edit: (c: ScenarioChange) => void, { refuse, onStart, onLinked }: Options): ConnectMode {
  const [state, setState] = useState<{ first: string | null } | null>(null);

  const cancel = () => {
    if (state) refuse(null);
    setState(null);
  };
  const toggle = () => {
    if (state) return cancel();
    onStart();
    setState({ first: null });
  };
  const pick = (node: string) => {
    if (!state) return;
    const why = connectRefusal(scenario, node);
    refuse(why);
    if (why) return;
    if (state.first === null) return setState({ first: node });
    // The first node again: unpick it.
    if (state.first === node) return setState({ first: null });
    const id = freshLinkId(scenario, state.first, node);
    edit({ kind: 'add-link', id, a: state.first, b: node });
    setState(null);
    onLinked(id);
  };

  const prompt = state ? `Connect: pick the ${state.first ? 'second' : 'first'} node` : null;
  return { active: state !== null, first: state?.first ?? null, prompt, toggle, cancel, pick };
}
