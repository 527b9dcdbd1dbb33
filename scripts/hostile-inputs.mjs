// The hostile and heavy inputs of issue 13, made and fed to a checkout's CLI, each timed with its peak
// RSS: `node scripts/hostile-inputs.mjs [--lab DIR] [--dir DIR] [--big] [--timeout S] [--only NAME,...]`.
// Prints a Markdown table (input, time, peak RSS, exit, first line of output). --lab points at another
// checkout (an older commit in a worktree) to measure "before" with the same inputs. --big adds the
// gigabyte inputs (about 2 GB of disk in --dir; the 1 GB sparse capture takes no space).
// Plain Node, no project imports, so it runs against any checkout.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync, ftruncateSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { lab: { type: 'string', default: '.' }, dir: { type: 'string', default: '/tmp/hostile-inputs' }, big: { type: 'boolean', default: false }, timeout: { type: 'string', default: '120' }, only: { type: 'string' } },
});
const LAB = resolve(values.lab);
const DIR = resolve(values.dir);
const ROOT = resolve(new URL('..', import.meta.url).pathname);
mkdirSync(DIR, { recursive: true });

const u32le = (b, o, v) => b.writeUInt32LE(v >>> 0, o);

/** A classic pcap header (Ethernet, microseconds). */
function pcapHeader() {
  const h = Buffer.alloc(24);
  u32le(h, 0, 0xa1b2c3d4);
  h.writeUInt16LE(2, 4);
  h.writeUInt16LE(4, 6);
  u32le(h, 16, 262144);
  u32le(h, 20, 1);
  return h;
}

function ipChecksum(b, o) {
  let s = 0;
  for (let i = 0; i < 20; i += 2) s += b.readUInt16BE(o + i);
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return ~s & 0xffff;
}

/** `flows` TCP SYNs (plain TCP, no MPTCP), each from its own address and port in 198.18.0.0/15: a SYN flood. */
function synFlood(path, flows, mptcp = false) {
  if (existsSync(path)) return;
  const fd = openSync(path, 'w');
  writeSync(fd, pcapHeader());
  // An MPTCP SYN carries MP_CAPABLE (v1, 4 bytes): what a flood against an MPTCP listener looks like.
  const LEN = mptcp ? 58 : 54;
  const REC = 16 + LEN;
  const batch = Buffer.alloc(REC * 65536);
  let n = 0;
  for (let i = 0; i < flows; i++) {
    const o = n * REC;
    const b = batch;
    b.fill(0, o, o + REC);
    u32le(b, o, Math.floor(i / 1000));
    u32le(b, o + 4, (i % 1000) * 1000);
    u32le(b, o + 8, LEN);
    u32le(b, o + 12, LEN);
    const e = o + 16;
    b.writeUInt16BE(0x0800, e + 12);
    const ip = e + 14;
    b[ip] = 0x45;
    b.writeUInt16BE(LEN - 14, ip + 2);
    b[ip + 8] = 64;
    b[ip + 9] = 6;
    // Source 198.18.x.y / 198.19.x.y, spread over 2^17 addresses; destination the server 198.18.0.1.
    const src = i % 131072;
    b[ip + 12] = 198;
    b[ip + 13] = 18 + (src >>> 16);
    b[ip + 14] = (src >>> 8) & 0xff;
    b[ip + 15] = src & 0xff;
    b[ip + 16] = 198;
    b[ip + 17] = 18;
    b[ip + 19] = 1;
    b.writeUInt16BE(ipChecksum(b, ip), ip + 10);
    const tcp = ip + 20;
    b.writeUInt16BE(1024 + Math.floor(i / 131072), tcp);
    b.writeUInt16BE(80, tcp + 2);
    u32le(b, tcp + 4, i * 2654435761);
    b[tcp + 12] = mptcp ? 0x60 : 0x50;
    if (mptcp) b.set([30, 4, 0x01, 0x81], tcp + 20);
    b[tcp + 13] = 0x02;
    b.writeUInt16BE(65535, tcp + 14);
    if (++n === 65536) {
      writeSync(fd, batch);
      n = 0;
    }
  }
  writeSync(fd, batch.subarray(0, n * REC));
  closeSync(fd);
}

/** A valid pcap header, then zeros to `bytes`: millions of empty records (a sparse file: no disk used). */
function sparseCapture(path, bytes) {
  if (existsSync(path)) return;
  const fd = openSync(path, 'w');
  writeSync(fd, pcapHeader());
  ftruncateSync(fd, bytes);
  closeSync(fd);
}

const builtin = (id) => JSON.parse(readFileSync(join(ROOT, 'src/engine/scenario/builtin', `${id}.json`), 'utf8'));

function scenario(path, edit) {
  if (existsSync(path)) return;
  const doc = edit(builtin('attack-blind-reset'));
  writeFileSync(path, JSON.stringify(doc));
}

