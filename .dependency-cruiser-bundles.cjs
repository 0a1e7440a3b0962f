/**
 * What each bundle may contain, checked in `npm test` (`npm run lint:deps`) over runtime imports only: a type-only
 * import is gone at build time and puts nothing in a bundle. `.dependency-cruiser.cjs` holds the layers.
 */
const { BROWSER_API, options } = require('./.dependency-cruiser-shared.cjs');

module.exports = {
  forbidden: [
    {
      name: 'pure-bundle-no-browser',
      severity: 'error',
      comment:
        'The API contract, the domain rules and the TikTok page rules run anywhere: nothing they pull in reaches an extension API, not even through i18n (they answer in codes).',
      from: { path: '^lib/(socialfetch|domain|tiktok)/' },
      to: { path: BROWSER_API, reachable: true },
    },
    {
      name: 'content-bundle-no-client-or-key',
      severity: 'error',
      comment: 'The content script is as trusted as the TikTok page: its bundle holds neither the API client nor the key store.',
      from: { path: '^entrypoints/tiktok/' },
      to: { path: '^lib/(socialfetch/client|platform/key-store)\\.ts$', reachable: true },
    },
    {
      name: 'content-bundle-no-zod',
      severity: 'error',
      comment: 'The content script trusts the background and stays light: no zod in its bundle.',
      from: { path: '^entrypoints/tiktok/' },
      to: { path: '(^|/)node_modules/zod/', reachable: true },
    },
    {
      name: 'popup-bundle-no-zod',
      severity: 'error',
      comment: 'The popup trusts the background and paints from one read: no zod in its bundle (its size and first paint are targets).',
      from: { path: '^entrypoints/(popup/|popup-start\\.ts$)' },
      to: { path: '(^|/)node_modules/zod/', reachable: true },
    },
    {
      name: 'pages-bundle-no-client',
      severity: 'error',
      comment: 'Only the background calls the API: no page bundle holds the client.',
      from: { path: '^(entrypoints/(popup|options|picker)|components)/' },
      to: { path: '^lib/socialfetch/client\\.ts$', reachable: true },
    },
  ],
  options: { ...options, tsPreCompilationDeps: false },
};
