import { useState } from 'preact/hooks';
import { tiktokImageUrl } from '@/lib/domain/handle';

export function Avatar({ url: given, name, size = 40 }: { url: string | null; name: string; size?: number }) {
  const [failed, setFailed] = useState(false);
  const initials = name.replace(/^@/, '').slice(0, 2).toUpperCase();
  // Only TikTok's image hosts are asked, with no referrer.
  const url = tiktokImageUrl(given);
  return url && !failed ? (
    <img
      class="avatar"
      src={url}
      alt=""
      width={size}
      height={size}
      referrerpolicy="no-referrer"
      loading="lazy"
      onError={() => setFailed(true)}
    />
  ) : (
    <span class="avatar avatar-initials" aria-hidden="true" style={{ width: `${size}px`, height: `${size}px` }}>
      {initials}
    </span>
  );
}
