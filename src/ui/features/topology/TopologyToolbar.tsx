import type { EditableNodeKind } from '../../store/scenario-changes.ts';
import type { ConnectMode } from './use-connect.ts';

interface Props {
  /** There is a draft to edit. */
  editable: boolean;
  connect: ConnectMode;
  /** A node, link or attacker is selected. */
  canDelete: boolean;
  onAdd(kind: EditableNodeKind): void;
  onDelete(): void;
  /** What an unfinished edit still needs (a neutral hint, not an error), or null. */
  draftHint: string | null;
}

/** Adding, connecting and deleting nodes; the line beside says what connect mode waits for, and what an unfinished edit needs before it runs. */
export function TopologyToolbar({ editable, connect, canDelete, onAdd, onDelete, draftHint }: Props) {
  return (
    <div className="topology-tools" role="toolbar" aria-label="Edit topology">
      <button type="button" className="btn btn--small" disabled={!editable} onClick={() => onAdd('host')} title="Add a host in the middle of the view">
        Add host
      </button>
      <button type="button" className="btn btn--small" disabled={!editable} onClick={() => onAdd('router')} title="Add a router in the middle of the view">
        Add router
      </button>
      <button type="button" className="btn btn--small" disabled={!editable} aria-pressed={connect.active} onClick={connect.toggle} title="Link two hosts or routers: click one, then the other (Esc cancels)">
        Connect
      </button>
      <button type="button" className="btn btn--small" disabled={!editable || !canDelete} onClick={onDelete} title="Delete the selected node, link or attacker (Delete)">
        Delete
      </button>
      <span className="topology-tools__status" aria-live="polite">
        {connect.prompt}
      </span>
      {draftHint && (
        <span className="topology-tools__draft" role="status">
          {draftHint}
        </span>
      )}
    </div>
  );
}
