// `npm run bench`: measures the production build in real headless Chromium against the fake API and writes
// BENCHMARKS.md. A script, not a test: it reports figures next to their targets and never fails on a timing.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { badgeTimes } from './bench-badge.ts';
import { CHROMIUM, DIR, DIRECT_PORT, ms, POPUP_RUNS, POPUP_WARM_UP } from './bench-browser.ts';
import { creditsAndCycles, directCycle } from './bench-cycle.ts';
import { churnCost, popupTimes, scriptCost } from './bench-pages.ts';
import { popupPaints, writeFloorPage } from './bench-popup.ts';
import { writeReport } from './bench-report.ts';
import { startFakeSocialFetch } from '../tests/fake-socialfetch.ts';

async function main() {
  writeFileSync(path.join(DIR, 'bench-blank.html'), '<!DOCTYPE html><html><head><meta charset="utf-8"><title>blank</title></head><body><div>blank</div></body></html>');
  writeFloorPage(DIR);
  const fake = await startFakeSocialFetch({ port: DIRECT_PORT });
  const results: Record<string, string> = await badgeTimes(fake);
  Object.assign(results, await creditsAndCycles(fake));
  for (const [name, value] of Object.entries(await popupPaints(CHROMIUM, DIR, POPUP_RUNS, POPUP_WARM_UP))) results[name] = ms(value);
  Object.assign(results, await popupTimes(fake));
  const direct = await directCycle(fake);
  results.cycle500Direct = ms(direct.time);
  results.cycle500DirectFloor = ms(direct.floor);
  results.cycle500DirectCalls = String(direct.calls);

  // Content script cost on a non-profile page: script time with and without the extension.
  results.scriptCost = await scriptCost(fake);
  results.churnCost = await churnCost(fake);
  await fake.close();

  writeReport(results);
}

await main();
