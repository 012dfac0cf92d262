import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// End-to-end tests drive real Chromium with the built extension: one browser at a time.
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 90_000,
    env: { TZ: 'UTC' },
    // Real Chromium and real round trips: give UI assertions time to settle (they poll, never sleep).
    expect: { poll: { timeout: 10_000, interval: 50 } },
  },
});
