import { browser } from 'wxt/browser';
import type en from '@/public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;

/** A user-facing string from `_locales` in the browser's language; `$1`…`$9` take the substitutions. */
export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  const getMessage = browser.i18n.getMessage as (name: string, substitutions?: string[]) => string;
  return getMessage(key, substitutions.map(String));
}

type PluralBase<K = MessageKey> = K extends `${infer B}_other` ? B : never;

/**
 * A message with a count, in the form the UI language wants for it ("1 follow", "2 follows"). `browser.i18n` has no
 * plural rules: the catalogue holds one message per form (`name_one`, `name_other`, …) and `Intl.PluralRules` picks.
 * `$1` is the count; further substitutions follow it.
 */
export function plural(base: PluralBase, count: number, ...substitutions: (string | number)[]): string {
  const form = new Intl.PluralRules(uiLanguage()).select(count);
  return t(`${base}_${form}` as MessageKey, count, ...substitutions) || t(`${base}_other` as MessageKey, count, ...substitutions);
}

/** The browser's UI language, for `Intl` formats. */
export function uiLanguage(): string {
  try {
    return browser.i18n.getUILanguage();
  } catch {
    // Test doubles without i18n: English.
    return 'en';
  }
}
