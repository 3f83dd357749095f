/** Jest's global teardown: the run's shared Chromium closed (see shared-browser.ts). */
export default async function stopSharedBrowser(): Promise<void> {
  await globalThis.sharedBrowser?.close();
}
