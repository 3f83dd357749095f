import { resolve } from 'node:path';

const here = import.meta.dirname;
import { defineConfig } from 'vite';

/** The zh-TW single-page application, built to static files that the API serves at `/`. */
export default defineConfig({
  root: here,
  base: '/',
  build: { outDir: resolve(here, '../../dist/web'), emptyOutDir: true, sourcemap: true },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
