import { expect, type Locator, type Page } from '@playwright/test';

/** A simulated run on screen: replay controls, the views, the failures and the inspector. */
export class RunPage {
  readonly timeline: Locator;
  readonly topology: Locator;
  readonly failures: Locator;
  readonly replay: Locator;
  readonly moment: Locator;
  readonly scrubber: Locator;
  readonly detailHeading: Locator;

  constructor(readonly page: Page) {
    this.timeline = page.getByTestId('timeline');
    this.topology = page.getByTestId('topology');
    this.failures = page.getByTestId('failures');
    this.replay = page.getByRole('toolbar', { name: 'Replay' });
    this.moment = page.getByTestId('moment');
    this.scrubber = this.replay.getByRole('slider', { name: 'Moment' });
    this.detailHeading = page.getByRole('heading', { name: /^(Frame \d+|Packet detail)/ });
  }

  /** Opens a built-in by its URL, the way a shared link does. */
  async open(query: string): Promise<void> {
    await this.page.goto(`/${query}`);
    await expect(this.replay).toBeVisible({ timeout: 30_000 });
  }

  view(name: 'Overview' | 'Timeline' | 'Topology' | 'Packets'): Locator {
    return this.page.getByRole('tab', { name });
  }

  failure(id: string): Locator {
    return this.failures.locator(`[data-failure="${id}"]`);
  }

  /** The moment on screen, in µs (from the "12.345 ms / …" readout). */
  async momentUs(): Promise<number> {
    const text = (await this.moment.textContent()) ?? '';
    return Math.round(Number(text.split(' ms')[0]) * 1000);
  }

  /** The frame the inspector shows, or null. */
  async inspectedFrame(): Promise<number | null> {
    // The heading's own text, without its meta line ("72 bytes · …").
    const own = await this.detailHeading.evaluate((h) => h.firstChild?.textContent ?? '');
    const m = /^Frame (\d+)$/.exec(own.trim());
    return m ? Number(m[1]) : null;
  }

  /** Moves the moment with the scrubber (keyboard focus leaves it afterwards, so arrow keys step packets). */
  async seek(us: number): Promise<void> {
    await this.scrubber.fill(String(us));
    await this.scrubber.blur();
  }
}
