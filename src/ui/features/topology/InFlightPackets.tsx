import { useCallback, useMemo, type MouseEvent } from 'react';
import { FATE_CODE, type TimelineData } from '../../../engine/index.ts';
import { ATTACK_COLOUR, subflowColour } from '../../lib/palette.ts';
import { selectHoverFrame, selectNowUs, selectSelectFrame, selectSelectedFrame } from '../../store/selectors.ts';
import { useAppStore } from '../../store/store-context.tsx';
import type { AttackerMarker } from './attacker-placement.ts';
import { framesInFlight } from './in-flight.ts';
import { maxFlight } from '../../lib/frame-search.ts';
import type { LinkGeometry } from './link-geometry.ts';
import { packetPosition } from './packet-position.ts';
import type { Point } from './scenario-graph.ts';

interface Props {
  timeline: TimelineData;
  geometry: ReadonlyMap<string, LinkGeometry>;
  markers: readonly AttackerMarker[];
}

const TRIANGLE = 'M0,-6.5 L6,4.5 L-6,4.5 Z';
const DIAMOND = 'M0,-6.5 L6.5,0 L0,6.5 L-6.5,0 Z';
const FATE_TEXT = ['delivered', 'dropped', 'modified', 'injected'];

/** The frames on the wire at the moment on screen; the only layer that redraws as the clock runs. */
export function InFlightPackets({ timeline: t, geometry, markers }: Props) {
  const nowUs = useAppStore(selectNowUs);
  const selected = useAppStore(selectSelectedFrame);
  const selectFrame = useAppStore(selectSelectFrame);
  const hoverFrame = useAppStore(selectHoverFrame);
  const maxUs = useMemo(() => maxFlight(t), [t]);
  const badges = useMemo(() => new Map(markers.filter((m) => m.linkId).map((m) => [`${m.attackerId}@${m.linkId}`, m.at])), [markers]);
  const attackerAt = useCallback((attacker: string, link: string): Point | undefined => badges.get(`${attacker}@${link}`), [badges]);

  const onClick = useCallback(
    (e: MouseEvent<SVGGElement>) => {
      const mark = (e.target as Element).closest('[data-frame]');
      if (mark) selectFrame(Number(mark.getAttribute('data-frame')));
    },
    [selectFrame],
  );

  // The packet under the pointer is the hovered frame of every view.
  const onOver = useCallback((e: MouseEvent<SVGGElement>) => {
    const mark = (e.target as Element).closest('[data-frame]');
    hoverFrame(mark ? Number(mark.getAttribute('data-frame')) : null);
  }, [hoverFrame]);
  const onLeave = useCallback(() => hoverFrame(null), [hoverFrame]);

  const frames = framesInFlight(t, nowUs, maxUs);
  return (
    <g className="topology__packets" onClick={onClick} onMouseOver={onOver} onMouseLeave={onLeave}>
      {frames.map((i) => {
        const p = packetPosition(t, i, nowUs, geometry, attackerAt);
        if (!p) return null;
        const frame = i + 1;
        const fate = t.fate[i]!;
        const sf = t.subflow[i]!;
        const colour = subflowColour(sf);
        const sfText = sf >= 0 ? `, subflow ${sf + 1} (${t.subflows[sf]?.label ?? ''})` : '';
        return (
          <g key={frame} className="topology__packet" data-frame={frame} transform={`translate(${Math.round(p.x * 10) / 10},${Math.round(p.y * 10) / 10})`}>
            <title>{`Frame ${frame}${sfText}, ${FATE_TEXT[fate] ?? ''}, on ${t.links[t.link[i]!] ?? '?'}`}</title>
            {frame === selected && <circle className="topology__packet-ring" r={10} />}
            {fate === FATE_CODE.injected ? (
              <path d={TRIANGLE} fill={ATTACK_COLOUR} stroke={colour} />
            ) : fate === FATE_CODE.modified ? (
              <path d={DIAMOND} fill={ATTACK_COLOUR} stroke={colour} />
            ) : (
              <circle r={5} fill={colour} />
            )}
          </g>
        );
      })}
    </g>
  );
}
