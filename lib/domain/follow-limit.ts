/**
 * The most creators one follow list may hold: what the schedule, the announced rooms and sync's change stamps keep.
 * On its own, without schemas, so the pages that word the limit load no zod.
 */
export const MAX_FOLLOWS = 5000;

/**
 * The most new creators one import adds (a file, or a pick from a TikTok list): a page can list thousands, and a file
 * of thousands is more likely a mistake than a choice. What is past it is named in the report, not added.
 */
export const MAX_NEW_PER_IMPORT = 200;
