import { z } from 'zod';
import { t } from './i18n';
import { browser } from 'wxt/browser';
import { handleSchema } from './handle';
import { cacheEntrySchema, keyStateSchema } from './storage';

/**
 * The message protocol between the UIs (content script, popup, options) and the background, defined once.
 * The background validates every request with `requestSchema` and answers `{ ok: true, data } | { ok: false, error }`.
 */

const handle = handleSchema;

export const requestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('lookup'), handle, reason: z.enum(['visit', 'popup', 'refresh']) }),
  z.object({ type: z.literal('follow'), handle, follow: z.boolean() }),
  z.object({ type: z.literal('setNotify'), handle, notify: z.boolean() }),
  z.object({ type: z.literal('saveKey'), key: z.string().max(1000) }),
  z.object({ type: z.literal('removeKey') }),
  z.object({ type: z.literal('account') }),
  z.object({ type: z.literal('refreshAll') }),
  z.object({ type: z.literal('resumePolling') }),
  z.object({ type: z.literal('importFollows'), follows: z.array(z.unknown()).max(10_000) }),
  z.object({ type: z.literal('setDemo'), on: z.boolean() }),
]);
export type Request = z.infer<typeof requestSchema>;
export type RequestType = Request['type'];

/** Requests a content script may send; everything else needs an extension page. */
export const CONTENT_SCRIPT_REQUESTS: ReadonlySet<RequestType> = new Set(['lookup', 'follow']);

export const responseSchemas = {
  lookup: z.object({
    entry: cacheEntrySchema.nullable(),
    blocked: z.enum(['no_key', 'key_invalid', 'out_of_credits', 'rate_limited', 'ceiling']).optional(),
    followed: z.boolean(),
    demo: z.boolean(),
  }),
  follow: z.object({ followed: z.boolean(), inLocal: z.boolean() }),
  setNotify: z.object({ notify: z.boolean() }),
  saveKey: z.object({ keyState: keyStateSchema }),
  removeKey: z.object({ keyState: keyStateSchema }),
  account: z.object({
    name: z.string().nullable(),
    email: z.string().nullable(),
    balance: z.number().nullable(),
    spentToday: z.number(),
    spentWeek: z.number(),
  }),
  refreshAll: z.object({ result: z.string() }),
  resumePolling: z.object({ result: z.string() }),
  importFollows: z.object({
    added: z.array(z.string()),
    skipped: z.array(z.object({ entry: z.string(), reason: z.string() })),
  }),
  setDemo: z.object({ demo: z.boolean() }),
} satisfies Record<RequestType, z.ZodType>;

export type ResponseOf<T extends RequestType> = z.infer<(typeof responseSchemas)[T]>;
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: string };

export class MessageError extends Error {}

/** Send a request to the background; throws `MessageError` with a user-facing text when it fails. */
export async function send<R extends Request>(request: R): Promise<ResponseOf<R['type']>> {
  let raw: unknown;
  try {
    raw = await browser.runtime.sendMessage(request);
  } catch {
    throw new MessageError(t('msgNoBackground'));
  }
  const envelope = z
    .union([z.object({ ok: z.literal(true), data: z.unknown() }), z.object({ ok: z.literal(false), error: z.string() })])
    .safeParse(raw);
  if (!envelope.success) throw new MessageError(t('msgUnexpected'));
  if (!envelope.data.ok) throw new MessageError(envelope.data.error);
  const data = responseSchemas[request.type].safeParse(envelope.data.data);
  if (!data.success) throw new MessageError(t('msgUnexpected'));
  return data.data as ResponseOf<R['type']>;
}
