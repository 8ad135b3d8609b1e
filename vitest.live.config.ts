// Opt-in tests against the real T-Invest API; each file skips itself without a token.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: ['test/live/**/*.live.test.ts'], testTimeout: 120_000 },
});
