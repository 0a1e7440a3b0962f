import { ask } from './extension';
import { expect, saveKey, test } from './fixtures';

test('the service worker starts and a lookup round-trips through the fake API', async ({ worker, fake, openExtensionPage }) => {
  expect(worker.url()).toMatch(/^chrome-extension:\/\/[a-p]{32}\/background\.js$/);
  fake.setProfile('sunny.cooks', { kind: 'live', title: 'Dumplings', viewerCount: 4210 });

  const page = await openExtensionPage('options');
  expect(await saveKey(page)).toMatchObject({ ok: true, data: { keyState: { state: 'valid' } } });

  const answer = await ask(page, { type: 'lookup', handle: 'sunny.cooks', reason: 'popup' });
  expect(answer).toMatchObject({
    ok: true,
    data: { entry: { handle: 'sunny.cooks', lookup: { status: 'live', live: { title: 'Dumplings', viewerCount: 4210 } } } },
  });
  expect(fake.lookups('sunny.cooks')).toBe(1);

  // Inside the freshness window the answer comes from the cache: no second credit.
  await ask(page, { type: 'lookup', handle: 'sunny.cooks', reason: 'popup' });
  expect(fake.lookups('sunny.cooks')).toBe(1);
});
