import * as z from 'zod/mini';
import type { Follow } from '@/lib/domain/model';
import { parseHandle, type HandleError } from '@/lib/domain/handle';

/**
 * The one import pipeline: a Live Radar export file or a plain list of handles and profile links (one per line, or
 * comma separated) becomes flat entries in the options page, and the background turns them into follows, entry by
 * entry, inside the serialised follow-list update. Nothing deeper than a string crosses the message boundary.
 */

const EXPORT_VERSION = 1;
export const MAX_IMPORT_ENTRIES = 10_000;
const LABEL_LENGTH = 80;

export const importEntrySchema = z.union([
  z.object({
    handle: z.string().check(z.maxLength(500)),
    addedAt: z.optional(z.number()),
    notify: z.optional(z.boolean()),
    pinned: z.optional(z.boolean()),
  }),
  z.object({ unreadable: z.string().check(z.maxLength(LABEL_LENGTH)) }),
]);
export type ImportEntry = z.output<typeof importEntrySchema>;

export type ImportFileResult =
  | { ok: true; entries: ImportEntry[] }
  | { ok: false; error: 'not_json' | 'empty' | 'wrong_app' | 'newer_version' | 'too_many'; count?: number };

const fileSchema = z.object({ app: z.literal('live-radar'), version: z.number(), follows: z.array(z.unknown()) });

function label(raw: unknown): string {
  let text: string;
  try {
    text = typeof raw === 'string' ? raw : (JSON.stringify(raw) ?? String(raw));
  } catch {
    // Too deep or cyclic to print: say what kind of thing it was.
    text = Array.isArray(raw) ? '[…]' : '{…}';
  }
  return text.length > LABEL_LENGTH ? `${text.slice(0, LABEL_LENGTH - 1)}…` : text;
}

/** One entry of an export file, flattened: only primitives survive, anything else is named and skipped. */
function flatten(raw: unknown): ImportEntry {
  if (typeof raw === 'string') return { handle: raw.slice(0, 500) };
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw) && typeof (raw as { handle?: unknown }).handle === 'string') {
    const record = raw as { handle: string; addedAt?: unknown; notify?: unknown; pinned?: unknown };
    return {
      handle: record.handle.slice(0, 500),
      // A date JSON gives as 1e400 is Infinity, which no message may carry: it would refuse the whole import.
      ...(Number.isFinite(record.addedAt) ? { addedAt: record.addedAt as number } : {}),
      ...(typeof record.notify === 'boolean' ? { notify: record.notify } : {}),
      ...(record.pinned === true ? { pinned: true } : {}),
    };
  }
  return { unreadable: label(raw) };
}

const HEADER = /^(handle|username|user|url|link|profile)s?$/i;
const cell = (text: string) => text.trim().replace(/^"(.*)"$/, '$1');

/**
 * Handles and links one per line or separated by commas, semicolons or tabs. A table whose header names a handle
 * column among others (`handle,notify,addedAt`) gives that column only: its other cells, flags and dates, read as
 * handles too, and each would have been followed and paid for.
 */
function readPlainList(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/).filter((line) => line.trim());
  const header = (lines[0] ?? '').split(/[,;\t]/).map(cell);
  // A single line is a list, whatever its words (`user` and `link` are handles too).
  const column = lines.length > 1 && header.length > 1 ? header.findIndex((name) => HEADER.test(name)) : -1;
  if (column >= 0) return lines.slice(1).map((line) => cell(line.split(/[,;\t]/)[column] ?? '')).filter(Boolean);
  const cells = text.split(/[\r\n,;\t]+/).map(cell).filter(Boolean);
  // A one-column header is not a creator.
  return HEADER.test(cells[0] ?? '') ? cells.slice(1) : cells;
}

/** Reads what the user picked: a Live Radar export, or a plain list of handles and links. */
export function readImportFile(text: string): ImportFileResult {
  let raw: unknown[];
  if (/^\s*[[{]/.test(text)) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, error: 'not_json' };
    }
    const file = fileSchema.safeParse(json);
    if (!file.success) return { ok: false, error: 'wrong_app' };
    if (file.data.version > EXPORT_VERSION) return { ok: false, error: 'newer_version' };
    raw = file.data.follows;
  } else {
    raw = readPlainList(text);
  }
  if (!raw.length) return { ok: false, error: 'empty' };
  if (raw.length > MAX_IMPORT_ENTRIES) return { ok: false, error: 'too_many', count: raw.length };
  return { ok: true, entries: raw.map(flatten) };
}

/** Why an entry was not added: a code the page that shows the report words. */
export type SkipReason = HandleError | 'not_handle' | 'already_followed' | 'list_full' | 'import_cap';

export interface ImportPlan {
  added: Follow[];
  skipped: { entry: string; reason: SkipReason }[];
  /** Entries the file marks pinned, followed before or added now. */
  pinned: string[];
}

/** Which entries become follows, and why each other one does not. Pure: the caller holds the follow-list lock. */
export function planImport(
  entries: readonly ImportEntry[],
  existing: ReadonlySet<string>,
  notifyDefault: boolean,
  now: number,
  /** How many more follows the list has room for. */
  room = Infinity,
  /** How many new follows one import may add. */
  cap = Infinity,
): ImportPlan {
  const known = new Set(existing);
  const plan: ImportPlan = { added: [], skipped: [], pinned: [] };
  for (const entry of entries) {
    if ('unreadable' in entry) {
      plan.skipped.push({ entry: entry.unreadable, reason: 'not_handle' });
      continue;
    }
    const parsed = parseHandle(entry.handle);
    if (!parsed.ok) {
      plan.skipped.push({ entry: label(entry.handle), reason: parsed.error });
      continue;
    }
    if (entry.pinned) plan.pinned.push(parsed.handle);
    if (known.has(parsed.handle)) {
      plan.skipped.push({ entry: label(entry.handle), reason: 'already_followed' });
      continue;
    }
    if (plan.added.length >= room || plan.added.length >= cap) {
      plan.skipped.push({ entry: label(entry.handle), reason: plan.added.length >= room ? 'list_full' : 'import_cap' });
      continue;
    }
    known.add(parsed.handle);
    // A date in the future or out of range (1e20) is not kept: the follow counts from now.
    const addedAt = entry.addedAt;
    const validDate = addedAt !== undefined && Number.isSafeInteger(addedAt) && addedAt >= 0 && addedAt <= now;
    plan.added.push({ handle: parsed.handle, addedAt: validDate ? addedAt : now, notify: entry.notify ?? notifyDefault });
  }
  return plan;
}

/** The export file: every follow, pinned ones marked (`pinned: true`, which older builds ignore). */
export function exportFollows(follows: Follow[], pins: ReadonlySet<string>, now: number): string {
  const entries = follows.map((f) => (pins.has(f.handle) ? { ...f, pinned: true } : f));
  return JSON.stringify({ app: 'live-radar', version: EXPORT_VERSION, exportedAt: new Date(now).toISOString(), follows: entries }, null, 2);
}
