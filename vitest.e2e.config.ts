import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

// End-to-end tests drive real Chromium with the built extension: one browser at a time.
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    // The exactly-once fault suite (4 × 25 touches under faults, ~10 min) runs on its own, and in
    // CI after `npm test`: `npm run test:e2e:exactly-once`.
    exclude: [
      ...configDefaults.exclude,
      ...(process.env.DEALSIDE_E2E_FAULTS ? [] : ['tests/e2e/exactly-once.e2e.ts']),
    ],
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: false,
    // Limits only for a state that never comes (a hang), never a speed requirement: a passing
    // wait returns as soon as its state arrives, and two runs at once on two cores are slow.
    testTimeout: 600_000,
    hookTimeout: 300_000,
    env: { TZ: 'UTC' },
    // Real Chromium and real round trips: give UI assertions time to settle (they poll, never sleep).
    expect: { poll: { timeout: 60_000, interval: 50 } },
  },
});
