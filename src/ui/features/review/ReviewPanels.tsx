/**
 * The design review around the surface map: the decisions about the chosen
 * place's findings (all of them when none is chosen) beside the map, and the
 * mitigation trade-offs under it. Findings are the map's, reconciled with
 * the draft's review, so a decision made before a re-run finds its finding
 * again (or says it is no longer found).
 */
import { useMemo } from 'react';
import { reconcileReview, surfaceFindings } from '../../../engine/index.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { selectCancelTradeoffs, selectComputeTradeoffs, selectDraft, selectTradeoffs } from '../../store/selectors.ts';
import type { SurfacePanelProps } from '../surface/SurfaceView.tsx';
import { DecisionsPanel } from './DecisionsPanel.tsx';
import { TradeoffTable } from './TradeoffTable.tsx';

export function ReviewSidePanel({ result, place }: SurfacePanelProps) {
  const draft = useAppStore(selectDraft);
  const findings = useMemo(() => reconcileReview(draft?.review, surfaceFindings(result.rows)), [draft?.review, result]);
  return <DecisionsPanel findings={findings} place={place?.id ?? null} />;
}

export function ReviewFooter({ result }: SurfacePanelProps) {
  const tradeoffs = useAppStore(selectTradeoffs);
  const compute = useAppStore(selectComputeTradeoffs);
  const cancel = useAppStore(selectCancelTradeoffs);
  const mine = tradeoffs && tradeoffs.version === result.version ? tradeoffs : null;
  return (
    <TradeoffTable
      result={mine?.result ?? null}
      running={mine?.running ?? false}
      progress={mine?.progress ?? null}
      error={mine?.error && mine.error !== 'cancelled' ? mine.error : null}
      onCompute={compute}
      onCancel={cancel}
    />
  );
}
