import { readFileSync } from 'node:fs';
import { startBenchProduct } from './bench-product';

const PORT = 3918;
const RATE_PER_SECOND = 50;
const REPORT_EVERY_MS = 30_000;

/** The server's resident memory in MB, from /proc (Linux). */
function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:')) ?? 'VmRSS: 0 kB';
  return Number(/(\d+)/.exec(line)?.[1] ?? 0) / 1024;
}

/**
 * `npm run bench -- soak`: 50 requests/s for SOAK_MINUTES (10), the server's RSS printed every 30 s. The first
 * half mixes cases recorded with lists, a case, the dashboard and the follow-ups; the embedded read models hold
 * every case in memory, so RSS grows with the cases recorded. The second half only reads: with bounded caches,
 * RSS then levels off.
 */
export async function benchSoak(): Promise<void> {
  const minutes = Number(process.env.SOAK_MINUTES ?? 10);
  const product = await startBenchProduct(PORT, 'soak');
  const pid = product.server.pid as number;
  try {
    const token = await product.officerToken();
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const ids: string[] = [];
    let n = 0;
    const outcomes = { ok: 0, failed: 0 };
    /** Why requests failed (status or error), and how long answers took, since the last report. */
    const reasons = new Map<string, number>();
    const fail = (reason: string) => {
      outcomes.failed++;
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    };
    let latencies: number[] = [];
    let writing = true;
    const one = async () => {
      const i = n++;
      const started = Date.now();
      const kind = writing ? i % 10 : 3 + (i % 7);
      let response: Response;
      if (kind < 3 || ids.length === 0) {
        response = await fetch(`${product.base}/reflections`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ nature: 'public_need', category: 'public_facilities', summary: `浸泡測試第${i}件`, receivedOn: '2026-11-26', reporter: { name: '王小明', phone: '0912-345-678' }, theme: 'river_dredging' }),
        });
        if (response.ok) ids.push(((await response.clone().json()) as { id: string }).id);
      } else if (kind < 6) {
        response = await fetch(`${product.base}/reflections?limit=20`, { headers });
      } else if (kind < 8) {
        response = await fetch(`${product.base}/reflections/${ids[i % ids.length]}`, { headers });
      } else if (kind < 9) {
        response = await fetch(`${product.base}/dashboard`, { headers });
      } else {
        response = await fetch(`${product.base}/follow-ups`, { headers });
      }
      await response.arrayBuffer();
      latencies.push(Date.now() - started);
      if (response.ok) outcomes.ok++;
      else fail(`${response.status} ${new URL(response.url).pathname.replace(/[0-9a-f-]{36}/, ':id')}`);
    };
    console.log(`Soak: ${RATE_PER_SECOND} requests/s for ${minutes} min (first half mixed with cases recorded, second half reads only), the server's RSS every ${REPORT_EVERY_MS / 1000} s`);
    const started = Date.now();
    const samples: number[] = [rssMb(pid)];
    console.log(`  0:00  RSS ${samples[0].toFixed(0)} MB`);
    const pacer = setInterval(() => void one().catch((error: Error) => fail(String(error.cause ?? error.message))), 1000 / RATE_PER_SECOND);
    const reporter = setInterval(() => {
      samples.push(rssMb(pid));
      const elapsed = Math.round((Date.now() - started) / 1000);
      const sorted = [...latencies].sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
      const why = [...reasons].map(([reason, count]) => `${count}× ${reason}`).join(', ');
      console.log(`  ${Math.floor(elapsed / 60)}:${String(elapsed % 60).padStart(2, '0')}  RSS ${samples[samples.length - 1].toFixed(0)} MB  (${outcomes.ok} answered, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms; ${outcomes.failed} failed${why ? `: ${why}` : ''}; ${ids.length} cases)`);
      latencies = [];
      reasons.clear();
    }, REPORT_EVERY_MS);
    await new Promise((resolve) => setTimeout(resolve, (minutes * 60_000) / 2));
    writing = false;
    const readsFrom = samples.length;
    const casesRecorded = ids.length;
    console.log(`  -- reads only from here (${casesRecorded} cases recorded)`);
    await new Promise((resolve) => setTimeout(resolve, (minutes * 60_000) / 2));
    clearInterval(pacer);
    clearInterval(reporter);
    const reads = samples.slice(readsFrom);
    console.log(`  reads only: RSS ${Math.min(...reads).toFixed(0)}–${Math.max(...reads).toFixed(0)} MB over ${reads.length} samples; ${outcomes.ok} requests answered, ${outcomes.failed} failed`);
  } finally {
    await product.stop();
  }
}
