import { handleErrorMessage } from '@/lib/platform/error-text';
import { describe, expect, it } from 'vitest';
import { classifyTikTokUrl, liveUrl, parseHandle, type HandleError } from '@/lib/domain/handle';
import { handleSchema } from '@/lib/domain/handle-schema';

describe('parseHandle accepts every form a user pastes', () => {
  it.each([
    ['sunny.cooks', 'sunny.cooks'],
    ['@sunny.cooks', 'sunny.cooks'],
    ['  @Sunny.Cooks  ', 'sunny.cooks'],
    ['SUNNY_COOKS', 'sunny_cooks'],
    ['live', 'live'],
    ['a', 'a'],
    ['x'.repeat(64), 'x'.repeat(64)],
    ['https://www.tiktok.com/@sunny.cooks', 'sunny.cooks'],
    ['http://www.tiktok.com/@sunny.cooks/', 'sunny.cooks'],
    ['www.tiktok.com/@sunny.cooks', 'sunny.cooks'],
    ['tiktok.com/@sunny.cooks', 'sunny.cooks'],
    ['https://m.tiktok.com/@sunny.cooks', 'sunny.cooks'],
    ['https://www.tiktok.com/@sunny.cooks/live', 'sunny.cooks'],
    ['https://www.tiktok.com/@sunny.cooks/video/7441234567890123456', 'sunny.cooks'],
    ['https://www.tiktok.com/@sunny.cooks/photo/7441234567890123456?lang=en', 'sunny.cooks'],
    ['https://www.tiktok.com/@Sunny.Cooks?is_from_webapp=1&sender_device=pc#top', 'sunny.cooks'],
    ['/@sunny.cooks', 'sunny.cooks'],
    ['/@sunny.cooks/live', 'sunny.cooks'],
    ['/@sunny.cooks/video/123', 'sunny.cooks'],
    ['@sunny.cooks?lang=en', 'sunny.cooks'],
    ['https://www.tiktok.com/%40sunny.cooks', 'sunny.cooks'],
  ])('%j → %s', (input, handle) => {
    expect(parseHandle(input)).toEqual({ ok: true, handle });
  });
});

describe('parseHandle rejects with a clear reason', () => {
  it.each<[string, HandleError]>([
    ['', 'empty'],
    ['   ', 'empty'],
    ['@', 'empty'],
    ['x'.repeat(65), 'too_long'],
    ['sunny cooks', 'illegal_characters'],
    ['sunny-cooks', 'illegal_characters'],
    ['<img src=x onerror=alert(1)>', 'illegal_characters'],
    ['ѕunny', 'illegal_characters'], // Cyrillic "ѕ"
    ['\u212Aelvin', 'illegal_characters'], // the Kelvin sign lower-cases to an ASCII "k"
    ['ｓｕｎｎｙ', 'illegal_characters'], // fullwidth
    ['javascript:alert(1)', 'illegal_characters'],
    ['sunny.', 'trailing_dot'],
    ['https://www.tiktok.com/explore', 'reserved_path'],
    ['https://www.tiktok.com/foryou', 'reserved_path'],
    ['https://www.tiktok.com/live', 'reserved_path'],
    ['https://www.tiktok.com/live/sunny', 'reserved_path'],
    ['https://www.tiktok.com/following', 'reserved_path'],
    ['https://www.tiktok.com/search?q=sunny', 'reserved_path'],
    ['/explore', 'reserved_path'],
    ['https://www.tiktok.com/@MS4wLjABAAAAv7iSuuXDJGDvJkmH_vz1qkDZYo1apxgzaxdBSeIuPiM', 'sec_uid'],
    ['@MS4wLjABAAAAv7iSuuXDJGDvJkmH', 'sec_uid'],
    ['https://www.tiktok.com/share/user/6812345678901234567', 'share_link'],
    ['https://www.tiktok.com/t/ZT8abcdef/', 'share_link'],
    ['https://vm.tiktok.com/ZMabcdef/', 'share_link'],
    ['vt.tiktok.com/ZSabcdef', 'share_link'],
    ['https://example.com/@sunny', 'not_tiktok'],
    ['https://tiktok.com.evil.example/@sunny', 'not_tiktok'],
    ['ftp://www.tiktok.com/@sunny', 'not_tiktok'],
    ['https://www.tiktok.com/', 'no_handle'],
    ['tiktok.com', 'no_handle'],
  ])('%j → %s', (input, error) => {
    const result = parseHandle(input);
    expect(result).toMatchObject({ ok: false, error });
    if (!result.ok) expect(handleErrorMessage(result.error).length).toBeGreaterThan(10);
  });
});

describe('classifyTikTokUrl', () => {
  it.each([
    ['https://www.tiktok.com/@sunny.cooks', { kind: 'profile', handle: 'sunny.cooks', live: false }],
    ['https://www.tiktok.com/@Sunny.Cooks/?lang=en', { kind: 'profile', handle: 'sunny.cooks', live: false }],
    ['https://m.tiktok.com/@sunny.cooks/live', { kind: 'profile', handle: 'sunny.cooks', live: true }],
    ['https://www.tiktok.com/@sunny.cooks/video/123', { kind: 'other' }],
    ['https://www.tiktok.com/@sunny.cooks/photo/123', { kind: 'other' }],
    ['https://www.tiktok.com/live', { kind: 'other' }],
    ['https://www.tiktok.com/@MS4wLjABAAAAv7iSuuXDJGDvJkmH', { kind: 'other' }],
    ['https://www.tiktok.com/foryou', { kind: 'other' }],
    ['https://www.tiktok.com/', { kind: 'other' }],
    ['https://example.com/@sunny', { kind: 'other' }],
    ['not a url', { kind: 'other' }],
  ])('%s', (url, page) => {
    expect(classifyTikTokUrl(url)).toEqual(page);
  });
});

describe('helpers', () => {
  it('build live URLs and accept only normalised handles in schemas', () => {
    expect(liveUrl('sunny.cooks')).toBe('https://www.tiktok.com/@sunny.cooks/live');
    expect(handleSchema.safeParse('sunny.cooks').success).toBe(true);
    expect(handleSchema.safeParse('Sunny').success).toBe(false);
    expect(handleSchema.safeParse('@sunny').success).toBe(false);
  });
});
