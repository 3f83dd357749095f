import { createHash } from 'node:crypto';
import { canonicalJson, chainOf, eventHash, GENESIS_HASH } from './event-hash';

const event = {
  streamId: 'reflection-1',
  revision: 3,
  type: 'HandlingOpinionRecorded',
  schemaVersion: 2,
  data: { opinion: '簽會工務課', nested: { b: [2, { z: 1, a: null }], a: '甲' } },
  metadata: { actorId: 'u', unitId: 'unit', correlationId: 'c', causationId: null, occurredAt: '2026-11-27T02:00:00.000Z' },
};

describe('the hash of an event', () => {
  it('is SHA-256 over the canonical JSON of the event and the hash before it', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: 1, e: 2 }], c: '河川' } })).toBe('{"a":{"c":"河川","d":[3,{"e":2,"f":1}]},"b":1}');
    const expected = createHash('sha256').update(canonicalJson({ ...event, prevHash: GENESIS_HASH })).digest('hex');
    expect(eventHash(event, GENESIS_HASH)).toBe(expected);
  });

  it('does not depend on the order its keys were read back in, and changes with any field', () => {
    const reordered = { ...event, data: { nested: { a: '甲', b: [2, { a: null, z: 1 }] }, opinion: '簽會工務課' }, metadata: { ...event.metadata } };
    expect(eventHash(reordered, GENESIS_HASH)).toBe(eventHash(event, GENESIS_HASH));
    for (const changed of [{ ...event, revision: 4 }, { ...event, streamId: 'reflection-2' }, { ...event, data: { ...event.data, opinion: '改' } }, { ...event, metadata: { ...event.metadata, actorId: 'v' } }]) {
      expect(eventHash(changed, GENESIS_HASH)).not.toBe(eventHash(event, GENESIS_HASH));
    }
    expect(eventHash(event, 'f'.repeat(64))).not.toBe(eventHash(event, GENESIS_HASH));
  });

  it('links the events of one append one after another', () => {
    const [first, second] = chainOf('reflection-1', 0, GENESIS_HASH, [event, event]);
    expect(first).toEqual({ prevHash: GENESIS_HASH, hash: eventHash({ ...event, revision: 0 }, GENESIS_HASH) });
    expect(second).toEqual({ prevHash: first.hash, hash: eventHash({ ...event, revision: 1 }, first.hash) });
  });
});
