import { MongoDb7Double } from './mongodb-7-double';

export interface MongoDbTarget {
  name: string;
  /** Why the target cannot run here, or null when it can. */
  skipReason: string | null;
  /** The connection string, once the suite's hooks have started the target. */
  uri: () => string;
  /** The double behind it, for what only a double can be made to do; null on a real server. */
  double: MongoDb7Double | null;
}

/**
 * Where a suite runs the MongoDB adapters: on the MongoDB 7 double always (one per test file, started in its
 * hooks), and on a real server when MONGODB_URI is set (the hosted workflow's service container). Both through
 * the real `mongodb` driver.
 */
export function mongoDbTargets(): MongoDbTarget[] {
  const double = new MongoDb7Double();
  let uri = '';
  beforeAll(async () => {
    uri = await double.start();
  });
  afterAll(() => double.stop());
  const real = process.env.MONGODB_URI;
  return [
    { name: 'mongodb adapter on the MongoDB 7 double', skipReason: null, uri: () => uri, double },
    { name: 'mongodb', skipReason: real ? null : 'MONGODB_URI is not set', uri: () => real as string, double: null },
  ];
}
