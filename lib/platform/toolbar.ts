import { browser } from 'wxt/browser';
import type { ToolbarView } from '@/lib/domain/toolbar-view';
import { openInFront } from '@/lib/platform/tabs';

/** The toolbar button shows `view`. Firefox's MV2 build has `browserAction` where MV3 has `action`. */
export async function showToolbar(view: ToolbarView) {
  const action = browser.action ?? browser.browserAction;
  await action.setBadgeText({ text: view.text });
  await action.setBadgeBackgroundColor({ color: view.color });
  await action.setTitle({ title: view.title });
}

/**
 * Whether the user pinned the extension's button to the toolbar: Chrome says (`action.getUserSettings`); Firefox,
 * which shows the button unless the user moved it away, has no such call: null, unknown.
 */
export async function isOnToolbar(): Promise<boolean | null> {
  const action = browser.action as (typeof browser.action & { getUserSettings?: () => Promise<{ isOnToolbar?: boolean }> }) | undefined;
  try {
    const settings = await action?.getUserSettings?.();
    return typeof settings?.isOnToolbar === 'boolean' ? settings.isOnToolbar : null;
  } catch {
    return null;
  }
}

/**
 * Shows the popup, as a click on the toolbar button would; where the browser does not let the extension open it (no
 * `openPopup`, or not outside a click on the button), the same page in a tab brought to the front.
 */
export async function openPopupView(): Promise<void> {
  const action = (browser.action ?? browser.browserAction) as { openPopup?: () => Promise<void> } | undefined;
  try {
    if (action?.openPopup) return await action.openPopup();
  } catch {
    // Refused: the tab below.
  }
  await openInFront(browser.runtime.getURL('/popup.html'));
}
