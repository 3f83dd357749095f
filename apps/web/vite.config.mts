import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import subsetFont from 'subset-font';
import { defineConfig, type Plugin } from 'vite';

const here = import.meta.dirname;
const outDir = resolve(here, '../../dist/web');

/** Every hashed asset also as .br and .gz, made once at build, so the server sends them compressed without work per request. */
function precompress(): Plugin {
  return {
    name: 'precompress',
    apply: 'build',
    closeBundle() {
      const assets = resolve(outDir, 'assets');
      for (const name of readdirSync(assets).filter((n) => /\.(js|css|svg|json)$/.test(n))) {
        const bytes = readFileSync(resolve(assets, name));
        writeFileSync(resolve(assets, `${name}.br`), brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(resolve(assets, `${name}.gz`), gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

const UI_FONT_WEIGHTS = { 400: '400Regular', 700: '700Bold' } as const;
const UI_TEXT_SOURCES = [resolve(here, 'src'), resolve(here, '../../libs/domain/src/vocabulary')];
const generated = resolve(here, 'src/generated');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return path === generated ? [] : filesUnder(path);
    return /\.(tsx?|json|html)$/.test(name) && !name.includes('.spec.') ? [path] : [];
  });
}

/** The modules loaded with the first screen: main.tsx and what it imports statically (not through `import()`). */
function firstScreenModules(): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\b[^'";]*?['"](\.[^'"]+)['"]/gm)) {
      const target = ['', '.ts', '.tsx', '/index.ts'].map((suffix) => resolve(dirname(file), specifier) + suffix).find((path) => existsSync(path) && statSync(path).isFile());
      if (target && /\.tsx?$/.test(target)) visit(target);
    }
  };
  visit(resolve(here, 'src/main.tsx'));
  return [resolve(here, 'index.html'), ...seen];
}

const charactersOf = (files: string[]) => new Set(files.flatMap((file) => [...readFileSync(file, 'utf8')].filter((c) => c.codePointAt(0)! > 0x7f)));
const unicodeRange = (text: string) => [...text].map((c) => `U+${c.codePointAt(0)!.toString(16)}`).join(',');

/**
 * Noto Sans TC cut down, at build, to the characters the screens themselves print (every character in the web
 * application's source and the shared vocabulary, plus printable ASCII), in two slices per weight: the first
 * screens' characters (sign-in, the public results), small enough to preload, and the rest, which the browser
 * fetches only when a signed-in screen prints one of them. Each slice is declared for exactly its code points.
 * Text people typed (names, summaries) may hold any character: see full-font-on-demand.ts.
 */
function uiFontSubset(): Plugin {
  const virtualId = 'virtual:ui-characters';
  let everything = '';
  return {
    name: 'ui-font-subset',
    resolveId: (id) => (id === virtualId ? `\0${virtualId}` : null),
    load: (id) => (id === `\0${virtualId}` ? `export const UI_CHARACTERS = ${JSON.stringify(everything)};` : null),
    async buildStart() {
      const first = charactersOf(firstScreenModules());
      for (let code = 0x20; code < 0x7f; code++) first.add(String.fromCharCode(code));
      const rest = [...charactersOf([resolve(here, 'index.html'), ...UI_TEXT_SOURCES.flatMap(filesUnder)])].filter((c) => !first.has(c));
      const slices = { first: [...first].sort().join(''), rest: rest.sort().join('') };
      everything = slices.first + slices.rest;
      mkdirSync(generated, { recursive: true });
      // Subsetting takes seconds: done again only when the screens' characters have changed.
      const key = join(generated, 'characters.json');
      if (existsSync(key) && readFileSync(key, 'utf8') === JSON.stringify(slices)) return;
      const faces: string[] = [];
      for (const [weight, style] of Object.entries(UI_FONT_WEIGHTS)) {
        const source = readFileSync(resolve(here, `../../node_modules/@expo-google-fonts/noto-sans-tc/${style}/NotoSansTC_${style}.ttf`));
        for (const [slice, text] of Object.entries(slices)) {
          const file = `noto-sans-tc-ui-${slice}-${weight}.woff2`;
          writeFileSync(join(generated, file), await subsetFont(source, text, { targetFormat: 'woff2' }));
          faces.push(`@font-face { font-family: 'Noto Sans TC UI'; font-style: normal; font-weight: ${weight}; font-display: swap; src: url('./${file}') format('woff2'); unicode-range: ${unicodeRange(text)}; }`);
        }
      }
      writeFileSync(join(generated, 'ui-font.css'), `/* Made by apps/web/vite.config.mts at build: do not edit. */\n${faces.join('\n')}\n`);
      writeFileSync(key, JSON.stringify(slices));
    },
  };
}

