// The extension APIs e2e tests call inside extension pages and the service worker (evaluate runs there).
declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  alarms: { create(name: string, info: { when?: number; periodInMinutes?: number }): Promise<void> };
  action: { getBadgeText(details: object): Promise<string>; getTitle(details: object): Promise<string> };
  notifications: { getAll(): Promise<Record<string, unknown>>; clear(id: string): Promise<boolean> };
  storage: Record<'local' | 'sync', {
    get(keys: string | string[] | null): Promise<Record<string, unknown>>;
    set(items: Record<string, unknown>): Promise<void>;
    remove(keys: string | string[]): Promise<void>;
  }>;
};
