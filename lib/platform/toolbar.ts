import { browser } from 'wxt/browser';
import type { ToolbarView } from '@/lib/domain/toolbar-view';

/** The toolbar button shows `view`. Firefox's MV2 build has `browserAction` where MV3 has `action`. */
export async function showToolbar(view: ToolbarView) {
  const action = browser.action ?? browser.browserAction;
  await action.setBadgeText({ text: view.text });
  await action.setBadgeBackgroundColor({ color: view.color });
  await action.setTitle({ title: view.title });
}
