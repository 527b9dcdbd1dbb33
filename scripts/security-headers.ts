/**
 * The page's Content-Security-Policy and the other response headers, in one
 * place: `npm start` (vite preview) and the dev server send them as headers,
 * the build writes the policy into index.html as a <meta> too (for any static
 * host that sends no headers), and e2e/csp.spec.ts checks the page keeps to it.
 *
 * No inline script and no eval anywhere: scripts, module workers and styles
 * come from the page's own origin only. React and D3 set styles through the
 * CSSOM (element.style), which CSP does not govern, so style-src needs no
 * 'unsafe-inline'. Images may be data: and blob: URLs (the topology PNG export
 * draws its SVG through a blob: image onto a canvas).
 */
import { createHash } from 'node:crypto';

/** Directive → sources. */
type Policy = [directive: string, ...sources: string[]][];

const BASE: Policy = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['script-src-attr', "'none'"],
  ['style-src', "'self'"],
  ['img-src', "'self'", 'data:', 'blob:'],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['worker-src', "'self'"],
  ['manifest-src', "'self'"],
  ['media-src', "'none'"],
  ['frame-src', "'none'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
];

const render = (p: Policy) => p.map(([d, ...s]) => [d, ...s].join(' ')).join('; ');

/** The policy a <meta http-equiv> can carry (frame-ancestors is ignored there, so it is left out). */
export const CSP_META = render(BASE);

/** The policy sent as a header by `npm start` (vite preview). */
export const CSP_HEADER = render([...BASE, ['frame-ancestors', "'none'"]]);

/**
 * The dev server's policy: the same, but Vite's client injects CSS as <style>
 * elements and talks to its HMR socket, and React's fast refresh needs one
 * inline module script (allowed by its hash, not by 'unsafe-inline').
 */
export function devCsp(inlineScripts: readonly string[]): string {
  const hashes = inlineScripts.map((s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`);
  const extra: Record<string, string[]> = { 'script-src': hashes, 'style-src': ["'unsafe-inline'"], 'connect-src': ['ws:'] };
  const policy: Policy = [...BASE, ['frame-ancestors', "'none'"]];
  return render(policy.map(([d, ...s]): Policy[number] => [d, ...s, ...(extra[d] ?? [])]));
}

/** Headers every response carries besides the policy. */
export const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  // The address can carry a whole scenario (a share link): no request, to this origin or another, repeats it.
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};
