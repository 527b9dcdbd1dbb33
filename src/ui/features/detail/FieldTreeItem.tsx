import type { FieldNode } from '../../../engine/index.ts';
import { ChevronIcon, WarningIcon } from '../../components/icons.tsx';
import { bitPattern, isMptcpOptionNode } from '../../lib/field-tree.ts';

export const fieldDomId = (path: string) => `field-${path.replaceAll('.', '-')}`;

interface Props {
  node: FieldNode;
  path: string;
  level: number;
  bytes: Uint8Array;
  expanded: ReadonlySet<string>;
  selected: string | null;
  onSelect(path: string): void;
  onToggle(path: string): void;
}

export function FieldTreeItem({ node, path, level, bytes, expanded, selected, onSelect, onToggle }: Props) {
  const hasChildren = (node.children?.length ?? 0) > 0;
  const open = hasChildren && expanded.has(path);
  const bits = bitPattern(bytes, node);
  const mptcp = isMptcpOptionNode(node);
  return (
    <li
      role="treeitem"
      id={fieldDomId(path)}
      aria-level={level}
      aria-expanded={hasChildren ? open : undefined}
      aria-selected={selected === path}
      aria-label={`${node.label}${node.value ? `: ${node.value}` : ''}${node.problem ? ` (problem: ${node.problem})` : ''}`}
      className="ftree__item"
    >
      <div
        className={`ftree__row${selected === path ? ' ftree__row--selected' : ''}${node.problem ? ' ftree__row--problem' : ''}${mptcp ? ' ftree__row--mptcp' : ''}`}
        style={{ paddingInlineStart: `${(level - 1) * 1.1 + 0.3}rem` }}
        onClick={() => onSelect(path)}
      >
        {hasChildren ? (
          <span
            className={`ftree__toggle${open ? ' ftree__toggle--open' : ''}`}
            onClick={(e) => {
              e.stopPropagation();
              onToggle(path);
            }}
            aria-hidden="true"
          >
            <ChevronIcon />
          </span>
        ) : (
          <span className="ftree__toggle" aria-hidden="true" />
        )}
        <span className="ftree__line">
          {bits && <span className="ftree__bits mono">{bits}</span>}
          <span className="ftree__label">{node.label}</span>
          {node.value && (
            <>
              <span className="ftree__sep">:</span> <span className="ftree__value mono">{node.value}</span>
            </>
          )}
        </span>
        {node.note && <span className="ftree__note">{node.note}</span>}
        {node.problem && (
          <span className="ftree__problem">
            <WarningIcon /> {node.problem}
          </span>
        )}
      </div>
      {open && (
        <ul role="group" className="ftree__group">
          {node.children!.map((child, i) => (
            <FieldTreeItem
              key={i}
              node={child}
              path={`${path}.${i}`}
              level={level + 1}
              bytes={bytes}
              expanded={expanded}
              selected={selected}
              onSelect={onSelect}
              onToggle={onToggle}
            />
          ))}
        </ul>
      )}
    </li>
  );
}
