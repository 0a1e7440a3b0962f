import { describe, expect, it } from 'vitest';
import { findBrowser, hasDisplay, type Machine } from '@/scripts/find-browser';

/** A machine where only `files` exist. */
function machine(platform: NodeJS.Platform, files: string[], env: Machine['env'] = {}): Machine {
  return { platform, env, exists: (file) => files.includes(file) };
}

describe('which browser npm start opens', () => {
  it.each([
    ['linux', '/usr/bin/chromium', {}],
    ['linux', '/usr/bin/google-chrome-stable', {}],
    ['linux', '/snap/bin/chromium', { PATH: '/usr/bin' }],
    ['linux', '/opt/tools/chromium-browser', { PATH: '/opt/tools:/usr/bin' }],
    ['darwin', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', {}],
    ['darwin', '/Users/me/Applications/Chromium.app/Contents/MacOS/Chromium', { HOME: '/Users/me' }],
    ['win32', 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', { PROGRAMFILES: 'C:\\Program Files' }],
    ['win32', 'C:\\Users\\me\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe', { LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local' }],
  ] as const)('finds Chrome or Chromium on %s at %s', (platform, file, env) => {
    expect(findBrowser('chromium', machine(platform, [file], env))).toEqual({ path: file });
  });

  it.each([
    ['linux', '/usr/bin/firefox-esr', {}],
    ['darwin', '/Applications/Firefox.app/Contents/MacOS/firefox', {}],
    ['win32', 'C:\\Program Files (x86)\\Mozilla Firefox\\firefox.exe', { 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)' }],
  ] as const)('finds Firefox on %s at %s', (platform, file, env) => {
    expect(findBrowser('firefox', machine(platform, [file], env))).toEqual({ path: file });
  });

  it('prefers Google Chrome to Chromium where both are installed', () => {
    expect(findBrowser('chromium', machine('linux', ['/usr/bin/chromium', '/usr/bin/google-chrome']))).toEqual({ path: '/usr/bin/google-chrome' });
  });

  it('takes CHROME_PATH and FIREFOX_PATH over every usual place, and says when nothing is there', () => {
    const files = ['/usr/bin/chromium', '/usr/bin/firefox', '/opt/chrome-beta/chrome', '/opt/ff/firefox'];
    expect(findBrowser('chromium', machine('linux', files, { CHROME_PATH: '/opt/chrome-beta/chrome' }))).toEqual({ path: '/opt/chrome-beta/chrome' });
    expect(findBrowser('firefox', machine('linux', files, { FIREFOX_PATH: '/opt/ff/firefox' }))).toEqual({ path: '/opt/ff/firefox' });
    expect(findBrowser('chromium', machine('linux', files, { CHROME_PATH: '/opt/gone/chrome' }))).toEqual({
      error: 'CHROME_PATH is set to /opt/gone/chrome, but no browser is there.',
    });
  });

  it('says in one line which browser is missing and how to name one', () => {
    expect(findBrowser('chromium', machine('linux', []))).toEqual({
      error: 'No Google Chrome or Chromium found in the usual places: install one, or set CHROME_PATH to its executable.',
    });
    expect(findBrowser('firefox', machine('darwin', ['/usr/bin/chromium']))).toEqual({
      error: 'No Firefox found in the usual places: install one, or set FIREFOX_PATH to its executable.',
    });
  });

  it('knows where a window can open', () => {
    expect(hasDisplay({ platform: 'linux', env: {} })).toBe(false);
    expect(hasDisplay({ platform: 'linux', env: { DISPLAY: ':0' } })).toBe(true);
    expect(hasDisplay({ platform: 'linux', env: { WAYLAND_DISPLAY: 'wayland-0' } })).toBe(true);
    expect(hasDisplay({ platform: 'darwin', env: {} })).toBe(true);
    expect(hasDisplay({ platform: 'win32', env: {} })).toBe(true);
  });
});
