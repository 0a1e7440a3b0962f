import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { linksAsText, streamLinks } from '@/lib/domain/stream-links';
import { reduceLookup } from '@/lib/socialfetch/reduce';
import { liveResponseSchema } from '@/lib/socialfetch/schemas';
import type { Variant } from '@/lib/socialfetch/model';

const sample = liveResponseSchema.parse(JSON.parse(readFileSync('tests/fixtures/socialfetch/live.json', 'utf8')));

const variant = (v: Partial<Variant>): Variant => ({
  quality: 'hd', label: null, codec: 'h264', source: 'primary', resolution: null, bitrate: null, hls: null, flv: null, cmaf: null, ...v,
});

describe('stream links', () => {
  it('recommends the best H.264 HLS link of the sample answer and lists HEVC last, by name', () => {
    const lookup = reduceLookup(sample.data, 'sunny.cooks');
    if (lookup.status !== 'live') throw new Error('the sample is live');
    const links = streamLinks(lookup.live.variants);
    expect(links.recommended).toMatchObject({ format: 'hls', quality: 'Original', hevc: false });
    expect(links.recommended?.url).toContain('_or4/index.m3u8');
    expect(links.groups.map((g) => `${g.quality}${g.hevc ? ' HEVC' : ''}`)).toEqual(['Original', '720p', '480p', 'Original HEVC']);
  });

  it('falls back to FLV when no H.264 HLS link exists, and never recommends HEVC', () => {
    const links = streamLinks([
      variant({ quality: 'origin', codec: 'h265', source: 'hevc', hls: 'https://x.test/hevc.m3u8', bitrate: 9_000_000 }),
      variant({ quality: 'sd', flv: 'https://x.test/sd.flv', resolution: '480x854' }),
    ]);
    expect(links.recommended).toMatchObject({ url: 'https://x.test/sd.flv', format: 'flv', quality: '480p' });
  });

  it('recommends nothing when only HEVC or CMAF links exist', () => {
    expect(streamLinks([variant({ cmaf: 'https://x.test/a.mpd' })]).recommended).toBeNull();
    expect(streamLinks([variant({ codec: 'h265', hls: 'https://x.test/a.m3u8' })]).recommended).toBeNull();
  });

  it('names a quality without a label by its picture height, else by its key', () => {
    const links = streamLinks([
      variant({ quality: 'hd', resolution: '1280x720', hls: 'https://x.test/hd.m3u8' }),
      variant({ quality: 'weird', hls: 'https://x.test/w.m3u8' }),
    ]);
    expect(links.groups.map((g) => g.quality)).toEqual(['720p', 'weird']);
  });

  it('copies every link as one plain line each', () => {
    const text = linksAsText(streamLinks([variant({ quality: 'origin', hls: 'https://x.test/o.m3u8', flv: 'https://x.test/o.flv' })]));
    expect(text).toBe('Original · HLS · https://x.test/o.m3u8\nOriginal · FLV · https://x.test/o.flv');
  });
});
