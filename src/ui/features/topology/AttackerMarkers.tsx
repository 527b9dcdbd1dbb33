import { memo, useMemo } from 'react';
import { ATTACK_COLOUR } from '../../lib/palette.ts';
import { selectNowUs } from '../../store/selectors.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { attackerPresent, type AttackerMarker } from './attacker-placement.ts';

/** A shield: a shape no node uses; twice the size for an attacker drawn as a node of the network. */
const SHIELD = 'M-10,-11 L10,-11 L10,-2 Q10,8 0,13 Q-10,8 -10,-2 Z';
const NODE_SHIELD = 'M-20,-22 L20,-22 L20,-4 Q20,16 0,26 Q-20,16 -20,-4 Z';

/** Attacker badges, and the node of an attacker with her own address; a partial-time attacker's badge (her node's tap) is dimmed while the moment is outside its window. */
export function AttackerMarkers({ markers, selected }: { markers: readonly AttackerMarker[]; selected: string | null }) {
  const nowUs = useAppStore(selectNowUs);
  // Only a change of who is present re-renders the badges, not every tick of the clock.
  const absent = markers.filter((m) => !attackerPresent(m, nowUs)).map((m) => m.key).join(' ');
  return <AttackerBadges markers={markers} absent={absent} selected={selected} />;
}

interface BadgeProps {
  markers: readonly AttackerMarker[];
  absent: string;
  /** The attacker being edited. */
  selected: string | null;
}

const AttackerBadges = memo(function AttackerBadges({ markers, absent, selected }: BadgeProps) {
  const away = useMemo(() => new Set(absent.split(' ')), [absent]);
  return (
    <g className="topology__attackers">
      {markers.map((m) => (
        <g
          key={m.key}
          className={`topology__attacker topology__attacker--${m.capability}${m.address ? ' topology__attacker--node' : ''}${away.has(m.key) ? ' topology__attacker--away' : ''}${m.attackerId === selected ? ' topology__attacker--selected' : ''}`}
          data-attacker={m.attackerId}
          data-address={m.address ?? undefined}
          tabIndex={0}
          transform={`translate(${m.at.x},${m.at.y})`}
          // Her node stays: her address outlives her time on the link (a hijacked subflow still runs through her).
          opacity={away.has(m.key) && !m.address ? 0.35 : 1}
        >
          <title>{m.title}</title>
          {m.address && m.tap ? (
            <>
              <line className="topology__attacker-tap" x1={m.tap.x - m.at.x} y1={m.tap.y - m.at.y} x2={0} y2={0} stroke={ATTACK_COLOUR} />
              <circle cx={m.tap.x - m.at.x} cy={m.tap.y - m.at.y} r={3.5} fill={ATTACK_COLOUR} />
              <path d={NODE_SHIELD} fill={ATTACK_COLOUR} fillOpacity={0.2} stroke={ATTACK_COLOUR} strokeWidth={2.5} />
              {/* Name and address on the far side from the tap, clear of the link. */}
              <text className="topology__attacker-label" y={m.tap.y > m.at.y ? -44 : 42} textAnchor="middle" fill={ATTACK_COLOUR}>
                {m.label}
              </text>
              <text className="topology__address topology__attacker-address" y={m.tap.y > m.at.y ? -30 : 56}>
                {m.address}
              </text>
            </>
          ) : (
            <>
              <path d={SHIELD} fill={ATTACK_COLOUR} fillOpacity={0.2} stroke={ATTACK_COLOUR} strokeWidth={2} strokeDasharray={m.capability === 'eavesdropper' ? '3 2' : undefined} />
              <text className="topology__attacker-label" x={14} dy="0.35em" fill={ATTACK_COLOUR}>
                {m.label}
              </text>
            </>
          )}
        </g>
      ))}
    </g>
  );
});
