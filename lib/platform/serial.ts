const chains = new Map<string, Promise<unknown>>();

/**
 * Runs `task` after every earlier task of the same name has finished: within this context by a promise chain, and
 * across the extension's contexts (worker, popup, options) by a Web Lock, so a read-modify-write of stored state
 * never interleaves with another one. A failed task does not block the ones after it.
 */
export function serialised<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  const run = () => (locks ? locks.request(`live-radar:${name}`, task) : task());
  const next = (chains.get(name) ?? Promise.resolve()).then(run, run);
  chains.set(name, next.catch(() => undefined));
  return next;
}
