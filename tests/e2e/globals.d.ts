// The extension APIs e2e tests call directly inside the service worker (evaluate runs there). Messages, storage and
// alarms go through the typed helpers in ./extension.ts instead, which declare what they use themselves.
declare const chrome: {
  action: { getBadgeText(details: object): Promise<string>; getTitle(details: object): Promise<string> };
  notifications: { getAll(): Promise<Record<string, unknown>>; clear(id: string): Promise<boolean> };
  tabs: { query(info: object): Promise<{ url?: string; pendingUrl?: string }[]> };
};
