/** The link editor's fields: engine units (µs, bit/s, a rate) shown in ms, Mbit/s and %, with the engine's ranges. */
import type { LinkSpec } from '../../../engine/index.ts';
import type { LinkPatch } from '../../store/scenario-changes.ts';

export interface LinkField {
  key: keyof LinkPatch & ('delayUs' | 'bandwidthBps' | 'lossRate');
  label: string;
  step: number;
  min: number;
  max: number;
  /** Engine value → field value. */
  show(v: number): number;
  /** Field value → engine value. */
  store(v: number): number;
}

const tidy = (v: number) => Number(v.toPrecision(9));

export const LINK_FIELDS: readonly LinkField[] = [
  { key: 'delayUs', label: 'Delay (ms)', step: 0.1, min: 0, max: 10_000, show: (v) => tidy(v / 1000), store: (v) => Math.round(v * 1000) },
  { key: 'bandwidthBps', label: 'Bandwidth (Mbit/s)', step: 1, min: 0.001, max: 100_000, show: (v) => tidy(v / 1e6), store: (v) => Math.round(v * 1e6) },
  { key: 'lossRate', label: 'Loss (%)', step: 0.1, min: 0, max: 50, show: (v) => tidy(v * 100), store: (v) => tidy(v / 100) },
];

/** The patch a field's text makes, or why it makes none. */
export function parseLinkField(f: LinkField, text: string): { ok: true; patch: LinkPatch } | { ok: false; reason: string } {
  const v = text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(v) || v < f.min || v > f.max) return { ok: false, reason: `${f.label.replace(/ \(.*\)$/, '')} must be a number from ${f.min} to ${f.max}.` };
  return { ok: true, patch: { [f.key]: f.store(v) } };
}

/** The field's text for a link. */
export const linkFieldText = (f: LinkField, l: LinkSpec) => String(f.show(l[f.key]));
