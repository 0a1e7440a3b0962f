// @vitest-environment happy-dom
import { expect, it } from 'vitest';
import { createSignalReporter } from '@/entrypoints/tiktok/signal-reporter';
import type { Signal } from '@/lib/domain/schedule/signals';

/** A visible page whose list marks one account LIVE. */
function page(): Document {
  const doc = new DOMParser().parseFromString('<ul><li><a href="/@sunny.cooks"><span data-e2e="live-tag">LIVE</span></a></li></ul>', 'text/html');
  Object.defineProperty(doc, 'visibilityState', { get: () => 'visible' });
  return doc;
}

it('reports a LIVE marker once in ten minutes, and again at the next look when the background refused it', async () => {
  const sent: Signal[][] = [];
  let refuse = true;
  const reporter = createSignalReporter(page(), async (signals) => {
    sent.push(signals);
    if (refuse) throw new Error('Too many requests from this page. Try again in a minute.');
  });
  reporter.lists(0);
  await Promise.resolve();
  refuse = false;
  reporter.lists(15_000);
  reporter.lists(30_000);
  expect(sent).toEqual([[{ handle: 'sunny.cooks', state: 'live', source: 'list' }], [{ handle: 'sunny.cooks', state: 'live', source: 'list' }]]);
});
