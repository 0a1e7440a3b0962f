import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { defineConfig, type Entrypoint } from 'wxt';

/**
 * Each page's stylesheets written into its HTML. A page runs its module script only once its stylesheets have come,
 * and the popup's came last of its files: linked, its module (and so the first render, and the page's load, which is
 * when Chrome shows a popup) waited for it.
 */
function inlineStylesheets(): Plugin {
  const inlined = new Set<string>();
  return {
    name: 'live-radar:inline-stylesheets',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html, { bundle }) =>
        html.replace(/<link rel="stylesheet"[^>]* href="\/([^"]+\.css)">/g, (link, file: string) => {
          const asset = bundle?.[file];
          if (asset?.type !== 'asset' || typeof asset.source !== 'string') return link;
          inlined.add(file);
          return `<style>${asset.source}</style>`;
        }),
    },
    // Once every page has its copy: no file is left that nothing loads.
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const file of inlined) delete bundle[file];
        inlined.clear();
      },
    },
  };
}

export default defineConfig({
  // No auto-imports: every module names what it uses, so the layer rules see it (an auto-imported `storage` or
  // `browser` reached the extension APIs from any folder, out of the checker's sight).
  imports: false,
  vite: () => ({
    plugins: [preact(), inlineStylesheets()],
    // webextension-polyfill as `browser`, through a CommonJS file that keeps it from being copied (see that file).
    resolve: { alias: { 'wxt/browser': fileURLToPath(new URL('lib/platform/browser-polyfill.cjs', import.meta.url)) } },
  }),
  hooks: {
    // The popup is built on its own, into one script and its styles. Built with the other pages it loaded three scripts
    // and two stylesheets they share, and each file an extension page loads delays its first paint.
    'entrypoints:grouped': (_wxt, groups) => {
      const pages = groups.find((group): group is Entrypoint[] => Array.isArray(group) && group.some((e) => e.type === 'popup'));
      if (!pages || pages.length < 2) return;
      groups.push(pages.splice(pages.findIndex((e) => e.type === 'popup'), 1));
    },
  },
  // Test builds are the `e2e` mode's: a stray variable in a release build's shell changes nothing.
  manifest: ({ browser, mode }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms', 'notifications'],
    host_permissions: [
      'https://api.socialfetch.dev/*',
      'https://www.tiktok.com/*',
      'https://m.tiktok.com/*',
      // Test builds that talk to the fake API directly (the bench's cycle) may reach it.
      ...(mode === 'e2e' && process.env.WXT_API_ORIGIN ? [`${process.env.WXT_API_ORIGIN}/*`] : []),
    ],
    action: { default_title: 'Live Radar' },
    // Opens the popup from anywhere; users change the key at chrome://extensions/shortcuts (Firefox: about:addons).
    commands: {
      [browser === 'firefox' ? '_execute_browser_action' : '_execute_action']: { suggested_key: { default: 'Alt+Shift+L' } },
    },
    // entrypoints/tiktok: an unlisted script declared here rather than a WXT content script (see its header).
    // At document_start the badge's lookup starts while the page is still loading: its answer is usually there by the
    // time the profile header is.
    content_scripts: [{ matches: ['https://www.tiktok.com/*', 'https://m.tiktok.com/*'], js: ['tiktok.js'], run_at: 'document_start' }],
    // Test builds only: the Firefox e2e test reaches the popup from a page (its driver cannot open extension pages).
    ...(mode === 'e2e' ? { web_accessible_resources: [{ resources: ['popup.html'], matches: ['https://www.tiktok.com/*'] }] } : {}),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'live-radar@liveradar.app',
              // 142: the first version (desktop and Android) that reads data_collection_permissions.
              strict_min_version: '142.0',
              // With "check profiles I visit" on (the default), each opened profile's handle goes to Social Fetch: PRIVACY.md.
              data_collection_permissions: { required: ['browsingActivity'] },
            },
          },
        }
      : {}),
  }),
});
