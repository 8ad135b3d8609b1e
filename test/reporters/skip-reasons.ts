/**
 * @module A vitest reporter that lists every skipped test or suite together at the end of the run,
 * with its reason, so a run that quietly skipped the browser test or the real-archive suites says
 * so where the reader looks (the default reporter only counts them). The reason is the skip note
 * (`ctx.skip(note)`) or the `(skipped: ...)` part the suite's title carries by this project's
 * convention. Runs narrowed with `-t` are not summarised: everything filtered out counts as skipped.
 */
import path from 'node:path';
import type { Reporter, TestCase, TestModule, TestSuite, Vitest } from 'vitest/node';

/** One skipped entry: where, what, and why. */
export interface SkipEntry {
  file: string;
  name: string;
  reason: string | undefined;
}

/** The highest ancestor of `t` whose tests were all skipped (or `t` itself). */
function skippedRoot(t: TestCase): TestCase | TestSuite {
  let top: TestCase | TestSuite = t;
  let p = t.parent;
  while (p.type === 'suite' && p.state() === 'skipped') {
    top = p;
    p = p.parent;
  }
  return top;
}

/** The reason a title or note gives: the `(skipped: ...)` part, else the note. */
export function skipReason(name: string, note: string | undefined): string | undefined {
  const inTitle = /\((skipped[^)]*|needs [^)]*)\)/.exec(name)?.[1];
  return note ?? inTitle;
}

/** The skipped entries of finished modules, one per skipped suite or lone skipped test. */
export function skippedEntries(modules: ReadonlyArray<TestModule>, root: string): SkipEntry[] {
  const out: SkipEntry[] = [];
  for (const m of modules) {
    const seen = new Set<string>();
    for (const t of m.children.allTests('skipped')) {
      if (t.options.mode === 'todo') continue;
      const top = skippedRoot(t);
      if (seen.has(top.id)) continue;
      seen.add(top.id);
      const result = t.result();
      const note = result.state === 'skipped' ? result.note : undefined;
      out.push({
        file: path.relative(root, m.moduleId),
        name: top.fullName,
        reason: skipReason(top.fullName, note),
      });
    }
  }
  return out;
}

/** Prints the skipped entries after the default reporter's summary. */
export default class SkipReasonsReporter implements Reporter {
  private vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const config = this.vitest?.config;
    if (config?.testNamePattern) return;
    const entries = skippedEntries(modules, config?.root ?? process.cwd());
    if (entries.length === 0) return;
    const lines = entries.map(
      (e) =>
        `  ${e.file} > ${e.name}${e.reason && !e.name.includes(e.reason) ? ` (${e.reason})` : ''}`,
    );
    process.stdout.write(`\nSkipped (${entries.length}):\n${lines.join('\n')}\n`);
  }
}
