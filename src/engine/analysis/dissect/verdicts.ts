/**
 * What the analysis concluded about the checkable fields of a frame (join
 * HMACs, ADD_ADDR HMACs, DSS checksums), attached to those fields in its
 * dissection: a mismatch becomes the field's problem, a success a note.
 */
import type { AnalysisReport } from '../report-types.ts';
import type { FieldNode } from './field.ts';

export interface FieldVerdict {
  /** The MPTCP option's repr kind, and the field label within it. */
  optionKind: string;
  field: string;
  ok: boolean;
  message: string;
}

export function collectVerdicts(report: AnalysisReport): Map<number, FieldVerdict[]> {
  const out = new Map<number, FieldVerdict[]>();
  const add = (frame: number | null, v: FieldVerdict) => {
    if (frame === null) return;
    const list = out.get(frame) ?? [];
    list.push(v);
    out.set(frame, list);
  };
  for (const c of report.connections) {
    const problemAt = (frame: number | null, code: string) => c.problems.find((p) => p.frame === frame && p.code === code)?.message;
    for (const s of c.subflows) {
      const joinChecks = [
        { frame: s.synAckFrame, ok: s.synAckHmacVerified, optionKind: 'mp-join-syn-ack', field: "Sender's truncated HMAC" },
        { frame: s.ackFrame, ok: s.ackHmacVerified, optionKind: 'mp-join-ack', field: "Sender's HMAC" },
      ];
      for (const j of joinChecks) {
        if (j.ok === null) continue;
        add(j.frame, {
          optionKind: j.optionKind,
          field: j.field,
          ok: j.ok,
          message: j.ok ? "verified: recomputed from the connection's keys and both nonces" : (problemAt(j.frame, 'ANALYSIS_HMAC_MISMATCH') ?? 'HMAC mismatch'),
        });
      }
    }
    for (const a of c.addAddrs) {
      if (a.hmacVerified === null) continue;
      add(a.frame, {
        optionKind: 'add-addr',
        field: 'Truncated HMAC',
        ok: a.hmacVerified,
        message: a.hmacVerified ? "verified: recomputed from the connection's keys, the ID, address and port" : (problemAt(a.frame, 'ANALYSIS_HMAC_MISMATCH') ?? 'HMAC mismatch'),
      });
    }
    for (const p of c.problems) {
      if (p.code === 'ANALYSIS_DSS_CHECKSUM_MISMATCH') add(p.frame, { optionKind: 'dss', field: 'Checksum', ok: false, message: p.message });
    }
  }
  return out;
}

export function applyVerdicts(layers: FieldNode[], verdicts: readonly FieldVerdict[]): void {
  if (verdicts.length === 0) return;
  const visit = (n: FieldNode) => {
    if (n.kind === 'mptcp-option') {
      for (const v of verdicts) {
        if (v.optionKind !== n.optionKind) continue;
        const f = n.children?.find((c) => c.label === v.field);
        if (!f) continue;
        if (v.ok) f.note = f.note ? `${v.message}; ${f.note}` : v.message;
        else f.problem = v.message;
      }
    }
    n.children?.forEach(visit);
  };
  layers.forEach(visit);
}
