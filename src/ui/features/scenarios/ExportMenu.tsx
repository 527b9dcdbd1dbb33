import { useAppStore } from '../../store/store-context.tsx';
import { selectCaptureBytes, selectDraft, selectPreventionOfDraft, selectScenarios, selectSetMainView, selectSimulation, selectTimeline } from '../../store/selectors.ts';
import { downloadBlob } from '../../lib/download.ts';
import { markdownReport } from '../security/report.ts';
import { htmlReport } from './html-report.ts';
import { mermaidSequence } from './mermaid.ts';

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** The topology's SVG as a standalone file (styles inlined from the page's computed colours); shows the topology view first if need be. */
async function topologySvg(show: () => void): Promise<string | null> {
  if (!document.querySelector('[data-testid="topology"] svg')) {
    show();
    await nextFrame();
    await nextFrame();
  }
  const svg = document.querySelector('[data-testid="topology"] svg');
  if (!svg) return null;
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const css = getComputedStyle(document.documentElement);
  // CSS variables do not travel with the file: resolve the ones the drawing uses.
  const vars = ['--bg', '--panel', '--border', '--border-strong', '--text', '--text-muted', '--accent', '--bad-fg', '--bg-subtle', '--font-ui', '--font-mono'];
  copy.setAttribute('style', vars.map((v) => `${v}: ${css.getPropertyValue(v).trim()}`).join('; '));
  return new XMLSerializer().serializeToString(copy);
}

/** Everything a run can be saved as. */
export function ExportMenu() {
  const sim = useAppStore(selectSimulation);
  const draft = useAppStore(selectDraft);
  const timeline = useAppStore(selectTimeline);
  const scenarios = useAppStore(selectScenarios);
  const captureBytes = useAppStore(selectCaptureBytes);
  const setMainView = useAppStore(selectSetMainView);
  const preventionOfDraft = useAppStore(selectPreventionOfDraft);
  if (!sim) return null;
  const showTopology = () => setMainView('topology');
  const base = `${sim.scenarioId}-${sim.protocol}`;
  const info = scenarios.find((s) => s.id === sim.scenarioId);
  const close = (e: React.MouseEvent) => (e.currentTarget.closest('details') as HTMLDetailsElement | null)?.removeAttribute('open');
  const item = (label: string, title: string, run: () => void | Promise<void>) => (
    <button
      type="button"
      className="btn btn--small btn--quiet"
      title={title}
      onClick={(e) => {
        close(e);
        void run();
      }}
    >
      {label}
    </button>
  );
  return (
    <details className="export-menu">
      <summary className="btn btn--small">Export ▾</summary>
      <div className="export-menu__items" role="menu" aria-label="Export">
        {item('Capture (pcap)', 'Every packet on every link, for Wireshark or lab analyze', async () => {
          const bytes = await captureBytes();
          if (bytes) downloadBlob(new Blob([bytes as BlobPart], { type: 'application/vnd.tcpdump.pcap' }), `${base}.pcap`);
        })}
        {draft && item('Scenario (JSON)', 'The scenario with your edits; lab run reads it', () => downloadBlob(new Blob([`${JSON.stringify(draft, null, 2)}\n`], { type: 'application/json' }), `${draft.id}.json`))}
        {item('Topology (SVG)', 'The topology as drawn', async () => {
          const svg = await topologySvg(showTopology);
          if (svg) downloadBlob(new Blob([svg], { type: 'image/svg+xml' }), `${base}-topology.svg`);
        })}
        {timeline && item('Sequence diagram (Mermaid)', 'Handshakes, joins, address signals, closes and attacker packets as a Mermaid sequence diagram', () => downloadBlob(new Blob([mermaidSequence(timeline, sim.failures)], { type: 'text/plain' }), `${base}.mmd`))}
        {item('Report (Markdown)', 'Scenario, attackers, failures with STRIDE, evidence, RFC section and the switches that prevent them', async () => {
          const prevention = await preventionOfDraft();
          downloadBlob(new Blob([markdownReport(sim, info, prevention)], { type: 'text/markdown' }), `${base}-report.md`);
        })}
        {item('Report (HTML, printable)', 'The report with the topology, ready to print or attach to a design review', async () => {
          const [svg, prevention] = await Promise.all([topologySvg(showTopology), preventionOfDraft()]);
          downloadBlob(new Blob([htmlReport(markdownReport(sim, info, prevention), svg, `Security report: ${sim.title}`)], { type: 'text/html' }), `${base}-report.html`);
        })}
      </div>
    </details>
  );
}
