import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaptureClientError, InThreadCaptureClient, WorkerCaptureClient } from './capture-client.ts';
import { CaptureService } from './capture-service.ts';
import type { Request, Response } from './protocol.ts';

const sample = () => new Uint8Array(readFileSync(resolve(process.cwd(), 'fixtures/captures/v1-two-subflows-add-addr.pcap')));

/** A Worker stand-in that answers like capture.worker.ts, on the same thread. */
class FakeWorker {
  onmessage: ((e: MessageEvent<Response>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  private readonly service = new CaptureService();

  private post(msg: Response) {
    queueMicrotask(() => this.onmessage?.({ data: msg } as MessageEvent<Response>));
  }

  postMessage(req: Request) {
    void (async () => {
      try {
        let value: unknown;
        if (req.type === 'open') value = await this.service.open(req.captureId, req.file as Uint8Array, (progress) => this.post({ type: 'progress', id: req.id, progress }));
        else if (req.type === 'rows') value = await this.service.rows(req.captureId, req.start, req.count);
        else if (req.type === 'dissect') value = await this.service.dissect(req.captureId, req.frame);
        else if (req.type === 'cancel-open') value = this.service.cancelOpen(req.captureId) ?? null;
        else if (req.type === 'close') value = this.service.close(req.captureId) ?? null;
        else throw Object.assign(new Error('unsupported in fake'), { code: 'INTERNAL' });
        this.post({ type: 'result', id: req.id, value });
      } catch (e) {
        const err = e as { code?: string; message: string };
        this.post({ type: 'error', id: req.id, error: { code: err.code ?? 'INTERNAL', message: err.message } });
      }
    })();
  }

  terminate() {
    this.terminated = true;
  }
}

describe('InThreadCaptureClient', () => {
  it('opens a capture and answers row and dissection requests', async () => {
    const c = new InThreadCaptureClient();
    const opened = await c.open(sample());
    expect(opened.report.connections[0]!.subflows.length).toBeGreaterThanOrEqual(2);
    expect((await c.rows(opened.captureId, 0, 2)).map((r) => r.frame)).toEqual([1, 2]);
    expect((await c.dissect(opened.captureId, 1))!.layers.length).toBeGreaterThan(2);
  });

  it('rejects with the coded error, as data', async () => {
    const c = new InThreadCaptureClient();
    const e = await c.open(new TextEncoder().encode('{"a":1}')).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CaptureClientError);
    expect(e).toMatchObject({ code: 'CAPTURE_UNKNOWN_FORMAT', message: expect.stringContaining('looks like JSON text') });
  });

  it('opens a Blob and cancels an open whose signal was aborted', async () => {
    const c = new InThreadCaptureClient();
    const opened = await c.open(new Blob([sample()]));
    expect((await c.rows(opened.captureId, 0, 2)).map((r) => r.frame)).toEqual([1, 2]);
    const abort = new AbortController();
    abort.abort();
    await expect(c.open(new Blob([sample()]), undefined, abort.signal)).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

describe('WorkerCaptureClient', () => {
  it('routes results, progress and errors by request id', async () => {
    const fake = new FakeWorker();
    const c = new WorkerCaptureClient(fake as unknown as Worker);
    const phases: string[] = [];
    const opened = await c.open(sample(), (p) => phases.push(p.phase));
    expect(phases).toContain('analyzing');
    const [rows, detail] = await Promise.all([c.rows(opened.captureId, 3, 1), c.dissect(opened.captureId, 4)]);
    expect(rows[0]!.frame).toBe(4);
    expect(detail!.frame).toBe(4);
    await expect(c.open(new Uint8Array(0))).rejects.toMatchObject({ code: 'CAPTURE_EMPTY' });
  });

  it('asks the worker to stop an open when its signal aborts; the open rejects with CANCELLED', async () => {
    const fake = new FakeWorker();
    const sent: string[] = [];
    const post = fake.postMessage.bind(fake);
    fake.postMessage = (req: Request) => (sent.push(req.type), post(req));
    const c = new WorkerCaptureClient(fake as unknown as Worker);
    const big = new Uint8Array(24 + 400 * sample().subarray(24).length);
    big.set(sample().subarray(0, 24));
    for (let k = 0; k < 400; k++) big.set(sample().subarray(24), 24 + k * (sample().length - 24));
    const abort = new AbortController();
    const opening = c.open(big, () => abort.abort(), abort.signal);
    await expect(opening).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(sent).toEqual(['open', 'cancel-open']);
  });

  it('fails pending requests when the worker dies, and terminates on dispose', async () => {
    const fake = new FakeWorker();
    fake.postMessage = () => {};
    const c = new WorkerCaptureClient(fake as unknown as Worker);
    const pending = c.rows(1, 0, 10);
    fake.onerror!({ message: 'boom', preventDefault() {} } as ErrorEvent);
    await expect(pending).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('boom') });
    c.dispose();
    expect(fake.terminated).toBe(true);
  });
});
