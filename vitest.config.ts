import { defineConfig } from 'vitest/config';

// SHANZHI_TEST_REPORT=path writes vitest's JSON report there as well (.ci/run reads it for its summary line).
const report = process.env.SHANZHI_TEST_REPORT;

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts', 'e2e/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: report ? ['default', ['json', { outputFile: report }]] : ['default'],
  },
});
