import { useState } from 'preact/hooks';

export function Avatar({ url, name, size = 40 }: { url: string | null; name: string; size?: number }) {
  const [failed, setFailed] = useState(false);
  const initials = name.replace(/^@/, '').slice(0, 2).toUpperCase();
  // Only https URLs reach here (the API layer drops the rest); no referrer is sent to TikTok's CDN.
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
