import type { FieldNode } from '../../../engine/index.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { selectDecisions, selectHmacChecks, selectSimulation } from '../../store/selectors.ts';
import type { FrameDetail } from '../../../worker/capture-client.ts';
import { derivationsFor } from './derivations.ts';

const ms = (us: number) => `${(us / 1000).toFixed(3)} ms`;

function labels(nodes: readonly FieldNode[], out: Set<string> = new Set()): Set<string> {
  for (const n of nodes) {
    out.add(n.label);
    if (n.children) labels(n.children, out);
  }
  return out;
}

/**
 * In plain words: what the hosts did with this packet and why (an HMAC check
 * says what it expected and what it got), and, for the MPTCP values it
 * carries, how they are derived and who can compute them.
 */
export function HostDecisions({ detail }: { detail: FrameDetail }) {
  const decisions = useAppStore(selectDecisions);
  const checks = useAppStore(selectHmacChecks);
  const simulated = useAppStore(selectSimulation) !== null;
  const derivations = derivationsFor([...labels(detail.layers)]);
  if (!simulated && derivations.length === 0) return null;
  return (
    // Focusable: it scrolls when the hosts said a lot, and the keyboard must reach what they said.
    <div className="decisions" tabIndex={0} role="region" aria-label="Host decisions and derivations">
      {simulated && (
        <section aria-label="What the hosts did with it">
          <h3>What the hosts did with it</h3>
          {decisions.length === 0 ? (
            <p className="muted">No host logged a decision about this packet: it was forwarded, or taken in as expected.</p>
          ) : (
            <ul>
              {decisions.map((d, i) => (
                <li key={i}>
                  <span className="decisions__time mono">{ms(d.timeUs)}</span> <strong>{d.host}</strong> {d.text}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {checks.length > 0 && (
        <section aria-label="The HMAC check, spelled out">
          <h3>The HMAC check, spelled out</h3>
          {checks.map((c, i) => (
            <dl key={i} className="hmac-check">
              <div>
                <dt>What</dt>
                <dd>{c.what}</dd>
              </div>
              <div>
                <dt>MAC</dt>
                <dd>{c.algorithm}</dd>
              </div>
              <div>
                <dt>Key</dt>
                <dd className="mono">{c.key}</dd>
              </div>
              <div>
                <dt>Message</dt>
                <dd className="mono">{c.message}</dd>
              </div>
              <div>
                <dt>Expected</dt>
                <dd className="mono">{c.expected}</dd>
              </div>
              <div>
                <dt>Received</dt>
                <dd className="mono">
                  {c.received} <strong className={c.matches ? 'hmac-check__ok' : 'hmac-check__bad'}>{c.matches ? '✓ matches' : '✗ does not match'}</strong>
                </dd>
              </div>
            </dl>
          ))}
        </section>
      )}
      {derivations.length > 0 && (
        <section aria-label="How its MPTCP values are derived">
          <h3>How its MPTCP values are derived, and who can compute them</h3>
          <dl>
            {derivations.map((d) => (
              <div key={d.option}>
                <dt>{d.option}</dt>
                <dd>
                  {d.how} <em>{d.who}</em>
                </dd>
              </div>
            ))}
          </dl>
        </section>
      )}
    </div>
  );
}
