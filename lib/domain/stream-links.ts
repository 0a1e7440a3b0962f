import type { Variant } from '@/lib/socialfetch/model';
import { formatBitrate } from './format';

type StreamFormat = 'hls' | 'flv' | 'cmaf';

interface StreamLink {
  url: string;
  format: StreamFormat;
  /** A human quality name: TikTok's label, else "Original" or the picture height ("720p"), else the quality key. */
  quality: string;
  hevc: boolean;
}

interface LinkGroup {
  quality: string;
  hevc: boolean;
  detail: string | null;
  links: StreamLink[];
}

interface StreamLinks {
  /** The link most players handle best: the highest-quality H.264 HLS, else H.264 FLV. */
  recommended: StreamLink | null;
  /** Every link, grouped by quality, best first; HEVC groups after the H.264 ones. */
  groups: LinkGroup[];
}

export const FORMAT_NAMES: Record<StreamFormat, string> = { hls: 'HLS', flv: 'FLV', cmaf: 'CMAF' };
const FORMATS: StreamFormat[] = ['hls', 'flv', 'cmaf'];

const isHevc = (v: Variant) => v.codec === 'h265' || v.source === 'hevc';

/** The picture's short side of "1080x1920" (TikTok streams are portrait). */
function height(resolution: string | null): number | null {
  const match = /^(\d{2,5})x(\d{2,5})$/.exec(resolution ?? '');
  return match ? Math.min(Number(match[1]), Number(match[2])) : null;
}

function qualityName(v: Variant): string {
  if (v.label) return v.label.replace(/\s*\(HEVC\)\s*$/i, '') || v.quality;
  if (v.quality === 'origin') return 'Original';
  const h = height(v.resolution);
  return h ? `${h}p` : v.quality;
}

/** Higher bitrate, then larger picture, ranks first; unknowns last. */
const rank = (v: Variant) => [v.bitrate ?? -1, height(v.resolution) ?? -1] as const;
const better = (a: Variant, b: Variant) => {
  const [ab, ah] = rank(a);
  const [bb, bh] = rank(b);
  return bb - ab || bh - ah;
};

export function streamLinks(variants: readonly Variant[]): StreamLinks {
  const ordered = [...variants].sort((a, b) => Number(isHevc(a)) - Number(isHevc(b)) || better(a, b));
  const groups: LinkGroup[] = ordered.flatMap((v) => {
    const links = FORMATS.flatMap((format) => {
      const url = v[format];
      return url ? [{ url, format, quality: qualityName(v), hevc: isHevc(v) }] : [];
    });
    const detail = [v.resolution, v.bitrate !== null ? formatBitrate(v.bitrate) : null].filter(Boolean).join(' · ');
    return links.length ? [{ quality: qualityName(v), hevc: isHevc(v), detail: detail || null, links }] : [];
  });
  const h264 = groups.filter((g) => !g.hevc).flatMap((g) => g.links);
  const recommended = h264.find((l) => l.format === 'hls') ?? h264.find((l) => l.format === 'flv') ?? null;
  return { recommended, groups };
}

/** Every link as plain lines, "quality · format · url", for pasting anywhere. */
export function linksAsText({ groups }: StreamLinks): string {
  return groups
    .flatMap((g) => g.links.map((l) => `${l.quality}${l.hevc ? ' HEVC' : ''} · ${FORMAT_NAMES[l.format]} · ${l.url}`))
    .join('\n');
}
