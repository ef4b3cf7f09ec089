import type { LaunchOptions } from 'playwright-core';

/** Debian's Chromium with the flags this project always uses; never a downloaded browser. */
export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};
