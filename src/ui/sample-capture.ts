/** The capture behind "Load sample capture": bundled by Vite (no copy in public/). */
import sampleUrl from '../../fixtures/captures/v1-two-subflows-add-addr.pcap?url';

export const SAMPLE_FILE_NAME = 'v1-two-subflows-add-addr.pcap';

export async function fetchSampleCapture(): Promise<{ bytes: Blob; fileName: string }> {
  const res = await fetch(sampleUrl);
  if (!res.ok) throw new Error(`the sample capture could not be fetched (HTTP ${res.status})`);
  return { bytes: await res.blob(), fileName: SAMPLE_FILE_NAME };
}
