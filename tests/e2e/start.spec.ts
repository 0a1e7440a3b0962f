import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import puppeteer from 'puppeteer-core';
import { readBadge } from './content-world';
import { expect, routeFixtures, test } from './fixtures';

/**
 * README's main job, run as a user runs it: the real `npm start` script (under Xvfb, as README says for a headless
 * machine), then the pages it opened, read over the remote-debugging port it was given.
 */

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** `command args` in a process group of its own, so that the test can stop all it started. */
function runGroup(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Run {
  const child = spawn(command, args, { detached: true, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, output: () => output, exited };
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

async function cdpAnswers(port: number): Promise<boolean> {
  return fetch(`http://127.0.0.1:${port}/json/version`).then((r) => r.ok, () => false);
}

/** The page's text once it has some, after a reload watched for errors (the first load happened before we attached). */
async function renderedText(page: Page): Promise<{ text: string; errors: string[] }> {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.reload();
  await expect(page.locator('body')).not.toHaveText(/^\s*$/);
  return { text: await page.locator('body').innerText(), errors };
}

/** npm start's own environment, without the display this machine may have. */
function withoutDisplay(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  return { ...env, ...extra };
}

test('npm start without a display says how to run it headless, in one line', async () => {
  const run = runGroup('npm', ['start', '--silent'], withoutDisplay());
  expect(await run.exited).toBe(1);
  expect(run.output().trim().split('\n')).toEqual([expect.stringContaining('xvfb-run -a npm start')]);
});

test('npm start says in one line when the browser it was pointed at is not there', async () => {
  const run = runGroup('npm', ['start', '--silent'], withoutDisplay({ DISPLAY: ':404', CHROME_PATH: '/nowhere/chrome' }));
  expect(await run.exited).toBe(1);
  expect(run.output().trim().split('\n')).toEqual(['npm start: CHROME_PATH is set to /nowhere/chrome, but no browser is there.']);
});

/** Starts `npm start -- ARGS` under Xvfb with a new profile, hands it to `use`, then stops the whole process group. */
async function withStart(args: string[], use: (port: number, run: Run) => Promise<void>) {
  const port = await freePort();
  const profile = mkdtempSync(path.join(tmpdir(), 'live-radar-start-'));
  const run = runGroup('xvfb-run', ['-a', 'npm', 'start', '--', ...args, `--profile=${profile}`, `--remote-debugging-port=${port}`]);
  try {
    await use(port, run);
  } finally {
    if (run.child.exitCode === null) process.kill(-run.child.pid!, 'SIGTERM');
    await run.exited;
    rmSync(profile, { recursive: true, force: true });
  }
}

test('npm start opens Chromium with every part of Live Radar working', async ({ fake }) => {
  test.setTimeout(120_000);
  let cdpPort = 0;
  await withStart([], async (port, run) => {
    cdpPort = port;
    await expect.poll(() => Promise.race([cdpAnswers(port), run.exited.then(() => run.output())]), { timeout: 60_000 }).toBe(true);
    const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    try {
      const context = browser.contexts()[0]!;
      await routeFixtures(context, fake);

      // The first-run options tab opens by itself, from the background: the worker is up and the options page renders.
      await expect.poll(() => context.pages().find((p) => p.url().endsWith('/options.html'))?.url(), { timeout: 20_000 }).toBeTruthy();
      const options = context.pages().find((p) => p.url().endsWith('/options.html'))!;
      const optionsView = await renderedText(options);
      expect(optionsView.errors).toEqual([]);
      await expect(options.getByRole('heading').first()).toBeVisible();

      const popup = await context.newPage();
      await popup.goto(options.url().replace('/options.html', '/popup.html'));
      const popupView = await renderedText(popup);
      expect(popupView.errors).toEqual([]);
      // What the popup says with no key comes from the background's snapshot: the worker answered it.
      await expect(popup.getByTestId('status-banner')).toHaveAttribute('data-kind', 'missing');

      // The content script puts its badge on a profile.
      const profilePage = await context.newPage();
      await profilePage.goto('https://www.tiktok.com/@sunny');
      await expect.poll(async () => (await readBadge(profilePage))?.handle).toBe('sunny');
    } finally {
      await browser.close().catch(() => undefined);
    }
  });
  // Stopping npm start closed the browser it opened.
  await expect.poll(() => cdpAnswers(cdpPort)).toBe(false);
});

test('npm start -- --firefox opens Firefox with Live Radar working', async () => {
  test.setTimeout(120_000);
  await withStart(['--firefox'], async (port, run) => {
    const endpoint = `ws://127.0.0.1:${port}/session`;
    const connect = () => puppeteer.connect({ browserWSEndpoint: endpoint, protocol: 'webDriverBiDi' });
    await expect.poll(() => Promise.race([connect().then((b) => b.disconnect().then(() => true), () => false), run.exited.then(() => run.output())]), { timeout: 60_000 }).toBe(true);
    const browser = await connect();
    try {
      // Firefox's driver may not open extension pages, but reads the options tab the background opened on install.
      await expect.poll(async () => (await browser.pages()).some((p) => p.url().endsWith('/options.html')), { timeout: 20_000 }).toBe(true);
      const options = (await browser.pages()).find((p) => p.url().endsWith('/options.html'))!;
      await expect.poll(() => options.evaluate(() => document.querySelector('h1')?.textContent)).toBe('Live Radar');
      // The popup, in the same tab, asked the background for its snapshot and shows it.
      await options.evaluate(() => location.assign('popup.html'));
      await expect.poll(() => options.evaluate(() => document.querySelector('[data-testid="status-banner"]')?.getAttribute('data-kind')).catch(() => null)).toBe('missing');

      // The content script mounts its badge on a profile (served here; nothing reaches the network).
      const page = await browser.newPage();
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        const answer = new URL(request.url()).hostname === 'www.tiktok.com'
          ? request.respond({ status: 200, contentType: 'text/html', body: readFileSync('tests/fixtures/tiktok/profile.html', 'utf8') })
          : request.abort();
        void answer.catch(() => undefined);
      });
      await page.goto('https://www.tiktok.com/@sunny');
      await expect.poll(() => page.evaluate(() => document.querySelector('live-radar-badge') !== null)).toBe(true);
    } finally {
      await browser.disconnect().catch(() => undefined);
    }
  });
});
