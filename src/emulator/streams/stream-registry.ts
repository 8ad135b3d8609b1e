/**
 * @module The venue's open server streams: the per-token connection count the API limits
 * (RESOURCE_EXHAUSTED 80001 beyond it) and the handle tests use to reset every open stream at once.
 */
/** What the registry needs of an open stream. */
export interface OpenStream {
  readonly kind: string;
  readonly token: string;
  reset(): void;
  stall(): void;
}

/** Open streams by kind and token. */
export class StreamRegistry {
  private readonly open = new Set<OpenStream>();

  /** Streams of `kind` that `token` has open. */
  count(kind: string, token: string): number {
    let n = 0;
    for (const s of this.open) if (s.kind === kind && s.token === token) n++;
    return n;
  }

  /** Every open stream (of `kind`, when given). */
  list(kind?: string): OpenStream[] {
    return [...this.open].filter((s) => kind === undefined || s.kind === kind);
  }

  /** Open streams per kind. */
  countByKind(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const s of this.open) out[s.kind] = (out[s.kind] ?? 0) + 1;
    return out;
  }

  /** Registers a stream (the shell does this itself). */
  add(s: OpenStream): void {
    this.open.add(s);
  }

  /** Forgets a stream (the shell does this itself when it ends). */
  remove(s: OpenStream): void {
    this.open.delete(s);
  }

  /** Resets every open stream (of `kind`, when given) with UNAVAILABLE; returns how many. */
  resetAll(kind?: string): number {
    const all = this.list(kind);
    for (const s of all) s.reset();
    return all.length;
  }

  /** Stalls every open stream (of `kind`, when given); returns how many. */
  stallAll(kind?: string): number {
    const all = this.list(kind);
    for (const s of all) s.stall();
    return all.length;
  }
}
