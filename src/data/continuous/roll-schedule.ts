/**
 * @module The rolls of a run's continuous instruments, read from the cache in the engine's terms
 * (sim/roll-broker.ts): for each instrument that is a continuous series, where it rolled and between
 * which contracts (by ticker). Instruments that are not continuous series have no entry.
 */
import type { Instrument } from '../../core/instrument.ts';
import type { RollEvent, RollSchedule } from '../../engine/sim/roll-broker.ts';
import type { CandleStore } from '../store.ts';
import { ContinuousRepo } from './continuous-repo.ts';

/** The roll schedule of `instruments` (empty when none is a continuous series). */
export function rollScheduleOf(store: CandleStore, instruments: readonly Instrument[]): RollSchedule {
  const repo = new ContinuousRepo(store.db);
  const out = new Map<string, RollEvent[]>();
  for (const i of instruments) {
    if (!repo.info(i.uid)) continue;
    const name = (uid: string) => store.getInstrument(uid)?.ticker ?? uid;
    out.set(
      i.uid,
      repo.rolls(i.uid).map((r) => ({ time: r.time, from: name(r.fromUid), to: name(r.toUid) })),
    );
  }
  return out;
}
