// The popup as a user gets it: opened from the toolbar (`action.openPopup()`), with no debugger attached to it, timed
// to its first paint as Chrome reports it. Playwright attaches itself to every page it can see before that page runs,
// so this part drives Chromium over a bare DevTools pipe and looks at the popup only once it has painted.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { cachedAnswer, followWithAnswers, type ExtensionContext } from '../tests/e2e/extension.ts';

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}
type Paint = { fcp: number | null; rows: number };

/** The flags every benchmark browser starts with. */
export const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** The floor of anything a script of ours shows: a page whose one module script adds 8 rows of text. */
export const FLOOR_PAGE = 'bench-rows';
export function writeFloorPage(dir: string) {
  writeFileSync(path.join(dir, `${FLOOR_PAGE}.html`), `<!DOCTYPE html><html><head><meta charset="utf-8"><title>rows</title><script type="module" src="/${FLOOR_PAGE}.js"></script></head><body></body></html>`);
  writeFileSync(path.join(dir, `${FLOOR_PAGE}.js`), "for (let i = 0; i < 8; i++) { const row = document.createElement('div'); row.dataset.testid = 'creator-row'; row.textContent = `Creator ${i}`; document.body.append(row); }");
}

/** Chromium with the extension, driven over `--remote-debugging-pipe`: only what this script asks for is attached. */
async function launchBare(chromium: string, dir: string) {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'live-radar-bench-'));
  const args = ['--headless', ...CHROMIUM_FLAGS];
  args.push(`--disable-extensions-except=${dir}`, `--load-extension=${dir}`, '--host-resolver-rules=MAP * ~NOTFOUND', '--remote-debugging-pipe', `--user-data-dir=${profile}`, 'about:blank');
  const browser = spawn(chromium, args, { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
  const toBrowser = browser.stdio[3] as Writable;
  const fromBrowser = browser.stdio[4] as Readable;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let buffer = '';
  let lastId = 0;
  fromBrowser.setEncoding('utf8');
  fromBrowser.on('data', (chunk: string) => {
    buffer += chunk;
    for (let end = buffer.indexOf('\0'); end >= 0; end = buffer.indexOf('\0')) {
      const message = JSON.parse(buffer.slice(0, end)) as { id?: number; result?: unknown; error?: unknown };
      buffer = buffer.slice(end + 1);
      const waiting = message.id === undefined ? undefined : pending.get(message.id);
      if (!waiting) continue;
      pending.delete(message.id!);
      if (message.error) waiting.reject(new Error(JSON.stringify(message.error)));
      else waiting.resolve(message.result);
    }
  });
  const send = <T>(method: string, params: object = {}, sessionId?: string) =>
    new Promise<T>((resolve, reject) => {
      const id = ++lastId;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      toBrowser.write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
    });
  const targets = async () => (await send<{ targetInfos: TargetInfo[] }>('Target.getTargets')).targetInfos;
  const attach = async (targetId: string) => (await send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true })).sessionId;
  const evaluate = async <T>(sessionId: string, expression: string): Promise<T> => {
    const answer = await send<{ result: { value: T }; exceptionDetails?: unknown }>('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId);
    if (answer.exceptionDetails) throw new Error(`${expression.slice(0, 80)}: ${JSON.stringify(answer.exceptionDetails).slice(0, 300)}`);
    return answer.result.value;
  };
  const close = () => {
    browser.kill();
    rmSync(profile, { recursive: true, force: true });
  };
  return { send, targets, attach, evaluate, close };
}
type Bare = Awaited<ReturnType<typeof launchBare>>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function waitFor<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 250; i++) {
    const found = await probe();
    if (found !== undefined) return found;
    await sleep(20);
  }
  throw new Error(`no ${what}`);
}

/** The test helpers' `evaluate`, over the pipe: they seed the follows exactly as the other figures' harness does. */
const evaluator = (bare: Bare, sessionId: string) =>
  ({ evaluate: (fn: unknown, arg?: unknown) => bare.evaluate(sessionId, `(${String(fn)})(${arg === undefined ? '' : JSON.stringify(arg)})`) }) as unknown as ExtensionContext;

/** Opens `page` as the toolbar popup and reads, once it has painted, its first contentful paint and its rows. */
async function openAsPopup(bare: Bare, driver: string, extension: string, page: string): Promise<Paint> {
  const url = `chrome-extension://${extension}/${page}.html`;
  await bare.evaluate(driver, `chrome.action.setPopup({ popup: '${page}.html' }).then(() => chrome.action.openPopup()).then(() => 0)`);
  const popup = await waitFor('popup', async () => (await bare.targets()).find((t) => t.type === 'page' && t.url === url));
  // Attached only now: Chrome keeps the paint timing, and anything attached before would run in the popup's time.
  await sleep(600);
  const session = await bare.attach(popup.targetId);
  const paint = await bare.evaluate<Paint>(
    session,
    `({ fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null, rows: document.querySelectorAll('[data-testid="creator-row"]').length })`,
  );
  await bare.send('Target.closeTarget', { targetId: popup.targetId });
  return paint;
}

