import { useEffect, useState } from 'react';
import { useDismissableDetails } from '../../lib/use-dismissable-details.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { selectCaptureFile, selectDraft, selectPreventionOfDraft, selectScenarios, selectSetMainView, selectSimulation, selectSurface, selectTimeline, selectTradeoffs } from '../../store/selectors.ts';
import { downloadBlob } from '../../lib/download.ts';
import { xmlWellFormed } from '../../lib/export-text.ts';
import { markdownReport } from '../security/report.ts';
import { htmlReport } from './html-report.ts';
import { mermaidSequence } from './mermaid.ts';
import { saveMarkdownReport, saveScenario } from './save-files.ts';

/** What makes the topology look as it does on screen. */
const INLINED = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'opacity', 'font-family', 'font-size', 'font-weight', 'text-anchor', 'dominant-baseline', 'display', 'visibility', 'paint-order', 'stroke-linejoin', 'stroke-linecap'];

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
  // The page's stylesheet does not travel with the file: each element takes its computed look along.
  const live = [svg, ...svg.querySelectorAll('*')];
  const cloned = [copy, ...copy.querySelectorAll('*')];
  live.forEach((el, i) => {
    const css = getComputedStyle(el);
    // Through the CSSOM, never setAttribute('style'): the page's Content-Security-Policy (style-src 'self') refuses style attributes.
    const style = (cloned[i] as SVGElement | undefined)?.style;
    if (!style) return;
    style.cssText = '';
    for (const p of INLINED) style.setProperty(p, css.getPropertyValue(p));
  });
  // The serializer escapes markup in names but passes characters XML forbids (controls) through.
  return xmlWellFormed(new XMLSerializer().serializeToString(copy));
}

