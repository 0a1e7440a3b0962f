import { defineWebExtConfig } from 'wxt';

// `npm start` opens the system browsers (test tools never download their own here).
export default defineWebExtConfig({
  binaries: { chrome: '/usr/bin/chromium', firefox: '/usr/bin/firefox-esr' },
  chromiumArgs: [
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    // Chromium refuses to start its sandbox as root (containers, CI machines).
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  ],
});
