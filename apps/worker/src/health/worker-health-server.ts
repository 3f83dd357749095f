import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Where a worker stands: waiting for the lease, taken it and starting its work, or leading. */
export type WorkerRole = 'standby' | 'starting' | 'leading';

export interface WorkerHealth {
  role: WorkerRole;
  holder: string;
}

/**
 * The worker's only HTTP: /api/v1/health/live (the process answers) and /api/v1/health/ready (a standby, or a
 * leader whose work has started). A standby is ready: it is doing its job, which is to wait.
 */
export async function serveWorkerHealth(port: number, health: () => WorkerHealth): Promise<{ server: Server; port: number }> {
  const server = createServer((request, response) => {
    const reply = (status: number, body: object) => {
      response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      response.end(JSON.stringify(body));
    };
    const path = (request.url ?? '').split('?')[0];
    if (request.method !== 'GET') return reply(405, { error: 'METHOD_NOT_ALLOWED', message: 'Only GET is answered here' });
    const { role, holder } = health();
    if (path === '/api/v1/health/live') return reply(200, { status: 'live', role, holder });
    if (path === '/api/v1/health/ready') return role === 'starting' ? reply(503, { status: 'not_ready', role, holder, reasons: ['the leader is starting its work'] }) : reply(200, { status: 'ready', role, holder });
    reply(404, { error: 'NOT_FOUND', message: 'A worker answers /api/v1/health/live and /api/v1/health/ready only' });
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, () => resolve()));
  return { server, port: (server.address() as AddressInfo).port };
}
