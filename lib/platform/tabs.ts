import { browser } from 'wxt/browser';

export const openTab = (url: string) => browser.tabs.create({ url });

/** Opens `url` in a tab of a window brought to the front; with no window open, in a new one. */
export async function openInFront(url: string) {
  // Firefox for Android has no windows API: there the tab is all there is.
  const windows = browser.windows as typeof browser.windows | undefined;
  const tab = await browser.tabs.create({ url }).catch(() => null);
  if (!tab) await windows?.create({ url, focused: true });
  else if (tab.windowId !== undefined) await windows?.update(tab.windowId, { focused: true }).catch(() => undefined);
}

/** An extension page in a small window of its own. */
export const openPageWindow = (url: string, size: { width: number; height: number }) => browser.windows.create({ url, type: 'popup', ...size });

export const sendToTab = (tabId: number, message: unknown) => browser.tabs.sendMessage(tabId, message);
export const onTabRemoved = (listener: (tabId: number) => void) => browser.tabs.onRemoved.addListener(listener);
