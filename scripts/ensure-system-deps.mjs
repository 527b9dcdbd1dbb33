#!/usr/bin/env node
// Installs the Debian packages the tests need (Chromium for the e2e tests,
// tshark for capture cross-checks, iproute2 and python3 for the live
// interop tests against the kernel's MPTCP) when they are missing. Never downloads a
// browser build: Playwright drives Debian's /usr/bin/chromium.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const needs = [
  { bin: '/usr/bin/chromium', pkg: 'chromium' },
  { bin: '/usr/bin/tshark', pkg: 'tshark' },
  { bin: '/usr/bin/editcap', pkg: 'tshark' },
  { bin: '/usr/bin/ss', pkg: 'iproute2' },
  { bin: '/bin/ip', pkg: 'iproute2' },
  { bin: '/usr/bin/python3', pkg: 'python3' },
];

const missing = [...new Set(needs.filter((n) => !existsSync(n.bin)).map((n) => n.pkg))];
if (missing.length === 0) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error(`npm test needs Debian packages ${missing.join(', ')}; run as root or install them: apt-get install -y ${missing.join(' ')}`);
  process.exit(1);
}
console.log(`Installing Debian packages: ${missing.join(', ')}`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
