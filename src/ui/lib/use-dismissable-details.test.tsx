import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useDismissableDetails } from './use-dismissable-details.ts';

function Popover() {
  const ref = useDismissableDetails();
  return (
    <div>
      <button type="button">elsewhere</button>
      <details ref={ref} open>
        <summary>Export ▾</summary>
        <button type="button">inside</button>
      </details>
    </div>
  );
}

const details = () => screen.getByText('Export ▾').closest('details')!;

describe('a <details> popover', () => {
  it('closes on Escape and hands focus back to its summary', () => {
    render(<Popover />);
    fireEvent.keyDown(screen.getByText('inside'), { key: 'Escape' });
    expect(details().open).toBe(false);
    expect(document.activeElement).toBe(screen.getByText('Export ▾'));
  });

  it('closes on a press outside it, and stays open for a press inside', () => {
    render(<Popover />);
    fireEvent.pointerDown(screen.getByText('inside'));
    expect(details().open).toBe(true);
    fireEvent.pointerDown(screen.getByText('elsewhere'));
    expect(details().open).toBe(false);
  });
});
