import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The browser tests serve the built app: build it once before any test file runs.
    globalSetup: ['test/e2e/build-web.ts'],
    // DuckDB and Chromium share two cores; long imports and browser launches need headroom.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
