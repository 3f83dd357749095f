import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(__dirname, '..', '..');

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  deploy?: { replicas?: number };
  ports?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}

/**
 * The compose file in the production shape. No Docker client exists here to run `docker compose config`: this
 * reads the file as Compose does (YAML with its merge keys) and checks what the deployment relies on.
 */
describe('docker-compose.yml', () => {
  const text = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
  const { services } = parse(text, { merge: true }) as { services: Record<string, Service> };

  it('runs two API replicas behind the proxy on one port, a worker, and the three production stores', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'eventstoredb', 'mongodb', 'proxy', 'redis', 'worker']);
    expect(services.api).toMatchObject({ build: '.', deploy: { replicas: 2 }, command: ['node', 'dist/apps/api/src/main.js', '--api-only'] });
    expect(services.api.ports).toBeUndefined();
    expect(services.worker.command).toEqual(['node', 'dist/apps/worker/src/main.js']);
    expect(services.proxy.ports).toEqual(['3000:80']);
    expect(readFileSync(join(root, 'infra/proxy/nginx.conf'), 'utf8')).toContain('http://api:3000');
    expect(services.mongodb.command).toEqual(expect.arrayContaining(['--replSet', 'rs0']));
    expect(readFileSync(join(root, 'infra/redis/redis.conf'), 'utf8')).toMatch(/maxmemory-policy noeviction[\s\S]*appendonly yes/);
  });

  it('gives every service a health check and starts each only once what it needs is healthy', () => {
    for (const [name, service] of Object.entries(services)) {
      // The worker's comes from the image's HEALTHCHECK, on HEALTH_PORT.
      if (name === 'worker') expect(service.environment?.HEALTH_PORT).toBe('3001');
      else expect({ name, checked: (service.healthcheck?.test.length ?? 0) > 0 }).toEqual({ name, checked: true });
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect({ name, dependency, condition }).toEqual({ name, dependency, condition: 'service_healthy' });
        expect(services[dependency]).toBeDefined();
      }
    }
    expect(Object.keys(services.api.depends_on ?? {}).sort()).toEqual(['eventstoredb', 'mongodb', 'redis']);
    expect(readFileSync(join(root, 'Dockerfile'), 'utf8')).toMatch(/HEALTHCHECK[\s\S]*\/api\/v1\/health\/live/);
  });

  it('takes every secret from the environment, refusing to start without it, and points the application at the stores', () => {
    for (const secret of ['ADMIN_PASSWORD', 'JWT_SECRET', 'MONGO_PASSWORD', 'MONGO_APP_PASSWORD', 'MONGO_KEYS_PASSWORD', 'MONGO_REPLICA_KEY', 'REDIS_PASSWORD']) expect(text).toContain(`\${${secret}:?set ${secret}}`);
    for (const app of [services.api, services.worker]) {
      expect(app.environment).toMatchObject({
        EVENTSTORE_CONNECTION_STRING: 'kurrentdb://eventstoredb:2113?tls=false',
        MONGODB_URI: expect.stringMatching(/^mongodb:\/\/integrity_app:\$\{MONGO_APP_PASSWORD:\?set MONGO_APP_PASSWORD\}@mongodb:27017\/integrity_platform\?replicaSet=rs0/),
        PERSONAL_DATA_KEYS_MONGODB_URI: expect.stringMatching(/^mongodb:\/\/integrity_keys:\$\{MONGO_KEYS_PASSWORD:\?set MONGO_KEYS_PASSWORD\}@mongodb:27017\/integrity_personal_data_keys\?replicaSet=rs0/),
        REDIS_URL: expect.stringMatching(/^redis:\/\/:\$\{REDIS_PASSWORD:\?set REDIS_PASSWORD\}@redis:6379$/),
      });
    }
  });

  it('gives the personal-data keys a database and an account of their own, apart from the read models', () => {
    const users = readFileSync(join(root, 'infra/mongodb/create-users.js'), 'utf8');
    expect(services.mongodb.volumes).toContain('./infra/mongodb/create-users.js:/docker-entrypoint-initdb.d/create-users.js:ro');
    expect(users).toContain("user: 'integrity_app', pwd: process.env.MONGO_APP_PASSWORD, roles: [{ role: 'readWrite', db: 'integrity_platform' }]");
    expect(users).toContain("user: 'integrity_keys', pwd: process.env.MONGO_KEYS_PASSWORD, roles: [{ role: 'readWrite', db: 'integrity_personal_data_keys' }]");
  });
});
