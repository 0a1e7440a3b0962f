import { describe, expect, it } from 'vitest';
import { plural } from '@/lib/platform/i18n';

describe('plural forms', () => {
  it('pick the form the count needs, one message per form', () => {
    expect(plural('importAdded', 1)).toBe('Added 1 creator.');
    expect(plural('importAdded', 0)).toBe('Added 0 creators.');
    expect(plural('importAddedSkipped', 1, 3)).toBe('Added 1 creator, skipped 3.');
    expect(plural('optionsEstimate', 1, '144', '4,320')).toBe('≈ 144 credits a day (4,320 a month) for your 1 follow');
    expect(plural('optionsEstimate', 30, '4,320', '129,600')).toBe('≈ 4,320 credits a day (129,600 a month) for your 30 follows');
  });
});
