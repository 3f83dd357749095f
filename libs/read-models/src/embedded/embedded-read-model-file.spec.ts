import Database from '@integrity/sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedReadModelStore } from './embedded-read-model-store';

const pageSizeOf = (file: string): number => {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma('page_size', { simple: true }) as number;
  } finally {
    db.close();
  }
};

describe('the embedded read-model file', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'integrity-read-model-file-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is made with 16 KB pages, where a reflection of about 2 KB no longer fills a page of its own', async () => {
    const file = join(dir, 'read-models.sqlite');
    const store = new EmbeddedReadModelStore(file);
    await store.collection<{ _id: string; summary: string }>('reflections').insertOne({ _id: 'r1', summary: '河川疏濬延宕'.repeat(100) });
    await store.close();
    expect(pageSizeOf(file)).toBe(16384);
  });

  it('written by an earlier release with 4 KB pages, keeps them and every document it holds, and takes new ones', async () => {
    const file = join(dir, 'read-models.sqlite');
    const earlier = new Database(file);
    earlier.pragma('journal_mode = WAL');
    earlier.exec('CREATE TABLE documents (collection TEXT NOT NULL, id TEXT NOT NULL, document TEXT NOT NULL, PRIMARY KEY (collection, id))');
    earlier.prepare('INSERT INTO documents VALUES (?, ?, ?)').run('reflections', 'r1', JSON.stringify({ _id: 'r1', summary: '路燈故障' }));
    earlier.close();

    const store = new EmbeddedReadModelStore(file);
    const reflections = store.collection<{ _id: string; summary: string }>('reflections');
    expect(await reflections.findOne({ _id: 'r1' })).toEqual({ _id: 'r1', summary: '路燈故障' });
    await reflections.insertOne({ _id: 'r2', summary: '河川疏濬延宕' });
    await store.close();

    expect(pageSizeOf(file)).toBe(4096);
    const reopened = new EmbeddedReadModelStore(file);
    expect((await reopened.collection('reflections').find({})).map((document) => document._id).sort()).toEqual(['r1', 'r2']);
    await reopened.close();
  });
});
