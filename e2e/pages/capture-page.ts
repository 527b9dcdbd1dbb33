import { expect, type Locator, type Page } from '@playwright/test';

/** The capture viewer, as a user sees it: role- and label-based locators only. */
export class CapturePage {
  readonly openButton: Locator;
  readonly sampleButton: Locator;
  readonly fileInput: Locator;
  readonly alert: Locator;
  readonly connections: Locator;
  readonly packetGrid: Locator;
  readonly mptcpOnly: Locator;
  readonly textFilter: Locator;

  constructor(readonly page: Page) {
    this.openButton = page.getByRole('button', { name: /^Open capture/ });
    this.sampleButton = page.getByRole('toolbar', { name: 'Capture' }).getByRole('button', { name: 'Load sample capture' });
    this.fileInput = page.getByLabel('Capture file');
    this.alert = page.getByRole('alert');
    this.connections = page.getByRole('region', { name: /MPTCP connections/ });
    this.packetGrid = page.getByRole('grid', { name: 'Packets' });
    this.mptcpOnly = page.getByRole('checkbox', { name: 'MPTCP only' });
    this.textFilter = page.getByRole('searchbox', { name: 'Filter' });
  }

  async goto(): Promise<void> {
    await this.page.goto('/');
    await expect(this.page.getByRole('heading', { name: 'See what attackers can do to Multipath TCP' })).toBeVisible();
  }

  async loadSample(): Promise<void> {
    await this.sampleButton.click();
    await expect(this.connections).toBeVisible();
  }

  connection(n: number): Locator {
    return this.page.getByRole('article', { name: new RegExp(`^Connection ${n}\\b`) });
  }

  subflows(connection: number): Locator {
    return this.page.getByRole('region', { name: `Subflows of connection ${connection}` }).getByRole('listitem');
  }

  addAddrs(connection: number): Locator {
    return this.page.getByRole('region', { name: `Addresses added in connection ${connection}` }).getByRole('listitem');
  }

  /** A packet-list row by its frame number. */
  row(frame: number): Locator {
    // The No. cell reads "problem 12" on flagged rows (its icon has a name).
    return this.packetGrid.getByRole('row').filter({ has: this.page.getByRole('gridcell', { name: new RegExp(`^(problem )?${frame}$`) }) });
  }

  rowsWithInfo(text: string | RegExp): Locator {
    return this.packetGrid.getByRole('row').filter({ hasText: text });
  }

  selectedRow(): Locator {
    return this.packetGrid.locator('[role="row"][aria-selected="true"]');
  }

  fieldTree(frame: number): Locator {
    return this.page.getByRole('tree', { name: `Fields of frame ${frame}` });
  }

  /** A field by its label (its accessible name is "label: value"). */
  field(frame: number, label: string): Locator {
    const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return this.fieldTree(frame).getByRole('treeitem', { name: new RegExp(`^${escaped}(:|$)`) });
  }

  /** Selects a field by clicking its label. */
  async selectField(frame: number, label: string): Promise<Locator> {
    const item = this.field(frame, label).first();
    await item.getByText(label, { exact: true }).first().click();
    await expect(item).toHaveAttribute('aria-selected', 'true');
    return item;
  }

  /** Opens a field's subtree if it is closed, with the keyboard as a user could. */
  async expandField(frame: number, label: string): Promise<Locator> {
    const item = await this.selectField(frame, label);
    if ((await item.getAttribute('aria-expanded')) === 'false') await this.fieldTree(frame).press('ArrowRight');
    await expect(item).toHaveAttribute('aria-expanded', 'true');
    return item;
  }

  hexView(frame: number): Locator {
    return this.page.getByRole('group', { name: `Bytes of frame ${frame}` });
  }

  /** Offsets and hex text of the bytes the hex view highlights. */
  async highlightedBytes(frame: number): Promise<{ offsets: number[]; hex: string }> {
    const cells = this.hexView(frame).locator('[data-highlighted]');
    const offsets = (await cells.evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.offset)))) as number[];
    const hex = (await cells.allTextContents()).join('');
    return { offsets, hex };
  }

  /** Runs a built-in scenario from the toolbar. */
  async simulate(id: string): Promise<void> {
    // Picking a scenario runs it; one already picked runs again with Simulate.
    const picker = this.page.getByRole('group', { name: 'Simulate' }).getByLabel('Scenario');
    if ((await picker.inputValue()) === id) await this.page.getByRole('button', { name: 'Simulate' }).click();
    else await picker.selectOption(id);
  }

  async openFile(name: string, mimeType: string, buffer: Buffer): Promise<void> {
    await this.fileInput.setInputFiles({ name, mimeType, buffer });
  }

  /** Drops a file on the page the way a browser does: dragenter, dragover, drop with a DataTransfer. */
  async dropFile(name: string, bytes: Buffer): Promise<void> {
    const data = Array.from(bytes);
    const transfer = await this.page.evaluateHandle(
      ({ name, data }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(data)], name, { type: 'application/vnd.tcpdump.pcap' }));
        return dt;
      },
      { name, data },
    );
    const body = this.page.locator('body');
    await body.dispatchEvent('dragenter', { dataTransfer: transfer });
    await body.dispatchEvent('dragover', { dataTransfer: transfer });
    await expect(this.page.getByText('Drop the capture to open it')).toBeVisible();
    await this.page.screenshot({ path: 'test-results/screenshots/05-drop-overlay.png' });
    await body.dispatchEvent('drop', { dataTransfer: transfer });
  }
}
