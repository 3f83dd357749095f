import type { LaunchOptions } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`), headless, kept off the network beyond this machine. */
export const CHROMIUM: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
};