/** An SVG document rasterised to PNG at twice its size (for slides and chat). */
async function svgToPng(svg: string): Promise<Blob | null> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the topology picture could not be drawn'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = img.width * 2;
    canvas.height = img.height * 2;
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    ctx.fillStyle = getComputedStyle(document.documentElement).getPropertyValue('--bg').trim() || '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Everything a run can be saved as. */
export function ExportMenu() {
  const details = useDismissableDetails();
  const sim = useAppStore(selectSimulation);
  const draft = useAppStore(selectDraft);
  const timeline = useAppStore(selectTimeline);
  const scenarios = useAppStore(selectScenarios);
  const captureFile = useAppStore(selectCaptureFile);
  const setMainView = useAppStore(selectSetMainView);
  const preventionOfDraft = useAppStore(selectPreventionOfDraft);
  const surface = useAppStore(selectSurface);
  const tradeoffs = useAppStore(selectTradeoffs);
  // What is being written, then what was: some exports re-run the scenario (the report tries each mitigation) and take seconds.
  const [status, setStatus] = useState<{ label: string; done: boolean } | null>(null);
  useEffect(() => {
    if (!status?.done) return;
    const t = setTimeout(() => setStatus(null), 4000);
    return () => clearTimeout(t);
  }, [status]);
  if (!sim) return null;
  // The review travels with a whole surface map: the swept scenario with the draft's current decisions.
  const swept = surface?.result && !surface.running && !surface.cancelled && !surface.error ? { scenario: { ...surface.scenario, ...(draft?.review ? { review: draft.review } : {}) }, result: surface.result } : null;
  const weighed = swept && tradeoffs?.version === swept.result.version ? tradeoffs.result : null;
  const reviewInput = async () => (swept ? (await import('../review/review-exports.ts')).reviewReportInput(swept.scenario, swept.result, weighed) : null);
  const modelName = swept ? `${swept.scenario.id}-threat-model` : '';
  const showTopology = () => setMainView('topology');
  const base = `${sim.scenarioId}-${sim.protocol}`;
  const info = scenarios.find((s) => s.id === sim.scenarioId);
  const close = (e: React.MouseEvent) => (e.currentTarget.closest('details') as HTMLDetailsElement | null)?.removeAttribute('open');
  const item = (label: string, title: string, run: () => void | Promise<void>) => (
    <button
      type="button"
      className="btn btn--small btn--quiet"
      title={title}
      disabled={status !== null && !status.done}
      onClick={(e) => {
        close(e);
        setStatus({ label, done: false });
        void Promise.resolve(run()).then(
          () => setStatus({ label, done: true }),
          () => setStatus(null),
        );
      }}
    >
      {label}
    </button>
  );
  return (
    <>
    <details className="export-menu" ref={details}>
      <summary className="btn btn--small" aria-busy={status !== null && !status.done}>
        {status && !status.done ? `Exporting ${status.label}…` : 'Export ▾'}
      </summary>
      <div className="export-menu__items" role="group" aria-label="Export">
        {item('Capture (pcapng)', 'Every packet on every link, one interface per link, for Wireshark or lab analyze', async () => {
          const file = await captureFile();
          if (!file) return;
          // A simulated run is pcapng; an opened file goes back out as it came, in its own format (its first four bytes say which).
          const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
          const ng = head[0] === 0x0a && head[1] === 0x0d && head[2] === 0x0d && head[3] === 0x0a;
          downloadBlob(file.slice(0, file.size, ng ? 'application/x-pcapng' : 'application/vnd.tcpdump.pcap'), `${base}.${ng ? 'pcapng' : 'pcap'}`);
        })}
        {draft && item('Scenario (JSON)', 'The scenario with your edits; lab run reads it', () => saveScenario(draft))}
        {item('Topology (SVG)', 'The topology as drawn', async () => {
          const svg = await topologySvg(showTopology);
          if (svg) downloadBlob(new Blob([svg], { type: 'image/svg+xml' }), `${base}-topology.svg`);
        })}
        {item('Topology (PNG)', 'The topology as a picture', async () => {
          const svg = await topologySvg(showTopology);
          const png = svg ? await svgToPng(svg) : null;
          if (png) downloadBlob(png, `${base}-topology.png`);
        })}
        {timeline && item('Sequence diagram (Mermaid)', 'Handshakes, joins, address signals, closes and attacker packets as a Mermaid sequence diagram', () => downloadBlob(new Blob([mermaidSequence(timeline, sim.failures)], { type: 'text/plain' }), `${base}.mmd`))}
        {item('Report (Markdown)', 'Scenario, attackers, failures with STRIDE, evidence, RFC section and the switches that prevent them', async () => {
          const [prevention, review] = await Promise.all([preventionOfDraft(), reviewInput()]);
          saveMarkdownReport(sim, info, prevention, review);
        })}
        {item('Report (HTML, printable)', 'The report with the topology, ready to print or attach to a design review', async () => {
          const [svg, prevention, review] = await Promise.all([topologySvg(showTopology), preventionOfDraft(), reviewInput()]);
          downloadBlob(new Blob([htmlReport(markdownReport(sim, info, prevention, review), svg, `Security report: ${sim.title}`)], { type: 'text/html' }), `${base}-report.html`);
        })}
        {swept &&
          item('Threat model (Threat Dragon)', 'The attack surface map and your review decisions as an OWASP Threat Dragon v2 model', async () =>
            downloadBlob((await import('../review/review-exports.ts')).threatDragonFile(swept.scenario, swept.result, weighed), `${modelName}.threat-dragon.json`),
          )}
        {swept &&
          item('Threat model (OTM)', 'The attack surface map and your review decisions as an Open Threat Model document', async () =>
            downloadBlob((await import('../review/review-exports.ts')).otmFile(swept.scenario, swept.result, weighed), `${modelName}.otm.json`),
          )}
      </div>
    </details>
      <span className="export-menu__status" role="status" aria-label="Export">
        {status?.done ? `Saved ${status.label}` : ''}
      </span>
    </>
  );
}
