const integer = new Intl.NumberFormat('en-US');

export const formatCount = (n: number) => integer.format(n);

export function formatBytes(n: number): string {
  if (n < 1024) return `${integer.format(n)} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GiB`;
}

/** Seconds since the first packet, to the microsecond (Wireshark's default). */
export const formatTime = (s: number) => s.toFixed(6);

export const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

export const hex2 = (b: number) => b.toString(16).padStart(2, '0');

export const printable = (b: number) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.');
