/**
 * @module A tiny ordered work pool: at most `size` tasks in flight; the first failure stops new
 * tasks from starting and is rethrown once the running ones settle, so no write is left half-done.
 */

/** Runs `work` over `items` with bounded concurrency; rejects with the first error. */
export async function runPool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const item = items[next++];
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(size, items.length)) }, worker));
  if (failure) throw failure.error;
}
