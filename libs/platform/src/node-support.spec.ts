import { nodeEndOfLifeWarning } from './node-support';

describe('the Node the product runs on', () => {
  const on = (day: string) => new Date(`${day}T00:00:00Z`);

  it('warns about a line past its end of life, and not before', () => {
    expect(nodeEndOfLifeWarning('v20.20.2', on('2026-12-07'))).toBe('Node v20.20.2 reached its end of life on 2026-04-30 and receives no security fixes: run Node 22 or 24 (LTS)');
    expect(nodeEndOfLifeWarning('20.19.0', on('2026-04-30'))).toBeNull();
  });

  it('says nothing of a supported LTS line, and warns about a non-LTS one', () => {
    expect(nodeEndOfLifeWarning('24.21.0', on('2026-12-07'))).toBeNull();
    expect(nodeEndOfLifeWarning('22.12.0', on('2026-12-07'))).toBeNull();
    expect(nodeEndOfLifeWarning('23.1.0', on('2026-12-07'))).toMatch(/not a long-term support line/);
  });
});
