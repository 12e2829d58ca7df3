import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // DuckDB and Chromium share two cores; long imports and browser launches need headroom.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
