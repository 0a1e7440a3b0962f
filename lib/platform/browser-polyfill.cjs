// `browser` for every bundle: webextension-polyfill, which hands over the browser's own `browser` object where there
// is one (Chrome, Firefox). wxt.config.ts points `wxt/browser` here.
// CommonJS on purpose. Imported from an ES module, a CommonJS export is copied property by property, and reading a
// property of the browser's own `browser` is what builds that API's bindings: every API, at the start of every page
// and of the worker, about 5 ms. Handed over as one named export, the object is not copied.
exports.browser = require('webextension-polyfill');
