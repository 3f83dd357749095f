import type { WriteOperation } from '../read-model-store.port';

/** Guarded upserts: a document already past this state is left alone (its duplicate key is skipped). */
export function guarded<T extends { _id: string; _position: string }>(documents: T[]): WriteOperation<T>[] {
  return documents.map((replacement) => ({ replaceOne: { filter: { _id: replacement._id, _position: { $lt: replacement._position } }, replacement, upsert: true } }));
}
