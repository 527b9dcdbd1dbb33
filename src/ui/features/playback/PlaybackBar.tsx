import { useAppStore } from '../../store/store-context.tsx';
import { selectNowUs, selectPlaying, selectRewind, selectSeek, selectSetSpeed, selectSpeed, selectStep, selectTimeline, selectTogglePlay } from '../../store/selectors.ts';
import { SPEEDS, framesSentBy } from '../../store/playback-model.ts';
import { formatCount } from '../../lib/format.ts';
import { PresenterControls } from '../presenter/PresenterControls.tsx';
import './playback.css';

const ms = (us: number) => `${(us / 1000).toFixed(3)} ms`;
const speedLabel = (s: number) => (s >= 1 ? 'real time' : `1/${Math.round(1 / s)} real time`);

function RewindIcon() {
  return (
    <svg viewBox="0 0 16 16" aria-hidden="true">
      <rect x="2" y="3" width="2" height="10" fill="currentColor" />
      <path d="M14 3v10L5 8z" fill="currentColor" />
    </svg>
  );
}

function StepIcon({ back = false }: { back?: boolean }) {
  return (
    <svg viewBox="0 0 16 16" aria-hidden="true" style={back ? { transform: 'scaleX(-1)' } : undefined}>
      <path d="M3 3v10l8-5z" fill="currentColor" />
      <rect x="12" y="3" width="2" height="10" fill="currentColor" />
    </svg>
  );
}

/** Replay controls for a simulated run: play, step, rewind, scrub and speed. */
export function PlaybackBar({ onHelp }: { onHelp(): void }) {
  const t = useAppStore(selectTimeline);
  const nowUs = useAppStore(selectNowUs);
  const playing = useAppStore(selectPlaying);
  const speed = useAppStore(selectSpeed);
  const togglePlay = useAppStore(selectTogglePlay);
  const step = useAppStore(selectStep);
  const rewind = useAppStore(selectRewind);
  const seek = useAppStore(selectSeek);
  const setSpeed = useAppStore(selectSetSpeed);
  if (!t) return null;
  const end = t.endOfRunUs;
  const sent = framesSentBy(t, nowUs);
  return (
    <div className="playback" role="toolbar" aria-label="Replay">
      <button type="button" className="btn btn--small" onClick={rewind} aria-label="Back to the start" title="Back to the start (Home)">
        <RewindIcon />
      </button>
      <button type="button" className="btn btn--small" onClick={() => step(-1)} aria-label="Step back" title="Previous packet (←)">
        <StepIcon back />
      </button>
      <button type="button" className="btn btn--small btn--primary playback__play" onClick={togglePlay} aria-label={playing ? 'Pause' : 'Play'} title={`${playing ? 'Pause' : 'Play'} (Space)`}>
        {playing ? 'Pause' : 'Play'}
      </button>
      <button type="button" className="btn btn--small" onClick={() => step(1)} aria-label="Step forward" title="Next packet (→)">
        <StepIcon />
      </button>
      <input
        className="playback__scrub"
        type="range"
        min={0}
        max={end}
        step={1}
        value={Math.round(nowUs)}
        aria-label="Moment"
        aria-valuetext={`${ms(nowUs)} of ${ms(end)}`}
        onChange={(e) => seek(Number(e.target.value))}
      />
      <output className="playback__time mono" aria-live="off" data-testid="moment">
        {ms(nowUs)} <span className="muted">/ {ms(end)}</span>
      </output>
      <span className="playback__frames muted">
        {formatCount(sent)} of {formatCount(t.count)} frames sent
      </span>
      <label className="playback__speed">
        <span className="visually-hidden">Speed</span>
        <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} aria-label="Speed" title="Speed ([ and ])">
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {speedLabel(s)}
            </option>
          ))}
        </select>
      </label>
      <PresenterControls />
      <button type="button" className="btn btn--small" onClick={onHelp} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
        ?
      </button>
    </div>
  );
}
