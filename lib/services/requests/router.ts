import { t } from '@/lib/platform/i18n';
import { CONTENT_SCRIPT_LIMITS, requestSchema, type Envelope, type Request, type ResponseOf } from '@/lib/platform/messages';
import { fromThisExtension, isExtensionPage, type Sender } from '@/lib/platform/runtime';
import { contentRequestLogItem } from '@/lib/platform/storage';
import { admit } from '@/lib/domain/rate-limit';
import { classifyTikTokUrl } from '@/lib/domain/handle';

type Handler<T extends Request['type']> = (request: Extract<Request, { type: T }>, sender: Sender) => Promise<ResponseOf<T>>;
export type Handlers = { [T in Request['type']]: Handler<T> };

/**
 * The request is about the profile the sender's tab shows, by the address the browser reports (not the page's word).
 * The tab's address, not the frame's: that one stays the address the document was loaded at, and TikTok moves from
 * page to page without loading one.
 */
function onItsProfile(request: Request, sender: Sender): boolean {
  const url = sender.tab?.url ?? sender.url;
  const page = url ? classifyTikTokUrl(url) : null;
  return page?.kind === 'profile' && 'handle' in request && request.handle === page.handle;
}

/**
 * The one door into the background: every message is validated (`requestSchema`), its sender authorised (extension
 * pages may ask anything; a content script, as trusted as its TikTok page, only what `CONTENT_SCRIPT_LIMITS` allows,
 * within its rate), then handled.
 */
export function createRouter({ handlers, now }: { handlers: Handlers; now: () => number }) {
  /** A content script's request within its kind's rate limit (all TikTok tabs together, kept across worker restarts). */
  const pageRequests = new Map<string, number[]>();
  async function admitFromPage(type: Request['type'], limit: { max: number; perMs: number; perDay?: number; durable?: boolean }): Promise<boolean> {
    if (!limit.durable) {
      const result = admit(pageRequests.get(type) ?? [], now(), limit.max, limit.perMs);
      pageRequests.set(type, result.log);
      return result.allowed;
    }
    let allowed = false;
    await contentRequestLogItem.update((logs) => {
      const minute = admit(logs[type] ?? [], now(), limit.max, limit.perMs);
      const day = limit.perDay ? admit(logs[`${type}/day`] ?? [], now(), limit.perDay, 86_400_000) : null;
      allowed = minute.allowed && (day?.allowed ?? true);
      if (!allowed) return logs;
      return { ...logs, [type]: minute.log, ...(day ? { [`${type}/day`]: day.log } : {}) };
    });
    return allowed;
  }

  /** Validate, check who is asking, run. Never throws: the answer is always an envelope. */
  async function handleMessage(raw: unknown, sender: Sender): Promise<Envelope<unknown>> {
    if (!fromThisExtension(sender)) return { ok: false, error: t('msgUnknownSender') };
    const parsed = requestSchema.safeParse(raw);
    if (!parsed.success) return { ok: false, error: t('msgMalformed') };
    const request = parsed.data;
    // Anything not from the extension's own pages is a content script, as trusted as the TikTok page it runs in.
    const fromExtensionPage = isExtensionPage(sender.url);
    if (!fromExtensionPage) {
      const limit = CONTENT_SCRIPT_LIMITS[request.type];
      if (!limit) return { ok: false, error: t('msgNotAllowed') };
      if (limit.ownProfile && !onItsProfile(request, sender)) return { ok: false, error: t('msgNotThisProfile') };
      if (!(await admitFromPage(limit.shares ?? request.type, limit))) return { ok: false, error: t('msgTooMany') };
    }
    try {
      const handler = handlers[request.type] as (r: Request, s: Sender) => Promise<unknown>;
      return { ok: true, data: await handler(request, sender) };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : t('msgFailed') };
    }
  }

  return handleMessage;
}
