import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ERROR_MESSAGES_ZH_TW } from '@integrity/domain';
import { errorCodesMarkdown } from '../../apps/cli/src/error-codes-doc';
import { type FiguresFile, withFiguresTable } from '../../bench/figures-table';
import { startTestApp, type TestApp } from '../support/test-app';

const root = resolve(__dirname, '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const docs = ['README.md', ...readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];
const text = Object.fromEntries(docs.map((path) => [path, read(path)]));

/** Every source file the product, its tools and its tests are made of: where a name the docs use must be read. */
function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'generated') return [];
    if (statSync(join(root, path)).isDirectory()) return sources(path);
    return /\.(ts|tsx|mjs|js|yml|yaml|json)$/.test(name) || name === 'run' || name === 'Dockerfile' ? [path] : [];
  });
}

/** Each place a doc names something, as `file: name`, for a failure that says where to look. */
function named(pattern: RegExp, group = 1): { where: string; name: string }[] {
  return Object.entries(text).flatMap(([where, body]) => [...body.matchAll(pattern)].map((match) => ({ where, name: match[group] })));
}

/** The docs name routes, commands, settings and error codes that exist: a renamed one fails here, not for a reader. */
describe('the README and docs/ name only what exists', () => {
  let t: TestApp;
  let routes: { method: string; path: string }[];

  beforeAll(async () => {
    t = await startTestApp();
    const router = t.app.getHttpAdapter().getInstance() as { _router?: { stack: unknown[] }; router?: { stack: unknown[] } };
    routes = ((router.router ?? router._router)?.stack ?? [])
      .map((layer) => (layer as { route?: { path: string; methods: Record<string, boolean> } }).route)
      .filter((route): route is { path: string; methods: Record<string, boolean> } => Boolean(route))
      .flatMap((route) => Object.keys(route.methods).map((method) => ({ method: method.toUpperCase(), path: route.path })));
  });
  afterAll(() => t.close());

  /** Each mention of an API path in the docs the router does not hold (with its method, when one is named). */
  function pathsNotRouted(routed: { method: string; path: string }[]): string[] {
    const patterns = routed.map(({ method, path }) => ({ method, pattern: new RegExp(`^${path.replace(/:[^/]+/g, '[^/]+')}$`) }));
    const mentions = named(/(\/api\/v1\/(?:<[^>\s]+>|[A-Za-z0-9_\-/:{}.])*(?:<[^>\s]+>|[A-Za-z0-9_\-}]))/g);
    const withMethods = named(/\b(GET|POST|PUT|DELETE|PATCH)\s+`?(\/api\/v1\/(?:<[^>\s]+>|[A-Za-z0-9_\-/:{}.])*(?:<[^>\s]+>|[A-Za-z0-9_\-}]))/g, 0).map(({ where, name }) => {
      const [, method, path] = /^(GET|POST|PUT|DELETE|PATCH)\s+`?(.*)$/.exec(name) as RegExpExecArray;
      return { where, method, path };
    });
    expect(mentions.length).toBeGreaterThan(20);
    // A segment written <村里代碼>, :id or {id} stands for any value of it.
    const concrete = (path: string) => path.replace(/<[^>]+>|:[A-Za-z]+|\{[^}]+\}/g, 'x').replace(/\.$/, '');
    return [
      ...new Set([
        ...mentions.filter(({ name }) => !patterns.some((route) => route.pattern.test(concrete(name)))).map(({ where, name }) => `${where}: ${name}`),
        ...withMethods.filter(({ method, path }) => !patterns.some((route) => route.method === method && route.pattern.test(concrete(path)))).map(({ where, method, path }) => `${where}: ${method} ${path}`),
      ]),
    ];
  }

  it('names only API paths the router holds, with their methods', () => {
    expect(pathsNotRouted(routes)).toEqual([]);
  });

  it('fails when a route the docs name is renamed (the check, mutated)', () => {
    const renamed = routes.map((route) => (route.path === '/api/v1/health/ready' ? { ...route, path: '/api/v1/health/readiness' } : route));
    expect(renamed).not.toEqual(routes);
    expect(pathsNotRouted(renamed)).toEqual(expect.arrayContaining([expect.stringMatching(/: \/api\/v1\/health\/ready$/)]));
    const moved = routes.map((route) => (route.path === '/api/v1/reflections' && route.method === 'POST' ? { ...route, method: 'PUT' } : route));
    expect(pathsNotRouted(moved)).toEqual(expect.arrayContaining([expect.stringMatching(/: POST \/api\/v1\/reflections$/)]));
  });

  it('names only npm scripts package.json has', () => {
    const scripts = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts);
    const mentions = named(/npm run ([a-z][\w:-]*)/g);
    expect(mentions.length).toBeGreaterThan(10);
    expect(mentions.filter(({ name }) => !scripts.includes(name)).map(({ where, name }) => `${where}: npm run ${name}`)).toEqual([]);
  });

  it('names only error codes the catalogue has and variables something reads; every setting is documented', () => {
    const codes = new Set(Object.keys(ERROR_MESSAGES_ZH_TW));
    const code = sources('apps').concat(sources('libs'), sources('bench'), sources('scripts'), sources('test'), sources('infra'), ['.ci/run', 'docker-compose.yml', 'Dockerfile']).map(read).join('\n');
    // An UPPER_SNAKE name in backticks is an error code or an environment variable: one or the other must exist.
    const unknown = named(/`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)(?:=[^`]*)?`/g).filter(({ name }) => !codes.has(name) && !new RegExp(`\\b${name}\\b`).test(code));
    expect(unknown.map(({ where, name }) => `${where}: ${name}`)).toEqual([]);
    const settings = [...read('libs/platform/src/settings.ts').matchAll(/read\('([A-Z][A-Z0-9_]+)'/g)].map((match) => match[1]);
    expect(settings.length).toBeGreaterThan(15);
    const all = Object.values(text).join('\n');
    expect(settings.filter((name) => !all.includes(`\`${name}\``))).toEqual([]);
  });

  it('shows in docs/benchmarks.md the table made from the latest run’s figures, not one edited by hand', () => {
    const figures = JSON.parse(read('docs/benchmarks.json')) as FiguresFile;
    expect(read('docs/benchmarks.md')).toBe(withFiguresTable(read('docs/benchmarks.md'), figures));
    expect(Object.keys(figures).length).toBeGreaterThan(40);
  });

  it('lists every error code of the catalogue in docs/api.md, as the catalogue says it', () => {
    expect(read('docs/api.md')).toContain(errorCodesMarkdown());
    for (const code of Object.keys(ERROR_MESSAGES_ZH_TW)) expect(read('docs/api.md')).toContain(`| \`${code}\` |`);
  });
});
