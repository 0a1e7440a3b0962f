/**
 * The most creators one follow list may hold: what the schedule, the announced rooms and sync's change stamps keep.
 * On its own, without schemas, so the pages that word the limit load no zod.
 */
export const MAX_FOLLOWS = 5000;
