import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../../test/support/temp-dir';
import { settingsFrom, SettingsRefusedError } from './settings';

describe('settings', () => {
  const dir = tempDir('settings');
  afterAll(() => dir.remove());
  const refusal = (env: Record<string, string>, role?: 'all' | 'api' | 'worker'): SettingsRefusedError => {
    try {
      settingsFrom({ DATA_DIR: dir.path, ...env }, role);
    } catch (error) {
      if (error instanceof SettingsRefusedError) return error;
      throw error;
    }
    throw new Error('the settings were accepted');
  };

  it('lists every bad value at once, each by its variable, parsed as its driver parses it', () => {
    const { problems, message, stack } = refusal({
      PORT: 'eighty',
      EVENTSTORE_CONNECTION_STRING: 'kurrentdb://?tls=false',
      MONGODB_URI: 'mongo://db.example',
      REDIS_URL: 'not a url',
      SMTP_URL: 'http://mail.example',
      TOKEN_TTL_SECONDS: '0',
      TRUST_PROXY: 'maybe',
      REPORT_PERIOD_ANCHOR: '2026-13-45',
      OFFICE_CALENDAR_FILE: join(dir.path, 'missing.json'),
    });
    expect(problems.map((problem) => problem.split(':')[0])).toEqual([
      'PORT',
      'EVENTSTORE_CONNECTION_STRING',
      'MONGODB_URI',
      'REDIS_URL',
      'SMTP_URL',
      'OFFICE_CALENDAR_FILE',
      'REPORT_PERIOD_ANCHOR',
      'TOKEN_TTL_SECONDS',
      'TRUST_PROXY',
    ]);
    expect(problems[1]).toContain('expected host');
    expect(problems[2]).toContain('mongodb://');
    expect(message).toContain('  - REDIS_URL: does not parse');
    expect(stack).not.toMatch(/\n\s+at /);
  });

  it('refuses a port out of range and a DATA_DIR that is a file', () => {
    const file = join(dir.path, 'a-file');
    writeFileSync(file, '');
    expect(refusal({ PORT: '70000', DATA_DIR: file }).problems).toEqual([expect.stringMatching(/^DATA_DIR: .* is a file/), 'PORT: must be a port number (0 to 65535), not "70000"']);
  });

  it('refuses what each process cannot run with: the API apart without shared read models and queue, a worker apart without a lease', () => {
    expect(refusal({}, 'api').problems.map((problem) => problem.split(':')[0])).toEqual(['MONGODB_URI', 'REDIS_URL']);
    expect(refusal({ REDIS_URL: 'redis://127.0.0.1:6379' }, 'api').problems).toEqual([expect.stringMatching(/^MONGODB_URI: `start:api` serves read models/)]);
    expect(refusal({}, 'worker').problems).toEqual([expect.stringMatching(/^REDIS_URL or MONGODB_URI: a worker apart/)]);
    expect(settingsFrom({ DATA_DIR: dir.path, REDIS_URL: 'redis://127.0.0.1:6379' }, 'worker').redisUrl).toBe('redis://127.0.0.1:6379');
  });

  it('takes the production stores’ real connection strings: a cluster, an SRV record, TLS to Redis', () => {
    const settings = settingsFrom(
      {
        DATA_DIR: dir.path,
        EVENTSTORE_CONNECTION_STRING: 'esdb+discover://es1.example:2113,es2.example:2113,es3.example:2113?tls=true',
        MONGODB_URI: 'mongodb+srv://app:secret@cluster0.example.net/integrity?retryWrites=true',
        REDIS_URL: 'rediss://:secret@redis.example:6380/0',
        TRUST_PROXY: 'yes',
      },
      'api',
    );
    expect(settings).toMatchObject({ trustProxy: true, redisUrl: 'rediss://:secret@redis.example:6380/0' });
  });

  it('makes one token secret when processes start together on a new DATA_DIR: each reads it whole, none fails', async () => {
    const rounds = 5;
    const racers = Array.from({ length: 6 }, () => {
      // Each waits, loaded, for a moment given to all, then takes its settings on each round's new directory.
      const script = `
        const { settingsFrom } = require(${JSON.stringify(join(__dirname, 'settings.ts'))});
        process.stdout.write('ready\\n');
        process.stdin.once('data', (go) => {
          const [at, ...dirs] = String(go).trim().split(' ');
          const secrets = dirs.map((dataDir, round) => {
            while (Date.now() < Number(at) + round * 100);
            return settingsFrom({ DATA_DIR: dataDir }).jwtSecret;
          });
          process.stdout.write(JSON.stringify(secrets) + '\\n');
        });`;
      const child = spawn(process.execPath, ['-r', join(__dirname, '../../../test/support/register-ts.js'), '-e', script], { stdio: ['pipe', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk) => (output += String(chunk)));
      child.stderr.on('data', (chunk) => (output += String(chunk)));
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      const ready = new Promise<void>((resolve, reject) => {
        child.stdout.on('data', () => output.startsWith('ready\n') && resolve());
        void exited.then(() => reject(new Error(`A process exited before it was ready:\n${output}`)));
      });
      return { child, ready, exited, output: () => output };
    });
    const dirs = Array.from({ length: rounds }, (_, round) => join(dir.path, `together-${round}`));
    await Promise.all(racers.map((racer) => racer.ready)).catch((error: unknown) => {
      for (const racer of racers) racer.child.kill('SIGKILL');
      throw error;
    });
    for (const racer of racers) racer.child.stdin.end(`${Date.now() + 500} ${dirs.join(' ')}\n`);
    const codes = await Promise.all(racers.map((racer) => racer.exited));
    expect(racers.filter((_, i) => codes[i] !== 0).map((racer) => racer.output())).toEqual([]);
    const secrets = racers.map((racer) => JSON.parse(racer.output().split('\n')[1]) as string[]);
    dirs.forEach((dataDir, round) => {
      const kept = readFileSync(join(dataDir, 'jwt-secret'), 'utf8');
      expect(kept).toMatch(/^[A-Za-z0-9+/]{64}$/);
      expect(secrets.map((each) => each[round])).toEqual(racers.map(() => kept));
      expect(readdirSync(dataDir)).toEqual(['jwt-secret', 'receipt-secret']);
    });
  }, 120_000);
});