/**
 * The popup's page as its first render left it, its scripts taken out, written as `name`.html: the same first screen
 * with no script to run, to tell the cost of drawing that screen from the cost of the code that builds it.
 */
async function captureFirstScreen(bare: Bare, extension: string, dir: string, name: string) {
  const { targetId } = await bare.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
  const session = await bare.attach(targetId);
  await bare.send('Page.enable', {}, session);
  const source = `new MutationObserver(() => {
    if (!window.__firstScreen && document.querySelectorAll('[data-testid="creator-row"]').length >= 8) window.__firstScreen = document.documentElement.outerHTML;
  }).observe(document, { childList: true, subtree: true });`;
  await bare.send('Page.addScriptToEvaluateOnNewDocument', { source }, session);
  await bare.send('Page.navigate', { url: `chrome-extension://${extension}/popup.html` }, session);
  // Asked again while the page is still on its way (an evaluation can land in the document being left).
  const html = await waitFor('first screen', async () => (await bare.evaluate<string | null>(session, 'window.__firstScreen ?? null').catch(() => null)) ?? undefined);
  await bare.send('Target.closeTarget', { targetId });
  writeFileSync(path.join(dir, `${name}.html`), `<!DOCTYPE html>${html.replace(/<script\b[^>]*><\/script>/g, '')}`);
}

/**
 * First paint of the popup opened from the toolbar (200 and 500 follows, the worker awake and asleep), of a floor
 * popup (one module script adding 8 rows) and of the popup's first screen as a page with no script, `rounds` rounds
 * of each in turn after `warmUp` uncounted ones.
 */
export async function popupPaints(chromium: string, dir: string, rounds: number, warmUp: number) {
  writeFloorPage(dir);
  const bare = await launchBare(chromium, dir);
  try {
    const workers = async () => (await bare.targets()).filter((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
    const extension = new URL((await waitFor('service worker', async () => (await workers())[0])).url).host;
    const { targetId } = await bare.send<{ targetId: string }>('Target.createTarget', { url: `chrome-extension://${extension}/options.html` });
    const driver = await bare.attach(targetId);
    await waitFor('options page', async () => ((await bare.evaluate(driver, 'document.readyState')) === 'complete' ? true : undefined));
    const results: Record<string, number> = {};
    let seeded = 0;
    for (const n of [200, 500]) {
      const answers = Array.from({ length: n - seeded }, (_, i) => i + seeded).map((i) => cachedAnswer(`bench.f${i}`, `Creator ${i}`, i % 10 ? null : { viewers: i * 10 }));
      await followWithAnswers(evaluator(bare, driver), evaluator(bare, driver), answers);
      seeded = n;
      // A user opens the popup after the import has settled, not within the second.
      await sleep(2000);
      await captureFirstScreen(bare, extension, dir, 'bench-first-screen');
      const times = { floor: [] as number[], still: [] as number[], awake: [] as number[], asleep: [] as number[] };
      for (let round = -warmUp; round < rounds; round++) {
        for (const [kind, page] of [['floor', FLOOR_PAGE], ['still', 'bench-first-screen'], ['awake', 'popup'], ['asleep', 'popup']] as const) {
          if (kind === 'asleep') for (const worker of await workers()) await bare.send('Target.closeTarget', { targetId: worker.targetId });
          // Opened on an idle browser: the worker stopped, or the last opening's work over.
          await sleep(300);
          const { fcp, rows } = await openAsPopup(bare, driver, extension, page);
          if (fcp === null || rows < Math.min(8, page === 'popup' ? n : 8)) throw new Error(`${page}: no first paint of its rows (${rows} rows)`);
          if (round >= 0) times[kind].push(fcp);
        }
      }
      results[`paintFloor${n}`] = median(times.floor);
      results[`paintStill${n}`] = median(times.still);
      results[`paint${n}`] = median(times.awake);
      results[`paint${n}Asleep`] = median(times.asleep);
      // The same round's floor taken away: what is left is ours, whatever pace the machine had that minute.
      results[`paintOwn${n}`] = median(times.awake.map((t, i) => t - times.floor[i]!));
      results[`paintOwn${n}Asleep`] = median(times.asleep.map((t, i) => t - times.floor[i]!));
    }
    return results;
  } finally {
    bare.close();
  }
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
