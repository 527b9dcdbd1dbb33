/**
 * A same-origin script the CSP test serves (by page.route) and adds to the
 * page: it tries what the policy must refuse, from inside the page, where
 * DevTools' own evaluation (which the policy does not cover) plays no part.
 */
export const PROBE_PATH = '/__csp-probe.js';

export const PROBE_SCRIPT = `
(async () => {
  const r = {};
  try { r.eval = 'ran ' + eval('1'); } catch (e) { r.eval = 'threw ' + e.name; }
  try { r.fn = 'ran ' + new Function('return 2')(); } catch (e) { r.fn = 'threw ' + e.name; }
  try { setTimeout('window.__probeTimeout = 1', 0); } catch (e) { r.timeoutThrew = e.name; }
  window.__probeInline = 0;
  const s = document.createElement('script');
  s.textContent = 'window.__probeInline = 1';
  document.body.append(s);
  const div = document.createElement('div');
  div.innerHTML = '<img src="data:," onerror="window.__probeInline = 2" onload="window.__probeInline = 3"><svg onload="window.__probeInline = 4"></svg>';
  document.body.append(div);
  const a = document.createElement('a');
  a.href = 'javascript:window.__probeInline=5';
  document.body.append(a);
  a.click();
  await new Promise((res) => setTimeout(res, 300));
  r.inline = window.__probeInline;
  r.timeout = window.__probeTimeout ?? 0;
  s.remove(); div.remove(); a.remove();
  window.__probe = r;
})();
`;
