/**
 * What live mode needs of the machine, checked before anything is made:
 * root (namespaces, TUN devices), a kernel with MPTCP, /dev/net/tun,
 * iproute2 with `ip mptcp`, and python3. The answer is a sentence saying
 * what is missing, or null.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

export function liveUnavailable(): string | null {
  if (process.platform !== 'linux') return `live mode needs Linux (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return 'live mode needs root: it makes network namespaces and TUN devices';
  if (!existsSync('/dev/net/tun')) return 'live mode needs /dev/net/tun (the tun module)';
  let enabled: string;
  try {
    enabled = readFileSync('/proc/sys/net/mptcp/enabled', 'utf8').trim();
  } catch {
    return 'this kernel has no MPTCP (/proc/sys/net/mptcp/enabled is missing: CONFIG_MPTCP)';
  }
  if (enabled !== '1') return 'MPTCP is switched off (sysctl net.mptcp.enabled=0)';
  const works = (cmd: string, args: string[]) => {
    try {
      execFileSync(cmd, args, { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  if (!works('ip', ['mptcp', 'limits', 'show'])) return "live mode needs iproute2 with 'ip mptcp' (Debian's iproute2)";
  if (!works('ss', ['-V'])) return "live mode needs 'ss' (iproute2)";
  if (!works('python3', ['-c', 'import socket; socket.socket(socket.AF_INET, socket.SOCK_STREAM, 262).close()'])) return 'live mode needs python3 that can open an MPTCP socket (IPPROTO_MPTCP = 262)';
  return null;
}
