import { spawnFromSources } from '../support/app-process';
import { tempDir } from '../support/temp-dir';

/** Starts an entry point from the TypeScript sources and answers how it ended and what it said. */
async function run(entry: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; said: string }> {
  const started = spawnFromSources(entry, args, env);
  return { code: await started.exited, said: started.output() };
}

describe('configuration checked on start', () => {
  const dir = tempDir('configuration');
  afterAll(() => dir.remove());

  it('`start:api` with the embedded read models and a Redis URL that does not parse: one message naming both, no stack, nothing started', async () => {
    const { code, said } = await run('apps/api/src/main.ts', ['--api-only'], { DATA_DIR: dir.path, PORT: '0', REDIS_URL: 'redis//cache:6379', EVENTSTORE_CONNECTION_STRING: 'kurrentdb://?tls=false' });
    expect(code).toBe(1);
    expect(said).toContain('The configuration cannot be used');
    expect(said).toMatch(/^ {2}- EVENTSTORE_CONNECTION_STRING: does not parse: .*expected host/m);
    expect(said).toMatch(/^ {2}- REDIS_URL: does not parse/m);
    expect(said).toMatch(/^ {2}- MONGODB_URI: `start:api` serves read models/m);
    expect(said).not.toMatch(/\n\s+at /);
    expect(said).not.toContain('Nest application successfully started');
  });

  it('`npm run migrate` copies only to the production stores it is given, and only when asked to', async () => {
    const unasked = await run('apps/cli/src/migrate-to-production.ts', [], { DATA_DIR: dir.path });
    expect(unasked.code).toBe(2);
    expect(unasked.said).toContain('用法：npm run migrate -- --to-production [--dry-run]');
    const nowhere = await run('apps/cli/src/migrate-to-production.ts', ['--to-production'], { DATA_DIR: dir.path });
    expect(nowhere.code).toBe(2);
    expect(nowhere.said).toContain('（PRODUCTION_STORES_NOT_SET）');
  });

  it('a worker apart with nowhere to keep its lease is refused', async () => {
    const { code, said } = await run('apps/worker/src/main.ts', [], { DATA_DIR: dir.path });
    expect(code).toBe(1);
    expect(said).toMatch(/^ {2}- REDIS_URL or MONGODB_URI: a worker apart from the API keeps its lease there/m);
  });
});