/** The first screens' regular weight, preloaded: the browser fetches it beside the script instead of after it. */
function preloadFirstScreenFont(): Plugin {
  return {
    name: 'preload-first-screen-font',
    apply: 'build',
    transformIndexHtml(_html, context) {
      return Object.keys(context.bundle ?? {})
        .filter((name) => /noto-sans-tc-ui-first-400-[\w-]+\.woff2$/.test(name))
        .map((name) => ({ tag: 'link', attrs: { rel: 'preload', href: `/${name}`, as: 'font', type: 'font/woff2', crossorigin: '' }, injectTo: 'head' as const }));
    },
  };
}

/** Every browser that runs this application reads WOFF2: the full font's CSS names only those files, a fifth shorter. */
function woff2Only(): Plugin {
  return {
    name: 'woff2-only',
    enforce: 'pre',
    transform(code, id) {
      return /@fontsource\/.*\.css$/.test(id) ? code.replace(/,\s*url\([^)]+\.woff\)\s*format\('woff'\)/g, '') : null;
    },
  };
}

/**
 * What lets the application install on a tablet and open without a connection: a web app manifest, and a service
 * worker (sw.js) that keeps this build's page, scripts, styles and interface fonts, named by content so a new build
 * replaces them. The full font's slices are kept as they are first used. The API is never answered from a cache: its
 * answers carry personal data, and what is typed offline waits in the outbox instead (src/offline/).
 */
function offlineApplication(): Plugin {
  return {
    name: 'offline-application',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'link', attrs: { rel: 'manifest', href: '/manifest.webmanifest' }, injectTo: 'head' }],
    closeBundle() {
      const assets = readdirSync(resolve(outDir, 'assets')).filter((name) => !/\.(map|br|gz)$/.test(name) && !/^noto-sans-tc-(?!ui-)/.test(name));
      const icon = assets.find((name) => /^favicon-.*\.svg$/.test(name));
      const manifest = {
        name: '村里廉政平臺',
        short_name: '村里廉政平臺',
        lang: 'zh-Hant-TW',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#123b6d',
        icons: icon ? [{ src: `/assets/${icon}`, sizes: 'any', type: 'image/svg+xml', purpose: 'any' }] : [],
      };
      writeFileSync(resolve(outDir, 'manifest.webmanifest'), JSON.stringify(manifest, null, 2));
      const files = ['/index.html', '/manifest.webmanifest', ...assets.map((name) => `/assets/${name}`)];
      const version = createHash('sha256').update(files.join('\n')).update(readFileSync(resolve(outDir, 'index.html'))).digest('hex').slice(0, 16);
      writeFileSync(resolve(outDir, 'sw.js'), serviceWorker(version, files));
    },
  };
}

const serviceWorker = (version: string, files: string[]) => `// Made by apps/web/vite.config.mts at build: do not edit.
const CACHE = 'integrity-platform-${version}';
const FILES = ${JSON.stringify(files)};

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  const old = (key) => key.startsWith('integrity-platform-') && key !== CACHE;
  event.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter(old).map((key) => caches.delete(key)))).then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    // The page from the server when it answers (a new build at once), else this build's.
    event.respondWith(fetch(request).catch(() => caches.match('/index.html')));
  } else if (url.pathname.startsWith('/assets/')) {
    // Named by content: what is kept is what the server would send.
    event.respondWith(
      caches.match(request).then(
        (kept) =>
          kept ||
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
            }
            return response;
          }),
      ),
    );
  }
});
`;

/** The zh-TW single-page application, built to static files that the API serves at `/`. */
export default defineConfig({
  root: here,
  base: '/',
  plugins: [uiFontSubset(), woff2Only(), preloadFirstScreenFont(), precompress(), offlineApplication()],
  // The font subset takes seconds on a busy machine, by design: no warning about slow plugins in every test run.
  build: { outDir, emptyOutDir: true, sourcemap: true, rolldownOptions: { checks: { bundlerTimings: false } } },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
