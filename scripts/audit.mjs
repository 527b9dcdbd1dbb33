// The dependency audit of `npm test`: `npm audit --omit=dev`, failing on a high or critical advisory
// against what the app and CLI ship. Where the registry's advisory service does not answer (some
// networks allow only package downloads), it says loudly that nothing was checked, and why.
import { spawnSync } from 'node:child_process';

const r = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
let report;
try {
  report = JSON.parse(r.stdout);
} catch {
  console.error(`dependency audit: npm audit printed no report (exit ${r.status}): ${(r.stderr || '').trim().split('\n').pop()}`);
  process.exit(1);
}
const vulnerabilities = report.metadata?.vulnerabilities;
if (!vulnerabilities) {
  const why = report.statusCode ? `HTTP ${report.statusCode}` : (report.message ?? report.error?.summary ?? 'no answer');
  console.log(`dependency audit: NOT CHECKED: the advisory service did not answer (${why})`);
  process.exit(0);
}
const serious = (vulnerabilities.high ?? 0) + (vulnerabilities.critical ?? 0);
const names = Object.values(report.vulnerabilities ?? {})
  .filter((v) => v.severity === 'high' || v.severity === 'critical')
  .map((v) => `${v.name} (${v.severity})`);
console.log(`dependency audit: ${serious === 0 ? 'clean' : 'FAILED'} at high severity (${Object.entries(vulnerabilities).map(([k, n]) => `${k} ${n}`).join(', ')})${names.length ? `: ${names.join(', ')}` : ''}`);
process.exit(serious === 0 ? 0 : 1);
