import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTestApp, type TestApp } from '../support/test-app';

const run = promisify(execFile);
const root = join(__dirname, '..', '..');

interface Operation {
  summary?: string;
  security?: Record<string, string[]>[];
  responses: Record<string, { content?: { 'application/json'?: { schema?: { $ref?: string } } } }>;
}

/** The OpenAPI document others build on: Redocly's recommended rules pass, and each operation says what it does, who may call it and how it refuses. */
describe('the OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('passes `redocly lint` with the recommended rules, without an error or a warning', async () => {
    const document = (await t.http().get('/api/docs/openapi.json').expect(200)).body;
    const file = join(t.dataDir, 'openapi.json');
    writeFileSync(file, JSON.stringify(document));
    const cli = join(root, 'node_modules/@redocly/cli/bin/cli.js');
    const { stdout } = await run(process.execPath, [cli, 'lint', file, '--extends=recommended', '--format=json'], {
      cwd: t.dataDir,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    }).catch((error: { stdout: string }) => ({ stdout: error.stdout }));
    const report = JSON.parse(stdout) as { totals: { errors: number; warnings: number }; problems: { ruleId: string; message: string }[] };
    expect(report.problems.map((problem) => `${problem.ruleId}: ${problem.message}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });

    const operations = Object.entries(document.paths as Record<string, Record<string, Operation>>).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, ...operation })));
    expect(operations.length).toBeGreaterThan(70);
    for (const operation of operations) {
      expect({ name: operation.name, summary: operation.summary }).toEqual({ name: operation.name, summary: expect.stringMatching(/\S/) });
      expect({ name: operation.name, security: operation.security }).toEqual({ name: operation.name, security: expect.any(Array) });
      const refusals = Object.entries(operation.responses).filter(([status]) => status.startsWith('4'));
      expect({ name: operation.name, refusals: refusals.length > 0 }).toEqual({ name: operation.name, refusals: true });
      for (const [, response] of refusals) expect(response.content?.['application/json']?.schema?.$ref).toBe('#/components/schemas/ErrorResponse');
    }
    const open = operations.filter((operation) => operation.security?.every((requirement) => Object.keys(requirement).length === 0)).map((operation) => operation.name);
    // Open to anyone on purpose: probes, sign-in, the public results, the citizens' status page, the register's edition and its shapes.
    expect(open.sort()).toEqual(['GET /api/v1/health', 'GET /api/v1/health/live', 'GET /api/v1/health/ready', 'GET /api/v1/places/shapes', 'GET /api/v1/places/version', 'GET /api/v1/public/results', 'GET /api/v1/public/results/towns', 'GET /api/v1/public/status', 'POST /api/v1/auth/token']);
  });
});