const f = (name) => join(DIR, name);
const CASES = [
  { name: 'analyze: 1 GB sparse pcap (header, then zeros)', big: true, make: () => sparseCapture(f('sparse-1g.pcap'), 2 ** 30), args: ['analyze', f('sparse-1g.pcap')] },
  { name: 'analyze: 300 k connections (SYN flood)', make: () => synFlood(f('flood-300k.pcap'), 300_000), args: ['analyze', f('flood-300k.pcap')] },
  { name: 'analyze: 1.2 M connections (SYN flood)', make: () => synFlood(f('flood-1.2m.pcap'), 1_200_000), args: ['analyze', f('flood-1.2m.pcap')] },
  { name: 'analyze: 300 k MPTCP connections (MP_CAPABLE SYN flood)', make: () => synFlood(f('mpflood-300k.pcap'), 300_000, true), args: ['analyze', f('mpflood-300k.pcap')] },
  { name: 'analyze: 1.2 M MPTCP connections (MP_CAPABLE SYN flood)', make: () => synFlood(f('mpflood-1.2m.pcap'), 1_200_000, true), args: ['analyze', f('mpflood-1.2m.pcap')] },
  { name: 'analyze: 10 M MPTCP connections (MP_CAPABLE SYN flood, 740 MB)', big: true, make: () => synFlood(f('mpflood-10m.pcap'), 10_000_000, true), args: ['analyze', f('mpflood-10m.pcap')] },
  { name: 'analyze: /dev/zero', args: ['analyze', '/dev/zero'] },
  { name: 'run: 5 MB scenario (one long enum value)', make: () => scenario(f('enum-5mb.json'), (d) => ({ ...d, protocol: 'x'.repeat(5e6) })), args: ['run', f('enum-5mb.json')] },
  { name: 'run: 20 MB scenario (one long enum value)', make: () => scenario(f('enum-20mb.json'), (d) => ({ ...d, protocol: 'x'.repeat(20e6) })), args: ['run', f('enum-20mb.json')] },
  { name: 'run: 50 MB scenario (one long enum value)', make: () => scenario(f('enum-50mb.json'), (d) => ({ ...d, protocol: 'x'.repeat(50e6) })), args: ['run', f('enum-50mb.json')] },
  { name: 'run: 1 M wrong items (8 MB)', make: () => scenario(f('million-items.json'), (d) => ({ ...d, actions: Array.from({ length: 1e6 }, () => 1) })), args: ['run', f('million-items.json')] },
  { name: 'run: /dev/zero', args: ['run', '/dev/zero'] },
  {
    name: 'run: 16 attackers × 10 M guesses',
    make: () => scenario(f('heavy-guesses.json'), (d) => ({ ...d, attackers: Array.from({ length: 16 }, (_, i) => ({ ...d.attackers[0], id: `m${i}`, label: `M${i}`, guessBudget: 10_000_000, params: { atUs: 100000, spacingUs: 1 } })) })),
    args: ['run', f('heavy-guesses.json')],
  },
  { name: 'run: 10 GB transfer', make: () => scenario(f('heavy-10gb.json'), (d) => ({ ...d, attackers: [], durationUs: 3_600_000_000, traffic: [{ ...d.traffic[0], bytes: 10e9 }] })), args: ['run', f('heavy-10gb.json')] },
  {
    name: 'run: 64 × 1 M request/response',
    make: () =>
      scenario(f('heavy-rr.json'), (d) => ({
        ...d,
        attackers: [],
        durationUs: 3_600_000_000,
        traffic: Array.from({ length: 64 }, (_, i) => ({ id: `rr${i}`, kind: 'request-response', from: 'client', to: 'server', port: 9000 + i, requestBytes: 100, responseBytes: 100, count: 1_000_000, intervalUs: 0, startUs: 0 })),
      })),
    args: ['run', f('heavy-rr.json')],
  },
  { name: 'run: --json into a missing folder', args: ['run', 'two-path-v1', '--json', join(DIR, 'no-such-dir', 'out.json')] },
  { name: 'run: ANSI escapes in the title', make: () => scenario(f('ansi.json'), (d) => ({ ...d, attackers: [], title: '\u001b[2J\u001b[31mred\u0007' })), args: ['run', f('ansi.json')] },
  { name: 'matrix: --workers 64, one attack', args: ['matrix', '--workers', '64', '--attacks', 'blind-reset'] },
];

/**
 * Runs the command under /usr/bin/time (its time and peak RSS come from wait4, so they are the command's own
 * even when it is killed); past the timeout the command itself (time's child) is killed.
 */
function measure(command, timeoutMs) {
  return new Promise((done) => {
    const child = spawn('/usr/bin/time', ['-f', '%e %M', ...command]);
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (d) => (stdout = (stdout + d).slice(0, 1 << 20)));
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-(1 << 20))));
    const timer = setTimeout(() => {
      killed = true;
      try {
        for (const pid of readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/)) process.kill(Number(pid), 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('close', (status) => {
      clearTimeout(timer);
      done({ status, stdout, stderr, killed });
    });
  });
}

const plain = (t) => [...t].map((ch) => (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f ? `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}` : ch)).join('');

const only = values.only?.split(',');
const rows = [];
for (const c of CASES) {
  if (c.big && !values.big) continue;
  if (only && !only.some((o) => c.name.includes(o))) continue;
  c.make?.();
  const r = await measure(['node', join(LAB, 'bin/mptcp-lab.js'), ...c.args], Number(values.timeout) * 1000);
  const lines = r.stderr.trim().split('\n');
  const [secs, kb] = lines.pop().split(' ');
  const text = [...lines.filter((l) => !l.startsWith('Command ')), ...r.stdout.split('\n')].map((l) => l.trim()).find((l) => l !== '') ?? '';
  // Control characters shown as the CLI should show them, so the table itself stays plain text.
  const raw = plain(text) !== text ? ' (raw control characters reached the terminal)' : '';
  const outcome = r.killed ? `killed after ${values.timeout} s` : `exit ${r.status}: ${plain(text).slice(0, 140)}${raw}`;
  rows.push(`| ${c.name} | ${Number(secs).toFixed(1)} s | ${Math.round(Number(kb) / 1024)} MB | ${outcome.replace(/\|/g, '\\|')} |`);
  console.error(rows.at(-1));
}
console.log(`Inputs in ${DIR}; CLI of ${LAB}\n\n| input | time | peak RSS | outcome |\n|---|---|---|---|\n${rows.join('\n')}`);
