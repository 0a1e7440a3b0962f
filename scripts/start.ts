/**
 * `npm start`: builds Live Radar for production and opens a browser with it loaded, in a profile kept under
 * `.output/profiles/` so the key and follows are still there next time.
 *
 *   npm start                       Chrome or Chromium (CHROME_PATH, else the usual install locations)
 *   npm start -- --firefox          Firefox (FIREFOX_PATH, else the usual install locations)
 *   npm start -- --profile=DIR      another profile folder (made if missing)
 *   npm start -- --some-flag        any other argument goes to the browser as it is
 *
 * Exits 1 with one line when it cannot: no display, no browser, a failed build.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import webExt from 'web-ext';
import { findBrowser, hasDisplay, type BrowserKind, type Machine } from './find-browser';

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));

function fail(line: string): never {
  process.stderr.write(`npm start: ${line}\n`);
  process.exit(1);
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const argv = process.argv.slice(2);
const kind: BrowserKind = argv.includes('--firefox') ? 'firefox' : 'chromium';
const profileArg = argv.find((arg) => arg.startsWith('--profile='));
const browserArgs = argv.filter((arg) => arg !== '--firefox' && arg !== profileArg);
const profile = path.resolve(root, profileArg?.slice('--profile='.length) || path.join('.output', 'profiles', kind));

const machine: Machine = { env: process.env, platform: process.platform, exists: isExecutable };
if (!hasDisplay(machine)) fail('no display to open a browser on (DISPLAY is not set). On a headless machine run: xvfb-run -a npm start');
const browser = findBrowser(kind, machine);
if ('error' in browser) fail(browser.error);

const build = spawnSync('npx', ['wxt', 'build', ...(kind === 'firefox' ? ['-b', 'firefox'] : [])], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], shell: process.platform === 'win32' });
if (build.status !== 0) fail(`the build failed: ${build.stderr.toString().trim().split('\n').at(-1) ?? `exit ${build.status}`}`);

const chromiumArgs = [
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  // Chromium refuses to start its sandbox as root (containers, CI machines).
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
];

// Chromium makes its profile in an empty folder; Firefox's is made by web-ext, inside an existing parent.
mkdirSync(kind === 'chromium' ? profile : path.dirname(profile), { recursive: true });
process.stdout.write(`Opening ${browser.path} with Live Radar (profile: ${profile}). Close the browser to stop.\n`);
const runner = await webExt.cmd.run(
  {
    sourceDir: path.join(root, '.output', kind === 'firefox' ? 'firefox-mv2' : 'chrome-mv3'),
    target: [kind === 'firefox' ? 'firefox-desktop' : 'chromium'],
    ...(kind === 'firefox' ? { firefox: browser.path, firefoxProfile: profile } : { chromiumBinary: browser.path, chromiumProfile: profile }),
    profileCreateIfMissing: kind === 'firefox',
    keepProfileChanges: true,
    args: [...(kind === 'chromium' ? chromiumArgs : []), ...browserArgs],
    noInput: true,
    noReload: true,
  },
  { shouldExitProgram: true },
).catch((error: unknown) => fail(`the browser did not start: ${error instanceof Error ? error.message : String(error)}`));

// The browser runs in a process group of its own: stopping `npm start` (Ctrl+C, a closed terminal, a kill) closes it.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => void runner.exit().finally(() => process.exit(0)));
}
