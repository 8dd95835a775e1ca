// Warm start for search: a catalog's index is kept as bytes under the catalog's fingerprint and read back next time
// instead of being built again. A fingerprint covers every indexed text and the analysis version, so a kept index is
// used only for exactly the catalog it was built from; anything unreadable is ignored and rebuilt, never trusted.
// Small catalogs (the shipped data alone) build in milliseconds and are not kept. Pure TypeScript, no `vscode`: the
// store behind it is the extension's storage folder in the extension, memory in tests.
import type { Catalog } from '../catalog/model';
import { TimeSlices } from '../timeSlices';
import { catalogFingerprintAsync, SearchIndex } from './searchIndex';

export interface IndexStore {
  /** The bytes kept under `key`, or undefined. */
  read(key: string): Promise<Uint8Array | undefined>;
  /** Keeps `bytes` under `key` (a store may drop what it kept under other keys). */
  write(key: string, bytes: Uint8Array): Promise<void>;
}

export interface OpenedIndex {
  index: SearchIndex;
  /** Read back from the store rather than built. */
  reused: boolean;
  /** What went wrong reading or writing the store (the index itself is fine: it was built). */
  storeError?: string;
}

/** Documents below which an index is built every time (it takes well under a tenth of a second). */
export const MIN_KEPT_DOCUMENTS = 5000;

export interface OpenOptions {
  /** The time slices to work in, or their length in ms. */
  slices?: TimeSlices | number;
  minDocuments?: number;
}

/** The index of `catalog`: read back from `store` when it holds one for exactly this catalog, else built and kept. */
export async function openSearchIndex(catalog: Catalog, store: IndexStore | undefined, options: OpenOptions = {}): Promise<OpenedIndex> {
  const documents = catalog.agreements.size + catalog.provisions.size + catalog.terms.size;
  const slices = typeof options.slices === 'object' ? options.slices : new TimeSlices(options.slices);
  if (!store || documents < (options.minDocuments ?? MIN_KEPT_DOCUMENTS)) {
    return { index: await SearchIndex.buildAsync(catalog, slices), reused: false };
  }
  const key = `search-index-${await catalogFingerprintAsync(catalog, slices)}`;
  let storeError: string | undefined;
  try {
    const bytes = await store.read(key);
    const index = bytes && (await SearchIndex.fromBytesAsync(bytes, catalog, slices));
    if (index) return { index, reused: true };
  } catch (err) {
    storeError = `could not read the kept search index: ${(err as Error).message ?? err}`;
  }
  const index = await SearchIndex.buildAsync(catalog, slices);
  try {
    await store.write(key, await index.toBytesAsync(slices));
  } catch (err) {
    storeError = `could not keep the search index: ${(err as Error).message ?? err}`;
  }
  return { index, reused: false, storeError };
}
