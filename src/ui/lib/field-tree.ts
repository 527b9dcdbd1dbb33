/**
 * Paths into a dissection's field tree and the mapping between fields and
 * bytes. A path is the child indexes from the top joined by dots: "3.9.4" is
 * layer 3, its child 9, that node's child 4.
 */
import type { FieldNode } from '../../engine/index.ts';

export function nodeAt(layers: readonly FieldNode[], path: string): FieldNode | undefined {
  let nodes: readonly FieldNode[] | undefined = layers;
  let node: FieldNode | undefined;
  for (const part of path.split('.')) {
    node = nodes?.[Number(part)];
    if (!node) return undefined;
    nodes = node.children;
  }
  return node;
}

/** The paths of a node's ancestors, outermost first ("3.9.4" -> ["3", "3.9"]). */
export function ancestorsOf(path: string): string[] {
  const parts = path.split('.');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('.'));
}

const covers = (n: FieldNode, offset: number) => n.length > 0 && offset >= n.offset && offset < n.offset + n.length;

/**
 * The innermost field covering a byte: the deepest whole-byte field (the
 * smallest on a tie, e.g. a layer beside the "Frame" line). Bit fields
 * (`mask`) count only where no whole-byte field covers the byte; then the
 * first is taken and not descended into, so a click on a flags byte selects
 * "Flags" rather than one of its bits.
 */
export function innermostFieldAt(layers: readonly FieldNode[], offset: number): string | null {
  interface Hit {
    path: string;
    depth: number;
    length: number;
  }
  const search = (nodes: readonly FieldNode[], prefix: string, depth: number): Hit | null => {
    let best: Hit | null = null;
    let firstMasked: Hit | null = null;
    nodes.forEach((n, i) => {
      if (!covers(n, offset)) return;
      const path = prefix ? `${prefix}.${i}` : String(i);
      if (n.mask !== undefined) {
        firstMasked ??= { path, depth, length: n.length };
        return;
      }
      const hit = (n.children && search(n.children, path, depth + 1)) || { path, depth, length: n.length };
      if (!best || hit.depth > best.depth || (hit.depth === best.depth && hit.length < best.length)) best = hit;
    });
    return best ?? firstMasked;
  };
  return search(layers, '', 0)?.path ?? null;
}

export function isMptcpOptionNode(n: FieldNode): boolean {
  return n.kind === 'mptcp-option';
}

/** What opens with a new frame: every MPTCP option and every field with a problem, with their ancestors. */
export function defaultExpanded(layers: readonly FieldNode[]): Set<string> {
  const open = new Set<string>();
  const visit = (nodes: readonly FieldNode[], prefix: string) => {
    nodes.forEach((n, i) => {
      const path = prefix ? `${prefix}.${i}` : String(i);
      if (isMptcpOptionNode(n)) {
        open.add(path);
        for (const a of ancestorsOf(path)) open.add(a);
      }
      if (n.problem) for (const a of ancestorsOf(path)) open.add(a);
      if (n.children) visit(n.children, path);
    });
  };
  visit(layers, '');
  return open;
}

/**
 * The field a newly shown frame should select: the first field with a
 * problem (a forged HMAC), else the first MPTCP option, else none.
 */
export function initialField(layers: readonly FieldNode[]): string | null {
  let problem: string | null = null;
  let mptcp: string | null = null;
  const visit = (nodes: readonly FieldNode[], prefix: string) => {
    nodes.forEach((n, i) => {
      const path = prefix ? `${prefix}.${i}` : String(i);
      if (n.problem && problem === null) problem = path;
      if (isMptcpOptionNode(n) && mptcp === null) mptcp = path;
      if (n.children) visit(n.children, path);
    });
  };
  visit(layers, '');
  return problem ?? mptcp;
}

export interface VisibleField {
  path: string;
  node: FieldNode;
  depth: number;
}

/** The fields a tree shows, top to bottom, given which are expanded. */
export function visibleFields(layers: readonly FieldNode[], expanded: ReadonlySet<string>): VisibleField[] {
  const out: VisibleField[] = [];
  const visit = (nodes: readonly FieldNode[], prefix: string, depth: number) => {
    nodes.forEach((node, i) => {
      const path = prefix ? `${prefix}.${i}` : String(i);
      out.push({ path, node, depth });
      if (node.children?.length && expanded.has(path)) visit(node.children, path, depth + 1);
    });
  };
  visit(layers, '', 0);
  return out;
}

/** The byte range a field highlights, as [start, end). */
export function byteRange(n: FieldNode | undefined): [number, number] | null {
  return n && n.length > 0 ? [n.offset, n.offset + n.length] : null;
}

/** "..01 ...." style picture of a bit field, for `length` bytes starting at `offset`. */
export function bitPattern(bytes: Uint8Array, n: FieldNode): string | null {
  if (n.mask === undefined || n.length > 4) return null;
  const bits = n.length * 8;
  let value = 0;
  for (let i = 0; i < n.length; i++) value = value * 256 + (bytes[n.offset + i] ?? 0);
  let s = '';
  for (let b = bits - 1; b >= 0; b--) {
    const m = 2 ** b;
    s += Math.floor(n.mask / m) % 2 === 1 ? (Math.floor(value / m) % 2 === 1 ? '1' : '0') : '.';
    if (b % 4 === 0 && b > 0) s += ' ';
  }
  return s;
}
