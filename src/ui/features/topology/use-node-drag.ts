/**
 * Dragging nodes: d3-drag bound once to the <g> around the nodes, in the
 * coordinates of its parent (the zoomed layer, i.e. layout coordinates).
 * It stops the mousedown reaching d3-zoom, so a node drag never pans, and
 * swallows the click that ends a real drag.
 */
import { drag, select, type D3DragEvent } from 'd3';
import { useEffect, useEffectEvent, type RefObject } from 'react';
import type { Point } from './scenario-graph.ts';

interface Subject {
  id: string;
  x: number;
  y: number;
}

export interface NodeDragHandlers {
  /** The node is at `p` (every pointer move). */
  onMove(id: string, p: Point): void;
  /** The drag ended at `p`; `moved` is false for a press without a move. */
  onEnd(id: string, p: Point, moved: boolean): void;
}

export function useNodeDrag(groupRef: RefObject<SVGGElement | null>, positions: ReadonlyMap<string, Point>, handlers: NodeDragHandlers): void {
  const subjectOf = useEffectEvent((el: Element | null): Subject | null => {
    const id = el?.closest('[data-node]')?.getAttribute('data-node');
    const p = id ? positions.get(id) : undefined;
    return id && p ? { id, x: p.x, y: p.y } : null;
  });
  const move = useEffectEvent((id: string, p: Point) => handlers.onMove(id, p));
  const end = useEffectEvent((id: string, p: Point, moved: boolean) => handlers.onEnd(id, p, moved));

  useEffect(() => {
    const g = groupRef.current;
    if (!g) return;
    type Event = D3DragEvent<SVGGElement, unknown, Subject>;
    const behaviour = drag<SVGGElement, unknown, Subject>()
      .filter((e: MouseEvent) => !e.ctrlKey && !e.button && e.target instanceof Element && e.target.closest('[data-node]') !== null)
      .subject((e: Event) => subjectOf(e.sourceEvent?.target instanceof Element ? e.sourceEvent.target : null) as Subject)
      .on('drag', (e: Event) => move(e.subject.id, { x: e.x, y: e.y }))
      .on('end', (e: Event) => end(e.subject.id, { x: e.x, y: e.y }, e.x !== e.subject.x || e.y !== e.subject.y));
    const selection = select(g);
    selection.call(behaviour);
    return () => {
      selection.on('.drag', null);
    };
  }, [groupRef]);
}
