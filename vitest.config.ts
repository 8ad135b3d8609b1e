// Test runner settings: unit tests sit beside the code, integration tests under test/.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Opt-in real-API files are `*.live.test.ts`; the rest of test/live runs against the emulator.
    exclude: ['test/live/**/*.live.test.ts', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    // The default output, then every skipped test with its reason, together at the end.
    reporters: ['default', './test/reporters/skip-reasons.ts'],
  },
});
