import { formatEndpoint, type IpAddress } from '../wire/ip-address.ts';
import type { Endpoint } from './model.ts';

export function ipId(addr: IpAddress): string {
  const b = addr.bytes;
  if (addr.family === 4) return String(((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0);
  let s = '6:';
  for (let i = 0; i < 16; i++) s += b[i]!.toString(16).padStart(2, '0');
  return s;
}

export function endpointOf(addr: IpAddress, port: number, id = `${ipId(addr)}/${port}`): Endpoint {
  return { addr, port, id };
}

export const endpointId = (addr: IpAddress, port: number): string => `${ipId(addr)}/${port}`;

/** The same key for both directions, from two endpoint ids. */
export function flowKeyOfIds(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** The same key for both directions of a flow. */
export function flowKey(a: Endpoint, b: Endpoint): string {
  return flowKeyOfIds(a.id, b.id);
}

export const endpointText = (e: Endpoint): string => formatEndpoint(e.addr, e.port);
