import { writeFileSync } from 'node:fs';
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
      EVENTSTORE_CONNECTION_STRING: 'esdb://?tls=false',
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
});
