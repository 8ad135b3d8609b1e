/**
 * @module The study pool when its worker cannot start: the run fails with the loader's error, the
 * other worker's failure does not escape as an uncaught exception, and later runs fail the same way.
 */
import { describe, expect, it } from 'vitest';
import { createPool } from '../../src/research/config-pool.ts';
import type { ConfigTask } from '../../src/research/config-run.ts';

describe('config pool', () => {
  it('turns a worker that cannot start into a rejected run, not a crash', async () => {
    const pool = createPool(2, { filename: '/nonexistent/config-worker.js', execArgv: [] });
    try {
      const task = {} as ConfigTask;
      await expect(pool.run(task)).rejects.toThrow(/Cannot find module/);
      // let the second worker fail too: its error must not surface as an uncaught exception
      await new Promise((r) => setTimeout(r, 300));
      await expect(pool.run(task)).rejects.toThrow(/Cannot find module/);
    } finally {
      await pool.close();
    }
  });
});
