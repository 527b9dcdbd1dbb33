import { useAppStore } from '../../store/store-context.tsx';
import { selectLoadSample, selectBusy, selectSimulate } from '../../store/selectors.ts';
import { DropIcon, FlaskIcon, FolderIcon, PlayIcon } from '../../components/icons.tsx';
import { ScenarioGallery } from './ScenarioGallery.tsx';
import { lazy, Suspense } from 'react';

// The lessons' cards come with their documents, after the first view.
const LessonGallery = lazy(() => import('../lessons/LessonGallery.tsx').then((m) => ({ default: m.LessonGallery })));
import './landing.css';

/** The first attack a newcomer should watch (the README's story). */
const FIRST_ATTACK = 'attack-add-addr-hijack-v0';

const STEPS = [
  { title: 'Pick an attack', text: 'RFC 7430’s and RFC 6181’s attacks, and TCP’s classics, each a scenario below with its narrative.' },
  { title: 'Place an attacker', text: 'Drag an attack onto a link or router: off-path, on-path for a while, or on-path; eavesdropper or active.' },
  { title: 'Watch what breaks', text: 'Play the run: a failure turns red the moment a host accepts what it should not, and says whether plain TCP would too.' },
];

/** The start page: the threat lab first (its story and its attack gallery), capture analysis one click away. */
export function EmptyState({ onOpen, onBack }: { onOpen(): void; onBack?: { label: string; go(): void } }) {
  const loadSample = useAppStore(selectLoadSample);
  const busy = useAppStore(selectBusy);
  const simulate = useAppStore(selectSimulate);
  return (
    <main className="landing" id="main">
      <div className="landing__inner">
        {onBack && (
          <button type="button" className="btn landing__back" onClick={onBack.go}>
            ← Back to {onBack.label}
          </button>
        )}
        <h2 className="landing__title">See what attackers can do to Multipath TCP</h2>
        <p className="landing__lead">
          A real MPTCP engine runs in your browser: dual-homed hosts exchange byte-exact v0 and v1 packets with real keys, tokens and HMACs. Put an
          attacker on a path and see which security failures occur, when, and why.
        </p>
        <ol className="landing__steps" aria-label="How it works">
          {STEPS.map((s, i) => (
            <li key={s.title} className="step">
              <span className="step__number" aria-hidden="true">
                {i + 1}
              </span>
              <span className="step__title">{s.title}</span>
              <span className="step__text">{s.text}</span>
            </li>
          ))}
        </ol>
        <p>
          <button type="button" className="btn btn--primary landing__cta" onClick={() => void simulate(FIRST_ATTACK)} disabled={busy}>
            <PlayIcon /> Watch an ADD_ADDR hijack (MPTCP v0)
          </button>
        </p>
        <Suspense fallback={null}>
          <LessonGallery />
        </Suspense>
        <ScenarioGallery />
        <section className="landing__captures" aria-labelledby="captures-heading">
          <h2 id="captures-heading" className="gallery__title">
            Or look inside a capture
          </h2>
          <p className="landing__lead">
            Open a pcap or pcapng file and the lab rebuilds every MPTCP connection in it, and recomputes each join and ADD_ADDR HMAC from the keys on
            the wire, so you can tell which are authentic. Nothing is uploaded.
          </p>
          <ul className="landing__ways" aria-label="Ways to open a capture">
            <li>
              <button type="button" className="way" onClick={onOpen}>
                <FolderIcon className="way__icon" />
                <span className="way__title">Open a capture</span>
                <span className="way__text">
                  .pcap, .pcapng or .cap from tcpdump or Wireshark · <kbd>Ctrl</kbd>+<kbd>O</kbd>
                </span>
              </button>
            </li>
            <li>
              <div className="way way--passive">
                <DropIcon className="way__icon" />
                <span className="way__title">Drop a file</span>
                <span className="way__text">anywhere on this page</span>
              </div>
            </li>
            <li>
              <button type="button" className="way" onClick={() => void loadSample()} disabled={busy}>
                <FlaskIcon className="way__icon" />
                <span className="way__title">Try the sample</span>
                <span className="way__text">Linux MPTCP v1: two subflows and an ADD_ADDR, captured in network namespaces</span>
              </button>
            </li>
          </ul>
        </section>
      </div>
    </main>
  );
}
