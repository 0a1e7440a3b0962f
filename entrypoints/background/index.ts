import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createIdbKeyStore } from '@/lib/platform/key-store';
import { closeStorageToContentScripts } from '@/lib/platform/stored-item';
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
  browser.runtime.onMessage.addListener((message, sender) => engine.handleMessage(message, sender));
  browser.alarms.onAlarm.addListener((alarm) => void engine.onAlarm(alarm));
  browser.runtime.onInstalled.addListener((details) => void engine.onInstalled(details));
  browser.runtime.onStartup.addListener(() => void engine.onWake());
  browser.notifications.onClicked.addListener((id) => void engine.onNotificationClicked(id));
  browser.storage.onChanged.addListener((changes, area) => void engine.onStorageChanged(changes, area));
  browser.tabs.onRemoved.addListener((tabId) => void engine.onTabRemoved(tabId));

  void engine.onWake();
});
