import { browser } from 'wxt/browser';
import type { ToolbarView } from '@/lib/domain/toolbar-view';

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
