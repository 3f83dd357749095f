/** Polls until `check` holds; the ceiling is generous because CI machines are shared and slow. */
export async function until(check: () => Promise<boolean> | boolean, what: string, ceilingMs = 120_000): Promise<void> {
  const deadline = Date.now() + ceilingMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The probe's first answer other than undefined, polled every 50 ms up to a generous ceiling. */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, ceilingMs = 60_000): Promise<T> {
  for (const deadline = Date.now() + ceilingMs; Date.now() < deadline; ) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out waiting for ${what}`);
}
