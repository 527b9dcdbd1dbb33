import { memo, useMemo } from 'react';
import { ATTACK_COLOUR } from '../../lib/palette.ts';
import { selectNowUs } from '../../store/selectors.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { attackerPresent, type AttackerMarker } from './attacker-placement.ts';

/** A shield: a shape no node uses. */
const SHIELD = 'M-10,-11 L10,-11 L10,-2 Q10,8 0,13 Q-10,8 -10,-2 Z';

/** Attacker badges; a partial-time attacker is dimmed while the moment is outside its window. */
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
          className={`topology__attacker topology__attacker--${m.capability}${away.has(m.key) ? ' topology__attacker--away' : ''}${m.attackerId === selected ? ' topology__attacker--selected' : ''}`}
          data-attacker={m.attackerId}
          tabIndex={0}
          transform={`translate(${m.at.x},${m.at.y})`}
          opacity={away.has(m.key) ? 0.35 : 1}
        >
          <title>{m.title}</title>
          <path d={SHIELD} fill={ATTACK_COLOUR} fillOpacity={0.2} stroke={ATTACK_COLOUR} strokeWidth={2} strokeDasharray={m.capability === 'eavesdropper' ? '3 2' : undefined} />
          <text className="topology__attacker-label" x={14} dy="0.35em" fill={ATTACK_COLOUR}>
            {m.label}
          </text>
        </g>
      ))}
    </g>
  );
});
