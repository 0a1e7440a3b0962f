import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-output/playwright',
  // README's screenshots are the baselines its tests compare with (tests/e2e/screenshots.ts).
  snapshotPathTemplate: '{testDir}/../../docs/screenshots/{arg}{ext}',
  // Each test launches its own browser with the extension; two cores do not run two of them well.
  workers: 1,
  fullyParallel: false,
  // No retries: a test that passes only the second time is a flake to fix, not to hide.
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: { trace: 'retain-on-failure' },
});
