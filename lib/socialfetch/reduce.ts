import type { WireLiveData, WireProfile, WireLiveRoom, WireVariant } from '@/lib/socialfetch/schemas';
import { cleanText, normalisedHttps, type Lookup, type LiveRoom, type Profile, type Variant } from '@/lib/socialfetch/model';

/** Hostile or runaway strings are cut, never rejected: the rest of the payload is still useful. */
function clip(value: string | null | undefined, max: number): string | null {
  if (value == null) return null;
  const trimmed = cleanText(value);
  if (!trimmed) return null;
  return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed;
}

function reduceProfile(wire: WireProfile, requestedHandle: string): Profile {
  const handle = wire.handle.replace(/^@/, '').toLowerCase();
  return {
    handle: /^[a-z0-9._]{1,64}$/.test(handle) ? handle : requestedHandle,
    displayName: clip(wire.displayName, 200),
    avatarUrl: normalisedHttps(wire.avatarUrl),
    verified: wire.verified,
    followerCount: wire.followerCount ?? null,
  };
}

function reduceVariant(wire: WireVariant): Variant | null {
  const variant: Variant = {
    quality: clip(wire.quality, 64) ?? 'unknown',
    label: clip(wire.qualityLabel, 64),
    codec: wire.codec ?? null,
    source: wire.source ?? null,
    resolution: clip(wire.resolution, 32),
    bitrate: wire.bitrate ?? null,
    hls: normalisedHttps(wire.hlsUrl),
    flv: normalisedHttps(wire.flvUrl),
    cmaf: normalisedHttps(wire.cmafUrl),
  };
  return variant.hls || variant.flv || variant.cmaf ? variant : null;
}

function reduceRoom(wire: WireLiveRoom): LiveRoom {
  const started = wire.startedAt ? Date.parse(wire.startedAt) : Number.NaN;
  return {
    roomId: wire.roomId.slice(0, 128),
    title: clip(wire.title, 500),
    startedAt: Number.isFinite(started) ? started : null,
    viewerCount: wire.viewerCount ?? null,
    variants: wire.variants.flatMap((v) => reduceVariant(v) ?? []).slice(0, 64),
  };
}

export function reduceLookup(data: WireLiveData, requestedHandle: string): Lookup {
  switch (data.liveStatus) {
    case 'live':
      return { status: 'live', profile: reduceProfile(data.profile, requestedHandle), live: reduceRoom(data.live) };
    case 'offline':
      return { status: 'offline', profile: reduceProfile(data.profile, requestedHandle) };
    default:
      return { status: 'not_found' };
  }
}
