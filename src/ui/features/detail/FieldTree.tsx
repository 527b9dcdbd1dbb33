import { useEffect, useMemo, type KeyboardEvent } from 'react';
import type { FrameDetail } from '../../../worker/capture-client.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { selectExpandedFields, selectSelectField, selectSelectedField, selectToggleField } from '../../store/selectors.ts';
import { ancestorsOf, visibleFields } from '../../lib/field-tree.ts';
import { FieldTreeItem, fieldDomId } from './FieldTreeItem.tsx';

/** The frame's fields as a tree (one focus stop; arrows move, Left/Right fold). */
export function FieldTree({ detail }: { detail: FrameDetail }) {
  const expanded = useAppStore(selectExpandedFields);
  const selected = useAppStore(selectSelectedField);
  const selectField = useAppStore(selectSelectField);
  const toggleField = useAppStore(selectToggleField);
  const visible = useMemo(() => visibleFields(detail.layers, expanded), [detail.layers, expanded]);

  // Keep the selected field in view (it may be chosen from the hex dump or a problem link).
  useEffect(() => {
    if (selected !== null) document.getElementById(fieldDomId(selected))?.scrollIntoView({ block: 'nearest' });
  }, [selected, detail]);

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    if (visible.length === 0) return;
    const i = selected === null ? -1 : visible.findIndex((v) => v.path === selected);
    const cur = i >= 0 ? visible[i]! : null;
    const go = (j: number) => selectField(visible[Math.max(0, Math.min(visible.length - 1, j))]!.path);
    switch (e.key) {
      case 'ArrowDown':
        go(i + 1);
        break;
      case 'ArrowUp':
        go(i < 0 ? 0 : i - 1);
        break;
      case 'Home':
        go(0);
        break;
      case 'End':
        go(visible.length - 1);
        break;
      case 'ArrowRight':
        if (!cur) go(0);
        else if (cur.node.children?.length) {
          if (!expanded.has(cur.path)) toggleField(cur.path, true);
          else go(i + 1);
        }
        break;
      case 'ArrowLeft':
        if (!cur) go(0);
        else if (cur.node.children?.length && expanded.has(cur.path)) toggleField(cur.path, false);
        else {
          const parent = ancestorsOf(cur.path).pop();
          if (parent !== undefined) selectField(parent);
        }
        break;
      case 'Enter':
      case ' ':
        if (cur?.node.children?.length) toggleField(cur.path);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  return (
    <div className="ftree">
      <ul
        role="tree"
        aria-label={`Fields of frame ${detail.frame}`}
        tabIndex={0}
        aria-activedescendant={selected !== null ? fieldDomId(selected) : undefined}
        onKeyDown={onKeyDown}
        className="ftree__root"
      >
        {detail.layers.map((node, i) => (
          <FieldTreeItem key={i} node={node} path={String(i)} level={1} bytes={detail.bytes} expanded={expanded} selected={selected} onSelect={selectField} onToggle={toggleField} />
        ))}
      </ul>
    </div>
  );
}
