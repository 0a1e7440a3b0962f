// What e2e tests call inside extension pages (page.evaluate runs there, where `chrome` exists).
declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
