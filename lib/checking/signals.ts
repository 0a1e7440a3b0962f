import type { LookupOutcome } from '@/lib/checking/lookup-service';
import type { SmartSchedule } from '@/lib/checking/smart-schedule';
import type { Signal } from '@/lib/domain/schedule/signals';
import type { Follow } from '@/lib/domain/model';
import { demoItem, readCacheEntries, settingsItem } from '@/lib/platform/storage';

/**
 * Free signals from TikTok tabs (what their lists mark live). Each followed creator's claim is weighed by the
 * schedule; the ones worth it get one paid check, whose answer alone may notify, and which grades the source.
 */
export function createSignalHandler(deps: {
  smart: SmartSchedule;
  follows: () => Promise<Follow[]>;
  lookup: (handle: string) => Promise<LookupOutcome>;
}) {
  return async function weighSignals(signals: readonly Signal[]): Promise<void> {
    const [follows, settings, demo] = await Promise.all([deps.follows(), settingsItem.get(), demoItem.get()]);
    if (demo || !follows.length) return;
    const entries = await readCacheEntries(signals.map((s) => s.handle));
    const known = (handle: string) => {
      const status = entries.get(handle)?.lookup?.status;
      return status === 'live' ? 'live' : status === 'offline' ? 'offline' : 'unknown';
    };
    const confirm = await deps.smart.weigh(signals, follows, settings, known);
    await Promise.all(
      confirm.map(async (signal) => {
        const outcome = await deps.lookup(signal.handle);
        const status = outcome.cached ? null : outcome.entry?.lookup?.status;
        if (status === 'live' || status === 'offline') await deps.smart.trust(signal.source, (status === 'live') === (signal.state === 'live'));
      }),
    );
  };
}
