/**
 * @module Run ids: `YYYYMMDD-HHMMSS-mmm-xxxxxx`, the UTC start to the millisecond and six hex digits
 * from a random UUID. They sort by start time as text and do not collide when two processes start a
 * run in the same millisecond. Made at the journal's edge, never in engine code.
 */
import { randomUUID } from 'node:crypto';

/** A fresh run id for a run starting at `now` (epoch ms). */
export function newRunId(now: number, unique: string = randomUUID()): string {
  const iso = new Date(now).toISOString(); // 2026-12-01T14:05:20.123Z
  const stamp = `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
  return `${stamp}-${iso.slice(20, 23)}-${unique.replaceAll('-', '').slice(0, 6)}`;
}

/** True for text shaped like a run id (a cheap check before a lookup). */
export function looksLikeRunId(text: string): boolean {
  return /^\d{8}-\d{6}-\d{3}-[0-9a-f]{6}$/.test(text);
}
