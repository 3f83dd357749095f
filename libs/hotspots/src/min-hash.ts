/**
 * MinHash signatures and locality-sensitive hashing (LSH): reflections whose terms overlap much are likely to share
 * a band's key, so only those sharing a key are compared, not every pair. Short texts share few terms even when
 * they are about one matter, so the bands are single rows: 32 of them find a pair sharing 15% of its terms with
 * probability 1 - 0.85³² ≈ 0.994, and the pairs found are then compared term by term.
 */
export const HASHES = 32;
export const ROWS_PER_BAND = 1;

/** FNV-1a over the string's UTF-16 code units: a term's 32-bit hash. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** The i-th of HASHES independent permutations of a 32-bit hash (murmur3's finaliser over a salted value). */
function permuted(hash: number, i: number): number {
  let h = (hash ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Each permutation's least value over the terms; two signatures agree at a place with probability their Jaccard. */
export function signatureOf(terms: readonly string[]): number[] {
  const signature = new Array<number>(HASHES).fill(0xffffffff);
  for (const term of terms) {
    const hash = fnv1a(term);
    for (let i = 0; i < HASHES; i++) {
      const value = permuted(hash, i);
      if (value < signature[i]) signature[i] = value;
    }
  }
  return signature;
}

/** The signature's band keys, `<band>:<rows in hex>`: reflections sharing one are compared. None for no terms. */
export function bandKeysOf(terms: readonly string[]): string[] {
  if (terms.length === 0) return [];
  const signature = signatureOf(terms);
  const keys: string[] = [];
  for (let band = 0; band * ROWS_PER_BAND < HASHES; band++) {
    const rows = signature.slice(band * ROWS_PER_BAND, (band + 1) * ROWS_PER_BAND);
    keys.push(`${band}:${rows.map((row) => row.toString(16)).join('.')}`);
  }
  return keys;
}
