// The review feature's mount points: the surface view puts these in its slots.
export { DecisionsPanel, type DecisionsPanelProps } from './DecisionsPanel.tsx';
export { TradeoffTable, type TradeoffTableProps } from './TradeoffTable.tsx';
export { summaryText as reviewSummaryText } from './decisions-model.ts';
export { findingTitle, findingKeyText, attackText, classText, failureText } from './finding-text.ts';
export { ReviewSidePanel, ReviewFooter } from './ReviewPanels.tsx';
