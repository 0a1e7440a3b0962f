/**
 * The layers, checked in `npm test` (`npm run lint:deps`): what each folder may import. A test
 * (tests/unit/dependency-rules.test.ts) runs these rules on a fixture that breaks each one, so the checker is proven
 * to reject what it should.
 */
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', comment: 'Modules form layers, not loops.', from: {}, to: { circular: true } },
    {
      name: 'lib-not-ui',
      severity: 'error',
      comment: 'lib/ decides; it never imports the UI or the entrypoints that wire it.',
      from: { path: '^lib/' },
      to: { path: '^(entrypoints|components)/' },
    },
    {
      name: 'pure-no-browser',
      severity: 'error',
      comment:
        'The API contract (lib/socialfetch), the domain rules (lib/domain) and the TikTok page rules (lib/tiktok) run anywhere: no extension APIs, not even through i18n (they answer in codes). ESLint also forbids the auto-imported `browser` there.',
      from: { path: '^lib/(socialfetch|domain|tiktok)/' },
      to: { path: '(^|/)node_modules/(wxt|webextension-polyfill|@wxt-dev)/|^wxt/browser$', reachable: true },
    },
    {
      name: 'pure-not-platform',
      severity: 'error',
      comment: 'Pure layers never import the platform layer or the checking service built on it.',
      from: { path: '^lib/(socialfetch|domain|tiktok)/' },
      to: { path: '^lib/(platform|checking)/' },
    },
    {
      name: 'platform-not-checking',
      severity: 'error',
      comment: 'The platform layer wraps the browser; the checking service (lookups, polls) is built on it, not under it.',
      from: { path: '^lib/platform/' },
      to: { path: '^lib/checking/' },
    },
    {
      name: 'content-script-not-client-or-key',
      severity: 'error',
      comment: 'The content script is as trusted as the TikTok page: it never holds the API client or the key store.',
      from: { path: '^entrypoints/tiktok/' },
      to: { path: '^lib/(socialfetch/client|platform/key-store)\\.ts$', reachable: true },
    },
    {
      name: 'content-script-no-zod',
      severity: 'error',
      comment: 'The content script trusts the background and stays light: no zod in its bundle.',
      from: { path: '^entrypoints/tiktok/' },
      to: { path: '(^|/)node_modules/zod/', reachable: true },
    },
    {
      name: 'browser-only-in-platform',
      severity: 'error',
      comment:
        'Only the platform layer (lib/platform) calls the extension APIs; the rest goes through its functions, so what differs between browsers is handled in one place. ESLint forbids the auto-imported `browser` and `chrome` outside it.',
      from: { pathNot: '^lib/platform/' },
      to: { path: '^wxt/browser$|(^|/)node_modules/(webextension-polyfill|@wxt-dev/browser)/|^lib/platform/browser-polyfill\\.cjs$' },
    },
    {
      name: 'popup-no-zod',
      severity: 'error',
      comment: 'The popup trusts the background and paints from one read: no zod in its bundle (its size and first paint are targets).',
      from: { path: '^entrypoints/(popup/|popup-start\\.ts$)' },
      to: { path: '(^|/)node_modules/zod/', reachable: true },
    },
    {
      name: 'ui-not-client',
      severity: 'error',
      comment: 'Only the background calls the API: the pages (popup, options, picker) and their components never import the client.',
      from: { path: '^(entrypoints/(popup|options|picker)|components)/' },
      to: { path: '^lib/socialfetch/client\\.ts$', reachable: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports vanish at build time: they are not dependencies.
    tsPreCompilationDeps: false,
    tsConfig: { fileName: 'tsconfig.deps.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'], conditionNames: ['import', 'types', 'default'] },
  },
};
