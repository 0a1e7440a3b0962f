import path from 'node:path';

/** The browser `npm start` opens: Chrome or Chromium (the default), or Firefox. */
export type BrowserKind = 'chromium' | 'firefox';

export interface Machine {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  /** Whether an executable file is at this absolute path. */
  exists: (file: string) => boolean;
}

const OVERRIDE: Record<BrowserKind, string> = { chromium: 'CHROME_PATH', firefox: 'FIREFOX_PATH' };

/** Names looked up on PATH (Linux and the BSDs), in the order users expect: a branded build before an open one. */
const ON_PATH: Record<BrowserKind, string[]> = {
  chromium: ['google-chrome-stable', 'google-chrome', 'chromium', 'chromium-browser'],
  firefox: ['firefox', 'firefox-esr'],
};

function fixedPlaces(kind: BrowserKind, { env, platform }: Machine): string[] {
  if (platform === 'darwin') {
    const apps = kind === 'chromium'
      ? ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium']
      : ['Firefox.app/Contents/MacOS/firefox'];
    const roots = ['/Applications', ...(env.HOME ? [path.posix.join(env.HOME, 'Applications')] : [])];
    return roots.flatMap((root) => apps.map((app) => path.posix.join(root, app)));
  }
  if (platform === 'win32') {
    const exe = kind === 'chromium' ? ['Google\\Chrome\\Application\\chrome.exe', 'Chromium\\Application\\chrome.exe'] : ['Mozilla Firefox\\firefox.exe'];
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((root): root is string => !!root);
    return roots.flatMap((root) => exe.map((file) => path.win32.join(root, file)));
  }
  // Snap installs (Ubuntu's Chromium and Firefox) are on PATH through /snap/bin, which not every shell has.
  const dirs = [...(env.PATH ?? '').split(':').filter(Boolean), '/usr/bin', '/usr/local/bin', '/snap/bin'];
  return [...new Set(ON_PATH[kind].flatMap((name) => dirs.map((dir) => path.posix.join(dir, name))))];
}

/**
 * Where the browser of this kind is: the user's `CHROME_PATH` / `FIREFOX_PATH` when set (and then only there), else the
 * first usual install location that holds one. An error says what was tried in one line.
 */
export function findBrowser(kind: BrowserKind, machine: Machine): { path: string } | { error: string } {
  const variable = OVERRIDE[kind];
  const chosen = machine.env[variable];
  if (chosen) {
    return machine.exists(chosen) ? { path: chosen } : { error: `${variable} is set to ${chosen}, but no browser is there.` };
  }
  const found = fixedPlaces(kind, machine).find((file) => machine.exists(file));
  if (found) return { path: found };
  const names = kind === 'chromium' ? 'Google Chrome or Chromium' : 'Firefox';
  return { error: `No ${names} found in the usual places: install one, or set ${variable} to its executable.` };
}

/** Whether a browser window can open here: Windows and macOS always have a screen; elsewhere X11 or Wayland says so. */
export function hasDisplay({ env, platform }: Pick<Machine, 'env' | 'platform'>): boolean {
  return platform === 'win32' || platform === 'darwin' || !!env.DISPLAY || !!env.WAYLAND_DISPLAY;
}
