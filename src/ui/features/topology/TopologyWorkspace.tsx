import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Scenario } from '../../../engine/index.ts';
import { isTyping } from '../../lib/keyboard.ts';
import { freshNodeId, type EditableNodeKind, type ScenarioChange } from '../../store/scenario-changes.ts';
import { AttackerEditor } from '../attackers/AttackerEditor.tsx';
import { NOT_A_PLACE } from '../attackers/attacker-rules.ts';
import { AttackerPalette } from '../attackers/AttackerPalette.tsx';
import { usePlacement } from '../attackers/use-placement.ts';
import { selectDraft, selectEdit, selectRunFromCapture, selectTimeline } from '../../store/selectors.ts';
import { unfinishedHint, unfinishedNodes } from '../../store/draft-status.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { LinkEditor } from './LinkEditor.tsx';
import { withPinnedLayout } from './pin-layout.ts';
import { nodeOf, placeOf, type Selection, type Target } from './topology-targets.ts';
import { TopologyDiagram, type DiagramHandle } from './TopologyDiagram.tsx';
import { TopologyToolbar } from './TopologyToolbar.tsx';
import { useConnect } from './use-connect.ts';
import { useEscape } from '../../lib/use-escape.ts';
import { SidePanel } from './SidePanel.tsx';
import { SubflowLegend } from './SubflowLegend.tsx';
import { useElementSize } from './use-element-size.ts';

/** Below this the topology is a compact pane (e.g. beside the timeline): the side panel starts closed. */
const COMPACT = { width: 640, height: 280 };
const ROOMY = { width: 1000, height: 500 };
const NONE: never[] = [];

const hasNode = (s: Scenario, id: string) => [s.hosts, s.routers, s.nats, s.middleboxes].some((list) => list.some((n) => n.id === id));

function removal(s: Selection): ScenarioChange {
  if (s.kind === 'node') return { kind: 'remove-node', id: s.id };
  return s.kind === 'link' ? { kind: 'remove-link', id: s.id } : { kind: 'remove-attacker', id: s.id };
}

/** The diagram with its editing around it: the node tools, the attack palette, the refusal line and the editor of the selected link or attacker. */
export function TopologyWorkspace({ scenario }: { scenario: Scenario }) {
  const edit = useAppStore(selectEdit);
  // A capture's network is inferred from its addresses: shown, never edited or run.
  const readOnly = useAppStore(selectRunFromCapture);
  const editable = useAppStore(selectDraft) !== null && !readOnly;
  const placement = usePlacement(scenario);
  const [selected, setSelected] = useState<Selection | null>(null);
  const diagram = useRef<DiagramHandle>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const size = useElementSize(bodyRef, ROOMY);
  const subflows = useAppStore(selectTimeline)?.subflows ?? NONE;
  const unfinished = useMemo(() => unfinishedNodes(scenario), [scenario]);
  const drafts = useMemo(() => new Set(unfinished.map((n) => n.id)), [unfinished]);
  // Open or closed as the user last chose; until then, by the room there is.
  const [panelChoice, setPanelChoice] = useState<boolean | null>(null);
  const { armed } = placement;
  // Nodes placed by the automatic layout would move when the graph changes: pin them in the same batch.
  const editGraph = (change: ScenarioChange) => edit(withPinnedLayout(scenario, change, diagram.current?.layout() ?? new Map()));
  const connect = useConnect(scenario, editGraph, {
    refuse: placement.refuse,
    onStart: () => {
      placement.arm(null);
      setSelected(null);
    },
    onLinked: (id) => setSelected({ kind: 'link', id }),
  });
  // Arming an attack ends connect mode.
  const palette = {
    ...placement,
    arm: (attack: string | null) => {
      connect.cancel();
      placement.arm(attack);
    },
  };

  const placeAt = (attack: string, t: Target) => {
    if (t.kind === 'node') return placement.refuse(NOT_A_PLACE);
    if (t.kind === 'attacker') return placement.refuse('Place it on a link or at a router, not on another attacker.');
    const id = placement.place(attack, placeOf(t));
    if (id) setSelected({ kind: 'attacker', id });
  };
  const onTarget = (t: Target) => {
    const node = nodeOf(t);
    if (armed) placeAt(armed, t);
    else if (connect.active) {
      if (node) connect.pick(node);
    } else if (node) setSelected({ kind: 'node', id: node });
    else if (t.kind === 'link' || t.kind === 'attacker') setSelected({ kind: t.kind, id: t.id });
    else setSelected(null);
  };
  useEscape(connect.active || armed !== null || selected !== null, () => (connect.active ? connect.cancel() : armed ? placement.arm(null) : setSelected(null)));

  const link = selected?.kind === 'link' ? scenario.links.find((l) => l.id === selected.id) : undefined;
  const attacker = selected?.kind === 'attacker' ? scenario.attackers.find((a) => a.id === selected.id) : undefined;
  const node = selected?.kind === 'node' && hasNode(scenario, selected.id) ? selected : null;
  const current = link || attacker || node ? selected : null;
  const close = () => setSelected(null);
  // An editor opens the panel: it lives there.
  const panelOpen = (panelChoice ?? !(size.width < COMPACT.width || size.height < COMPACT.height)) || link !== undefined || attacker !== undefined;
  const togglePanel = () => {
    if (panelOpen) close();
    setPanelChoice(!panelOpen);
  };

  const add = (kind: EditableNodeKind) => {
    const id = freshNodeId(scenario, kind);
    const p = diagram.current?.spotForNewNode() ?? { x: 0, y: 0 };
    editGraph({ kind: 'add-node', node: kind, id, x: p.x, y: p.y });
    if (!connect.active) setSelected({ kind: 'node', id });
  };
  const remove = () => {
    if (!current || !editable) return;
    if (current.kind === 'attacker') edit(removal(current));
    else editGraph(removal(current));
    setSelected(null);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if ((e.key !== 'Delete' && e.key !== 'Backspace') || e.defaultPrevented || isTyping(e.nativeEvent) || !current || !editable) return;
    e.preventDefault();
    remove();
  };
  const shown: Selection | null = connect.first ? { kind: 'node', id: connect.first } : connect.active ? null : selected;

  return (
    <div ref={bodyRef} className={`topology__body${connect.active ? ' topology__body--connect' : ''}`} onKeyDown={onKeyDown}>
      <div className="topology__main">
        {readOnly ? (
          <p className="topology-tools">Inferred from the capture’s addresses: one link per address pair its subflows used.</p>
        ) : (
          <TopologyToolbar editable={editable} connect={connect} canDelete={current !== null} onAdd={add} onDelete={remove} draftHint={unfinished[0] ? unfinishedHint(unfinished[0]) : null} />
        )}
        <TopologyDiagram
          key={scenario.id}
          ref={diagram}
          scenario={scenario}
          armed={armed !== null}
          selected={shown}
          drafts={drafts}
          onTarget={onTarget}
          onDropAttack={placeAt}
          onMoveNode={(id, p) => !readOnly && edit({ kind: 'move-node', id, x: p.x, y: p.y })}
        />
        <p className="topology__message" role="status">
          {placement.message}
        </p>
      </div>
      <SidePanel open={panelOpen} onToggle={togglePanel} always={<SubflowLegend subflows={subflows} compact={!panelOpen} />}>
        {link && !readOnly && <LinkEditor key={link.id} link={link} onClose={close} />}
        {attacker && !readOnly && <AttackerEditor key={attacker.id} attacker={attacker} scenario={scenario} onClose={close} />}
        {!readOnly && <AttackerPalette placement={palette} />}
      </SidePanel>
    </div>
  );
}
