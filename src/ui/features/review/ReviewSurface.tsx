/** The attack-surface view with the review mounted in its slots: the app's "Attack surface" tab (loaded when first opened). */
import { SurfaceView } from '../surface/SurfaceView.tsx';
import { ReviewFooter, ReviewSidePanel } from './ReviewPanels.tsx';

export function ReviewSurface() {
  return <SurfaceView sidePanel={ReviewSidePanel} footer={ReviewFooter} />;
}
