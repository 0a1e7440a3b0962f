import { browser } from 'wxt/browser';
import { t } from '@/lib/platform/i18n';
import type { Envelope, Request, ResponseOf } from '@/lib/platform/messages';

class MessageError extends Error {}

/**
 * Send a request to the background; throws `MessageError` with a user-facing text when it fails. The background
 * validated the request and built the answer: the UIs trust it (no schema here, so the content script ships no zod).
 */
export async function send<R extends Request>(request: R): Promise<ResponseOf<R['type']>> {
  let raw: unknown;
  try {
    raw = await browser.runtime.sendMessage(request);
  } catch {
    throw new MessageError(t('msgNoBackground'));
  }
  if (typeof raw !== 'object' || raw === null || !('ok' in raw)) throw new MessageError(t('msgUnexpected'));
  const envelope = raw as Envelope<ResponseOf<R['type']>>;
  if (!envelope.ok) throw new MessageError(envelope.error);
  return envelope.data;
}
