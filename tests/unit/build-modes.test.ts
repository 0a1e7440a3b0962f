import { afterEach, expect, it, vi } from 'vitest';
import config from '../../wxt.config';

afterEach(() => vi.unstubAllEnvs());

/** The manifest WXT would write for `mode`, with the test builds' variables set in the shell. */
function manifestIn(mode: string) {
  vi.stubEnv('WXT_E2E', '1');
  vi.stubEnv('WXT_API_ORIGIN', 'http://127.0.0.1:47831');
  const manifest = config.manifest as (env: { browser: string; manifestVersion: 2 | 3; mode: string; command: 'build' | 'serve' }) => Record<string, unknown>;
  return manifest({ browser: 'chrome', manifestVersion: 3, mode, command: 'build' });
}

it('keeps the test builds’ entries out of a release build, whatever the shell’s variables', () => {
  const release = manifestIn('production');
  expect(release.web_accessible_resources).toBeUndefined();
  expect(release.host_permissions).toEqual(['https://api.socialfetch.dev/*', 'https://www.tiktok.com/*', 'https://m.tiktok.com/*']);
  const test = manifestIn('e2e');
  expect(test.web_accessible_resources).toEqual([{ resources: ['popup.html'], matches: ['https://www.tiktok.com/*'] }]);
  expect(test.host_permissions).toContain('http://127.0.0.1:47831/*');
});
