import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { HmacBadge } from './HmacBadge.tsx';
import { VerifiedMark } from './VerifiedMark.tsx';

describe('HmacBadge', () => {
  it.each([
    [true, 'HMAC verified', 'ok'],
    [false, 'HMAC mismatch', 'bad'],
    [null, 'not checkable', 'unknown'],
  ] as const)('verified=%s reads "%s" with its own icon and shape', (verified, text, tone) => {
    render(<HmacBadge verified={verified} />);
    const badge = screen.getByText(text).closest('.badge')!;
    expect(badge.getAttribute('data-verdict')).toBe(tone);
    expect(badge.className).toContain(`badge--${tone}`);
    const icon = badge.querySelector('svg')!;
    expect(icon.getAttribute('aria-hidden')).toBe('true');
    expect(badge.getAttribute('title')).toBeTruthy();
  });

  it('draws a different icon for each verdict', () => {
    const { container } = render(
      <>
        <HmacBadge verified={true} />
        <HmacBadge verified={false} />
        <HmacBadge verified={null} />
      </>,
    );
    const shapes = [...container.querySelectorAll('svg')].map((s) => s.innerHTML);
    expect(new Set(shapes).size).toBe(3);
  });
});

describe('VerifiedMark', () => {
  it('says verified, mismatch or no evidence', () => {
    render(
      <>
        <VerifiedMark verified={true} what="the client IDSN" />
        <VerifiedMark verified={false} what="the server IDSN" />
        <VerifiedMark verified={null} what="x" />
      </>,
    );
    expect(screen.getByText('verified').className).toContain('mark--ok');
    expect(screen.getByText('mismatch').className).toContain('mark--bad');
    expect(screen.getByText('no evidence').className).toContain('mark--unknown');
  });
});
