import { describe, expect, it } from 'vitest';
import { createProfileMemo, EMPTY_BOOK, observe, withFollows } from '@/lib/domain/schedule/book';
import { UTC } from '@/lib/domain/schedule/week';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const DAY = 86_400_000;

describe('learning at the follow cap', () => {
  const handles = Array.from({ length: 50 }, (_, i) => `creator.${i}`);
  let book = { ...withFollows(EMPTY_BOOK, handles, NOW - 30 * DAY), day: '2026-11-23' };
  for (const [i, handle] of handles.entries()) {
    for (let d = 1; d <= 10; d++) book = observe(book, handle, { live: d % 2 === 0, startedAt: null }, NOW - d * DAY + i * 60_000);
  }

  it('learns again only the creator whose history changed', () => {
    const learn = createProfileMemo();
    const first = learn(book, NOW, UTC);
    const same = learn(book, NOW, UTC);
    expect(same.generation).toBe(first.generation);
    same.profiles.forEach((profile, i) => expect(profile).toBe(first.profiles[i]));

    const wentLive = observe(book, 'creator.7', { live: true, startedAt: NOW - 60_000 }, NOW);
    const after = learn(wentLive, NOW, UTC);
    expect(after.generation).toBeGreaterThan(first.generation);
    const relearnt = after.profiles.flatMap((profile, i) => (profile === first.profiles[i] ? [] : [handles[i]]));
    expect(relearnt).toEqual(['creator.7']);
  });

  it('learns everyone again on a new day, when recent weeks weigh differently', () => {
    const learn = createProfileMemo();
    const first = learn(book, NOW, UTC);
    const tomorrow = learn({ ...book, day: '2026-11-24' }, NOW + DAY, UTC);
    tomorrow.profiles.forEach((profile, i) => expect(profile).not.toBe(first.profiles[i]));
  });
});
