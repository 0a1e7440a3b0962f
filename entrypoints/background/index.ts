import { defineBackground } from 'wxt/utils/define-background';
import { createIdbKeyStore } from '@/lib/platform/key-store';
import { onAlarm } from '@/lib/platform/alarms';
import { onNotificationClicked } from '@/lib/platform/notify';
import { onInstalled, onRuntimeMessage, onStartup } from '@/lib/platform/runtime';
import { closeStorageToContentScripts } from '@/lib/platform/stored-item';
import { onStorageChanged } from '@/lib/platform/storage-events';
import { onTabRemoved } from '@/lib/platform/tabs';
import { createEngine } from './engine';

export default defineBackground(() => {
  // First, on every start: the setting does not outlive the browser session.
  void closeStorageToContentScripts().catch((error: unknown) => console.warn('Live Radar: storage access level not set', error));
  const engine = createEngine({
    keyStore: createIdbKeyStore(),
    online: () => navigator.onLine,
    // Only test builds (`--mode e2e`, WXT_API_ORIGIN at build time) talk to another API than the real one.
    origin: (import.meta.env.MODE === 'e2e' && import.meta.env.WXT_API_ORIGIN) || undefined,
  });

  // Listeners are registered synchronously so events that woke the worker are not missed.
  onRuntimeMessage((message, sender) => engine.handleMessage(message, sender));
  onAlarm((alarm) => void engine.onAlarm(alarm));
  onInstalled((details) => void engine.onInstalled(details));
  onStartup(() => void engine.onWake());
  onNotificationClicked((id) => void engine.onNotificationClicked(id));
  onStorageChanged((changes, area) => void engine.onStorageChanged(changes, area));
  onTabRemoved((tabId) => void engine.onTabRemoved(tabId));

  void engine.onWake();
});
