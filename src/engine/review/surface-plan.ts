/**
 * The places and classes a surface sweep covers (security-model.md §4): an
 * attacker on each link and on each router (all its links), every class
 * and window the model allows there, and off-path; every attack (and
 * matrix variant) it can follow. A place that cannot host an attack (one
 * needing an address of its own, where no router would route to it) is
 * listed as skipped, with the reason, rather than left out silently.
 */
import { ATTACKS } from '../attacks/catalog.ts';
import { implementedAttacks } from '../attacks/registry.ts';
import { homeRouter } from '../scenario/attacker-references.ts';
import type { AttackerCapability, AttackerLocation, AttackId, Scenario } from '../scenario/types.ts';
import { MATRIX_CLASSES, MATRIX_VARIANTS, serviceRouter, type MatrixWindow } from '../runner/matrix.ts';

export type SurfacePlaceKind = 'link' | 'router' | 'off-path';

/** Where an attacker can stand. Off-path is one place, with the id "off-path". */
export interface SurfacePlace {
  id: string;
  kind: SurfacePlaceKind;
}

export const OFF_PATH = 'off-path';

export interface SurfaceCell {
  attack: AttackId;
  variant?: string;
  place: string;
  placeKind: SurfacePlaceKind;
  location: AttackerLocation;
  capability: AttackerCapability;
  window: MatrixWindow | null;
}

export interface SurfacePlan {
  places: SurfacePlace[];
  cells: SurfaceCell[];
  /** Cells the sweep cannot build, with why (never counted as defended). */
  skipped: { cell: SurfaceCell; reason: string }[];
}

export interface SurfacePlanOptions {
  attacks?: readonly AttackId[];
}

/** Links, then routers, then off-path, each in scenario order. */
export function surfacePlaces(s: Scenario): SurfacePlace[] {
  return [...s.links.map((l) => ({ id: l.id, kind: 'link' as const })), ...s.routers.map((r) => ({ id: r.id, kind: 'router' as const })), { id: OFF_PATH, kind: 'off-path' as const }];
}

/** The router an off-path attacker's spoofed packets (and its own address) come through: the one in front of the service, else the first. */
export function offPathEntry(s: Scenario): string | null {
  return serviceRouter(s) ?? s.routers[0]?.id ?? s.links[0]?.id ?? null;
}

/** The key a finding (and a decision about it) is matched by: attack, place, class, and failure. */
export function surfaceCellKey(c: Pick<SurfaceCell, 'attack' | 'variant' | 'place' | 'location' | 'capability' | 'window'>): string {
  return `${c.variant ? `${c.attack}:${c.variant}` : c.attack}/${c.place}/${c.location}/${c.capability}/${c.window ?? '-'}`;
}

export function planSurface(s: Scenario, o: SurfacePlanOptions = {}): SurfacePlan {
  const implemented = new Set(implementedAttacks());
  const attacks = (o.attacks ?? ATTACKS.map((a) => a.id)).filter((a) => implemented.has(a));
  const places = surfacePlaces(s);
  const cells: SurfaceCell[] = [];
  const skipped: SurfacePlan['skipped'] = [];
  const entry = offPathEntry(s);
  for (const attack of attacks) {
    const info = ATTACKS.find((a) => a.id === attack)!;
    const variants = [undefined, ...MATRIX_VARIANTS.filter((v) => v.attack === attack).map((v) => v.id)];
    for (const variant of variants) {
      for (const place of places) {
        const classes = MATRIX_CLASSES.filter((c) => (place.kind === 'off-path' ? c.location === 'off-path' : c.location !== 'off-path'));
        for (const c of classes) {
          if (c.capability === 'eavesdropper' && info.needsActive) continue;
          const cell: SurfaceCell = { attack, ...(variant !== undefined ? { variant } : {}), place: place.id, placeKind: place.kind, location: c.location, capability: c.capability, window: c.window };
          const at = place.kind === 'off-path' ? entry : place.id;
          if (at === null) skipped.push({ cell, reason: 'the network has no router or link for an attacker to send from' });
          else if (info.needsAddress && !homeRouter(s, [at])) skipped.push({ cell, reason: `${info.label} makes a host connect to the attacker, which needs an address of its own reached through a router, and no router is at ${place.id}` });
          else cells.push(cell);
        }
      }
    }
  }
  return { places, cells, skipped };
}
