/**
 * @module Collects the messages of a server stream and waits for the ones a test expects.
 */
import type { ClientReadableStream } from '@grpc/grpc-js';

/** Messages of an open stream, with waiting. */
export class StreamReader<T> {
  readonly messages: T[] = [];
  error: Error | undefined;
  private wakers: (() => void)[] = [];

  constructor(readonly stream: ClientReadableStream<T>) {
    stream.on('data', (m: T) => {
      this.messages.push(m);
      this.wake();
    });
    stream.on('error', (e: Error) => {
      this.error = e;
      this.wake();
    });
  }

  private wake(): void {
    for (const w of this.wakers.splice(0)) w();
  }

  /** Resolves with the messages once `count` of them satisfy `pick` (fails after `ms`). */
  async waitFor(pick: (m: T) => boolean, count = 1, ms = 3000): Promise<T[]> {
    const deadline = Date.now() + ms;
    for (;;) {
      const hits = this.messages.filter(pick);
      if (hits.length >= count) return hits;
      if (this.error) throw this.error;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`stream: ${hits.length} of ${count} expected messages arrived`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.wakers.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.stream.cancel();
  }
}
