import { useEffect, useState } from 'preact/hooks';
import type { FollowEffect } from '@/lib/domain/model';
import { send } from '@/lib/platform/send';

/** What following `adding` more creators would do, asked of the background (no credit spent); null while asked. */
export function useFollowEffect(adding: number): FollowEffect | null {
  const [effect, setEffect] = useState<FollowEffect | null>(null);
  useEffect(() => {
    if (adding <= 0) return setEffect(null);
    let current = true;
    // The list is not changed by asking: the answer for the latest count is the one shown.
    send({ type: 'followEffect', adding }).then(
      (answer) => current && setEffect(answer),
      () => current && setEffect(null),
    );
    return () => void (current = false);
  }, [adding]);
  return effect;
}
