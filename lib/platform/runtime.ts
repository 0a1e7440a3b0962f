import { browser, type Browser } from 'wxt/browser';

/** Who sent a message, as the browser reports it. */
export type Sender = Browser.runtime.MessageSender;

/** The address of one of the extension's own files. */
export const extensionUrl = (path: Parameters<typeof browser.runtime.getURL>[0]) => browser.runtime.getURL(path);

/** Sent by this extension (its pages, its worker or its content scripts), not by another one. */
export const fromThisExtension = (sender: { id?: string }) => sender.id === browser.runtime.id;

/** One of the extension's own pages (popup, options, picker): anything else is a content script in a web page. */
export const isExtensionPage = (url: string | undefined) => !!url && url.startsWith(browser.runtime.getURL('/'));

/** False once this copy of a content script is orphaned: the extension was updated or removed under it. */
export const extensionAlive = () => !!browser.runtime?.id;

export const openOptionsPage = () => browser.runtime.openOptionsPage();

/** Listens for messages sent to this context; returns what stops listening. */
export function onRuntimeMessage(listener: (message: unknown, sender: Sender) => Promise<unknown> | void) {
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

export const onInstalled = (listener: (details: { reason: string; previousVersion?: string }) => void) => browser.runtime.onInstalled.addListener(listener);
export const onStartup = (listener: () => void) => browser.runtime.onStartup.addListener(listener);
