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
    testTimeout: 90_000,
    hookTimeout: 90_000,
    env: { TZ: 'UTC' },
    // Real Chromium and real round trips: give UI assertions time to settle (they poll, never sleep).
    expect: { poll: { timeout: 10_000, interval: 50 } },
  },
});
