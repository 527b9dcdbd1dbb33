/** Where a new node goes: at `p`, or stepped down and right until no node sits within reach of it. */
import type { Point } from './scenario-graph.ts';

const REACH = 50;
const STEP = 50;
const TRIES = 40;

export function freeSpot(p: Point, taken: Iterable<Point>): Point {
  const others = [...taken];
  let spot = p;
  for (let i = 0; i < TRIES && others.some((q) => Math.hypot(q.x - spot.x, q.y - spot.y) < REACH); i++) spot = { x: spot.x + STEP, y: spot.y + STEP };
  return spot;
}
