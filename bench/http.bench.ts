import autocannon from 'autocannon';
import { startBenchProduct } from './bench-product';
import { figure } from './figures';

const PORT = 3917;
const OFFERED_PER_SECOND = 1500;

/** POST /api/v1/reflections at a steady 1,500 requests/s over loopback, the server in its own process. */
export async function benchHttp(): Promise<void> {
  const product = await startBenchProduct(PORT, 'http');
  const base = product.base;
  try {
    const token = await product.officerToken();
    const body = JSON.stringify({
      nature: 'public_need',
      category: 'public_facilities',
      summary: '河川疏濬延宕，雨季恐淹水',
      receivedOn: '2026-11-26',
      reporter: { name: '王小明', phone: '0912-345-678', address: '臺中市北區中華路1號' },
      theme: 'river_dredging',
    });
    const run = (duration: number) =>
      autocannon({
        url: `${base}/reflections`,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
        connections: 10,
        overallRate: OFFERED_PER_SECOND,
        duration,
      });
    await run(3);
    const result = await run(15);
    const ok = result['2xx'];
    console.log(`POST /api/v1/reflections with a reporter to seal, steady ${OFFERED_PER_SECOND.toLocaleString('en')} requests/s offered over 10 connections, 15 s (after a 3 s warm-up)`);
    console.log(`  served ${(ok / result.duration).toFixed(0)} requests/s (2xx: ${ok}, other: ${result.non2xx}, errors: ${result.errors}, timeouts: ${result.timeouts})`);
    console.log(`  latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms (target: ${OFFERED_PER_SECOND.toLocaleString('en')} requests/s with p99 < 25 ms)`);
    figure('http.post_reflections.p99_ms', result.latency.p99, 'ms', { offeredPerSecond: OFFERED_PER_SECOND, connections: 10, target: '< 25' });
    figure('http.post_reflections.served_per_s', ok / result.duration, 'requests/s', { offeredPerSecond: OFFERED_PER_SECOND, target: `${OFFERED_PER_SECOND}` });
  } finally {
    await product.stop();
  }
}
