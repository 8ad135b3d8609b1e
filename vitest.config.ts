// Test runner settings: unit tests sit beside the code, integration tests under test/.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // test/live/**/*.live.test.ts are the opt-in checks against the real API (vitest.live.config.ts).
    exclude: ['test/live/**/*.live.test.ts', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    // The default output, then every skipped test with its reason, together at the end.
    reporters: ['default', './test/reporters/skip-reasons.ts'],
  },
});
