import type { ApiResult, LiveSource } from '@/lib/socialfetch/client';
import type { Lookup, Variant } from '@/lib/socialfetch/model';

/** Sample creators of demo mode; each goes live on its own cycle so a few minutes show changes. */
export const DEMO_CREATORS = [
  { handle: 'demo.chef', name: 'Demo Chef', title: 'Sunday noodles, live from the demo kitchen', periodMin: 12, liveMin: 8, offset: 0 },
  // Offline windows of chef and gamer never overlap, so someone is always live in the demo.
  { handle: 'demo.gamer', name: 'Demo Gamer', title: 'Ranked grind — demo stream', periodMin: 12, liveMin: 8, offset: 6 },
  { handle: 'demo.music', name: 'Demo Music', title: 'Acoustic requests (demo)', periodMin: 15, liveMin: 6, offset: 7 },
  { handle: 'demo.travel', name: 'Demo Travel', title: 'Night market walk (demo)', periodMin: 20, liveMin: 5, offset: 12 },
  { handle: 'demo.quiet', name: 'Demo Quiet', title: null, periodMin: 60, liveMin: 0, offset: 0 },
] as const;

const MINUTE = 60_000;

export const DEMO_HANDLES: ReadonlySet<string> = new Set(DEMO_CREATORS.map((c) => c.handle));

/** One of demo mode's sample creators: the demo answers for them, and for nobody else. */
export const isDemoCreator = (handle: string) => DEMO_HANDLES.has(handle);

function demoLookup(handle: string, now: number): Lookup {
  const creator = DEMO_CREATORS.find((c) => c.handle === handle);
  if (!creator) return { status: 'not_found' };
  const profile = { handle, displayName: creator.name, avatarUrl: null, verified: handle === 'demo.chef', followerCount: 12_345 };
  const period = creator.periodMin * MINUTE;
  const phase = (now + creator.offset * MINUTE) % period;
  if (phase >= creator.liveMin * MINUTE) return { status: 'offline', profile };
  const startedAt = now - phase;
  const room = Math.floor((now + creator.offset * MINUTE) / period);
  return {
    status: 'live',
    profile,
    live: {
      roomId: `demo-${handle}-${room}`,
      title: creator.title,
      startedAt,
      viewerCount: 200 + ((room * 7919 + Math.floor(phase / MINUTE) * 131) % 5000),
      // Sample links on a reserved name (.invalid never resolves): the panel can be tried, nothing leaves the browser.
      variants: demoVariants(handle),
    },
  };
}

function demoVariants(handle: string): Variant[] {
  const base = `https://demo.invalid/live-radar/${handle}`;
  const variant = (quality: string, label: string, resolution: string, bitrate: number, hevc = false): Variant => ({
    quality,
    label,
    codec: hevc ? 'h265' : 'h264',
    source: hevc ? 'hevc' : 'primary',
    resolution,
    bitrate,
    hls: `${base}/${quality}${hevc ? '-hevc' : ''}/index.m3u8`,
    flv: `${base}/${quality}${hevc ? '-hevc' : ''}.flv`,
    cmaf: null,
  });
  return [
    variant('origin', 'Original', '1080x1920', 4_000_000),
    variant('hd', '720p', '720x1280', 2_000_000),
    variant('origin', 'Original', '1080x1920', 2_500_000, true),
  ];
}

export function createDemoSource(now: () => number = Date.now): LiveSource {
  return {
    demo: true,
    async lookupLive(handle): Promise<ApiResult<Lookup>> {
      return { ok: true, data: demoLookup(handle, now()), requestId: 'demo', creditsCharged: 0 };
    },
  };
}
