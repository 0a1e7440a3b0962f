// `npm run bench`: pages opened in tabs. The popup's page (its rows in the page, and all of them) and the script time
// the content script adds to TikTok's pages.
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { DIR, extensionPage, launch, ms, POPUP_RUNS, POPUP_WARM_UP, seedFollows, stopWorker, workerOf } from './bench-browser.ts';
import { FLOOR_PAGE, median } from './bench-popup.ts';
import type { FakeSocialFetch } from '../tests/fake-socialfetch.ts';

/**
 * The popup with 200 follows, then 500: open → first screenful, and → every row, worker awake and asleep; and empty
 * extension pages opened the same way, with and without a script: what this harness and machine take before, and
 * until, any code of ours runs. In a browser of its own that intercepts nothing (the popup makes no request).
 */
export async function popupTimes(fake: FakeSocialFetch) {
  const context = await launch(fake, true, DIR, false);
  const worker = await workerOf(context);
  const page = await extensionPage(context, 'options');
  const results: Record<string, string> = {};
  results.blankPage = ms(median((await popupRounds(context, worker, [{ page: 'bench-blank', rows: 0, asleep: false }]))[0]!.first));
  for (const n of [200, 500]) {
    // The list only grows, through the import a user has, so the bench never writes the list's storage itself.
    await seedFollows(page, await workerOf(context), n);
    // A user opens the popup after the import has settled, not within the second.
    await page.waitForTimeout(2000);
    const [floor, awake, asleep] = await popupRounds(context, worker, [
      { page: FLOOR_PAGE, rows: 8, asleep: false },
      { page: 'popup', rows: n, asleep: false },
      { page: 'popup', rows: n, asleep: true },
    ]);
    if (n === 200) results.scriptPage = ms(median(floor!.first));
    for (const [suffix, t] of [['', awake!], ['Asleep', asleep!]] as const) {
      results[`popupFirst${n}${suffix}`] = ms(median(t.first));
      results[`popup${n}${suffix}`] = ms(median(t.all));
      // The same round's floor page taken away: what is left is ours, whatever pace the machine had that minute.
      results[`popupOwn${n}${suffix}`] = ms(median(t.first.map((time, i) => time - floor!.first[i]!)));
    }
  }
  await context.close();
  return results;
}

interface Opening {
  page: string;
  rows: number;
  /** The worker is stopped before each opening. */
  asleep: boolean;
}

/**
 * Times from opening each page (an extension page) to its first screenful (8 rows, what a 600 px popup shows) and to
 * all its rows in the page, POPUP_RUNS rounds of one opening of each page in turn: the machine's pace drifts over a
 * minute, and pages measured in blocks one after the other would each get a different share of it.
 */
async function popupRounds(context: BrowserContext, worker: Worker, openings: Opening[]) {
  const times = openings.map(() => ({ first: [] as number[], all: [] as number[] }));
  // The first rounds are not counted: Chrome keeps a script's compiled code from its second load on, as it does for a
  // user's popup from their second opening.
  for (let round = -POPUP_WARM_UP; round < POPUP_RUNS; round++) {
    for (const [k, { page, rows, asleep }] of openings.entries()) {
      const popup = await context.newPage();
      // Opened on an idle browser: the worker stopped (and waited for), or the last opening's work over.
      if (asleep) await stopWorker(context, popup);
      else await popup.waitForTimeout(300);
      await popup.addInitScript(`
        new MutationObserver(() => {
          const rows = document.querySelectorAll('[data-testid="creator-row"]').length;
          if (!window.__first && rows >= ${Math.min(8, rows)} && document.body) window.__first = performance.now();
          if (!window.__painted && rows >= ${rows} && document.body) window.__painted = performance.now();
        }).observe(document, { childList: true, subtree: true });
      `);
      await popup.goto(`chrome-extension://${new URL(worker.url()).host}/${page}.html`);
      await popup.waitForFunction(() => (window as unknown as { __painted?: number }).__painted !== undefined);
      const t = await popup.evaluate(() => {
        const w = window as unknown as { __first: number; __painted: number };
        return { first: w.__first, all: w.__painted };
      });
      if (round >= 0) {
        times[k]!.first.push(t.first);
        times[k]!.all.push(t.all);
      }
      await popup.close();
    }
  }
  return times;
}

/**
 * Median page script time (the renderer's ScriptDuration, content scripts included) over `runs` loads of `path`,
 * without and with the extension, each read once the page has settled (`settle`).
 */
async function scriptTime(fake: FakeSocialFetch, path: string, runs: number, settle: (page: Page) => Promise<unknown>) {
  const measure = async (withExtension: boolean) => {
    const context = await launch(fake, withExtension);
    if (withExtension) await workerOf(context);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const values: number[] = [];
    for (let i = 0; i < runs; i++) {
      // The renderer's metrics start again with each document.
      await page.goto(`https://www.tiktok.com${path}?run=${i}`, { waitUntil: 'load' });
      await settle(page);
      const metrics = (await cdp.send('Performance.getMetrics')).metrics;
      values.push((metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0) * 1000);
    }
    await context.close();
    return median(values);
  };
  const without = await measure(false);
  const withExt = await measure(true);
  return { without, withExt, added: Math.max(0, withExt - without) };
}

export async function scriptCost(fake: FakeSocialFetch): Promise<string> {
  const { without, withExt, added } = await scriptTime(fake, '/foryou', 21, (page) => page.waitForTimeout(300));
  return `${added.toFixed(1)} ms (page script time ${withExt.toFixed(1)} ms with the extension, ${without.toFixed(1)} ms without)`;
}

/** Script time the extension adds on a feed that appends and removes 50 nodes a second for 10 s, as a share of it. */
export async function churnCost(fake: FakeSocialFetch): Promise<string> {
  const done = (page: Page) => page.waitForFunction(() => (window as unknown as { __churnDone?: boolean }).__churnDone === true, null, { timeout: 20_000 });
  const { without, withExt, added } = await scriptTime(fake, '/churn', 3, done);
  return `${((added / 10_000) * 100).toFixed(2)} % (${added.toFixed(1)} ms over 10 s; page script time ${withExt.toFixed(1)} ms with the extension, ${without.toFixed(1)} ms without)`;
}
