/* global localStorage, matchMedia, document -- a classic script in the page, before the app */
// The theme before the first paint (no flash): the saved choice, else the system's. use-theme.ts keeps it current.
// A file, not an inline script: the Content-Security-Policy allows scripts from this origin only.
try {
  const saved = localStorage.getItem('mptcp-threat-lab/theme');
  const dark = saved === 'dark' || (saved !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
} catch {
  document.documentElement.dataset.theme = 'light';
}
