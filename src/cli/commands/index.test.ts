import { describe, expect, it } from 'vitest';
import { COMMANDS, deferredCommand } from './index.ts';

describe('the command table', () => {
  it('names and describes each command exactly as its module does', async () => {
    for (const lazy of COMMANDS) {
      const module = await lazy.load();
      expect({ command: module.command, describe: module.describe }).toEqual({
        command: lazy.command,
        describe: lazy.describe,
      });
    }
  });

  it('loads a module once, when yargs builds that command', async () => {
    let loads = 0;
    const real = await COMMANDS[0].load();
    const deferred = deferredCommand({
      ...COMMANDS[0],
      load: async () => {
        loads++;
        return real;
      },
    });
    expect(loads).toBe(0);
    const builder = deferred.builder as (y: unknown) => Promise<unknown>;
    const fakeYargs = { options: () => fakeYargs };
    await builder(fakeYargs);
    await builder(fakeYargs);
    expect(loads).toBe(1);
  });
});
