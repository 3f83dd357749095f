/**
 * Positions are bigints (EventStoreDB's exceed 2^64); read models keep them as fixed-width decimal strings,
 * which compare in MongoDB and mingo exactly as the numbers do.
 */
const WIDTH = 40;

export const positionKey = (position: bigint): string => position.toString().padStart(WIDTH, '0');
export const positionOfKey = (key: string): bigint => BigInt(key);
