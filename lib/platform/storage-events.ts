import { browser, type Browser } from 'wxt/browser';

/** What `storage.onChanged` reports: each changed key's old and new raw values. */
export type StorageChanges = Record<string, Browser.storage.StorageChange>;

/** Listens for changes in every storage area; returns what stops listening. Apart from the items: the popup reads no schema. */
export function onStorageChanged(listener: (changes: StorageChanges, areaName: string) => void) {
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
