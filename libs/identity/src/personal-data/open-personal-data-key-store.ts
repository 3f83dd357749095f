import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { STORE_FILES, type Settings } from '@integrity/platform';
import { EmbeddedReadModelStore, type ReadModelStore } from '@integrity/read-models';
import type { PersonalDataKeyStore } from './personal-data-key-store';
import { ReadModelPersonalDataKeyStore } from './read-model-personal-data-key-store';
import { SqlitePersonalDataKeyStore } from './sqlite-personal-data-key-store';

/**
 * The key store the configuration names: MongoDB's own collection, or the embedded file of its own. A data
 * directory from an earlier release kept its keys among the read models: they move once into the key file, and
 * the read-model file is rewritten so that no key, erased or moved, is left in it.
 */
export async function openPersonalDataKeyStore(settings: Settings, readModels: ReadModelStore): Promise<PersonalDataKeyStore> {
  if (settings.mongodbUri) return new ReadModelPersonalDataKeyStore(readModels);
  const file = join(settings.dataDir, STORE_FILES.personalDataKeys);
  const firstOpen = !existsSync(file);
  const keys = new SqlitePersonalDataKeyStore(file);
  if (firstOpen && readModels instanceof EmbeddedReadModelStore) {
    const earlier = new ReadModelPersonalDataKeyStore(readModels);
    for (const { keyId, key, createdAt } of await earlier.all()) {
      await keys.put(keyId, key, createdAt);
      await earlier.erase(keyId);
    }
    await readModels.compact();
  }
  return keys;
}
