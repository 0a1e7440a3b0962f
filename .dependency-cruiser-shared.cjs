/** What the two dependency configs (layers, bundles) share. */

/** Every way to the extension APIs: WXT's browser and storage modules, the polyfill, and the project's polyfill file. */
const BROWSER_API =
  '^wxt/(browser|utils/storage)$|(^|/)node_modules/(webextension-polyfill|@wxt-dev/(browser|storage))/|(^|/)node_modules/wxt/dist/(browser|utils/storage)\\.mjs$|^lib/platform/browser-polyfill\\.cjs$';

const options = {
  doNotFollow: { path: 'node_modules' },
  tsConfig: { fileName: 'tsconfig.deps.json' },
  enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'], conditionNames: ['import', 'types', 'default'] },
};

module.exports = { BROWSER_API, options };
