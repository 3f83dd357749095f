import { startAppProcess } from '../support/app-process';
import { tempDir } from '../support/temp-dir';

/**
 * issue 16: with production stores configured, the product checks them before serving and, when one is not fit,
 * stops at once with one message saying what to fix, and never the password in the connection string.
 */
describe('the production stores, checked at start', () => {
  const dir = tempDir('self-check');
  afterAll(() => dir.remove());

  it('stops with one clear message when EventStoreDB does not answer', async () => {
    const started = startAppProcess(dir.path, { EVENTSTORE_CONNECTION_STRING: 'kurrentdb://writer:s3cret-password@127.0.0.1:1?tls=false' });
    await expect(started).rejects.toThrow('EventStoreDB (EVENTSTORE_CONNECTION_STRING) does not answer');
    await expect(started).rejects.not.toThrow('s3cret-password');
  });

  it('stops with one clear message when MongoDB does not answer', async () => {
    const started = startAppProcess(dir.path, { MONGODB_URI: 'mongodb://reader:s3cret-password@127.0.0.1:1/integrity?serverSelectionTimeoutMS=1000' });
    await expect(started).rejects.toThrow('MongoDB (MONGODB_URI) does not answer');
    await expect(started).rejects.not.toThrow('s3cret-password');
  });
});
