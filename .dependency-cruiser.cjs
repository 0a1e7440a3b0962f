/**
 * The layers, checked in `npm test` (`npm run lint:deps`): what each folder may import, type-only imports included (a
 * type names the layer it comes from as much as a value does). `.dependency-cruiser-bundles.cjs` checks what ends up
 * in each bundle. A test (tests/unit/dependency-rules.test.ts) runs both on a fixture that breaks every rule, so each
 * is proven to fire.
 *
 *   entrypoints → components → lib/services → lib/checking → lib/platform → lib/tiktok → lib/domain → lib/socialfetch
 *
 * lib/services and lib/checking are the background's: no page, component or content script imports them.
 */
const { BROWSER_API, options } = require('./.dependency-cruiser-shared.cjs');

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
      name: 'contract-alone',
      severity: 'error',
      comment: 'The API contract (lib/socialfetch) stands alone: it imports nothing of the extension.',
      from: { path: '^lib/socialfetch/' },
      to: { path: '^lib/(domain|tiktok|platform|checking)/' },
    },
    {
      name: 'domain-pure',
      severity: 'error',
      comment: 'The domain rules (lib/domain) import only the contract: no TikTok page code, no platform, no checking.',
      from: { path: '^lib/domain/' },
      to: { path: '^lib/(tiktok|platform|checking)/' },
    },
    {
      name: 'tiktok-pure',
      severity: 'error',
      comment: 'The TikTok page rules (lib/tiktok) import the domain and the contract only.',
      from: { path: '^lib/tiktok/' },
      to: { path: '^lib/(platform|checking)/' },
    },
    {
      name: 'platform-not-checking',
      severity: 'error',
      comment: 'The platform layer wraps the browser; the checking and the background services are built on it, not under it.',
      from: { path: '^lib/platform/' },
      to: { path: '^lib/(checking|services)/' },
    },
    {
      name: 'checking-not-services',
      severity: 'error',
      comment: 'Checking (lookups, cycles, the schedule) knows nothing of the services that answer requests, alert and wire it.',
      from: { path: '^lib/checking/' },
      to: { path: '^lib/services/' },
    },
    {
      name: 'background-services-alone',
      severity: 'error',
      comment: "The background's services run in the background only: pages, components and the content script ask it by message.",
      from: { path: '^(entrypoints/(?!background/)|components/)' },
      to: { path: '^lib/(checking|services)/' },
    },
    {
      name: 'components-not-entrypoints',
      severity: 'error',
      comment: 'Components are shared by the pages that wire them; they never import a page.',
      from: { path: '^components/' },
      to: { path: '^entrypoints/' },
    },
    {
      name: 'entrypoints-apart',
      severity: 'error',
      comment: 'Each entrypoint is its own bundle: what two of them share lives in components/ or lib/.',
      from: { path: '^entrypoints/([^/]+)/' },
      to: { path: '^entrypoints/', pathNot: '^entrypoints/$1/' },
    },
    {
      name: 'browser-only-in-platform',
      severity: 'error',
      comment:
        'Only the platform layer (lib/platform) calls the extension APIs, storage included; the rest goes through its functions, so what differs between browsers is handled in one place. WXT auto-imports are off and ESLint forbids the `browser` and `chrome` globals outside it.',
      from: { pathNot: '^lib/platform/' },
      to: { path: BROWSER_API },
    },
    {
      name: 'ui-not-client',
      severity: 'error',
      comment: 'Only the background calls the API: the pages (popup, options, picker), the content script and the components never import the client, not even a type.',
      from: { path: '^(entrypoints/(popup|options|picker|tiktok)|components)/' },
      to: { path: '^lib/socialfetch/client\\.ts$' },
    },
    {
      name: 'content-script-not-key-store',
      severity: 'error',
      comment: 'The content script is as trusted as the TikTok page: it never imports the key store.',
      from: { path: '^entrypoints/tiktok/' },
      to: { path: '^lib/platform/key-store\\.ts$' },
    },
  ],
  options: { ...options, tsPreCompilationDeps: true },
};
