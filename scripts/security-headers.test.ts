import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CSP_HEADER, CSP_META, SECURITY_HEADERS, devCsp } from './security-headers.ts';

const directives = (policy: string) => new Map(policy.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)]));

describe('the Content-Security-Policy', () => {
  it('allows no inline script, no eval and nothing from another origin', () => {
    const p = directives(CSP_HEADER);
    expect(p.get('script-src')).toEqual(["'self'"]);
    expect(p.get('style-src')).toEqual(["'self'"]);
    expect(p.get('worker-src')).toEqual(["'self'"]);
    expect(p.get('object-src')).toEqual(["'none'"]);
    expect(p.get('base-uri')).toEqual(["'none'"]);
    expect(p.get('frame-ancestors')).toEqual(["'none'"]);
    expect(p.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(CSP_HEADER).not.toMatch(/unsafe|\*|https?:/);
  });

  it('leaves frame-ancestors out of the <meta> (browsers ignore it there) and is otherwise the same', () => {
    expect(CSP_META).not.toContain('frame-ancestors');
    expect(`${CSP_META}; frame-ancestors 'none'`).toBe(CSP_HEADER);
  });

  it('lets the dev server run React\'s fast-refresh preamble by its hash, not by unsafe-inline', () => {
    const preamble = 'import x from "/y";';
    const p = directives(devCsp([preamble]));
    expect(p.get('script-src')).toEqual(["'self'", `'sha256-${createHash('sha256').update(preamble).digest('base64')}'`]);
    expect(p.get('script-src')).not.toContain("'unsafe-inline'");
  });

  it('comes with nosniff and no referrer (the address can carry a whole scenario)', () => {
    expect(SECURITY_HEADERS).toMatchObject({ 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' });
  });
});
