// The postings behind search: which documents contain each index term, in flat typed arrays.
//
// Rules:
//  - Terms are sorted strings; a term's id is its rank. Exact lookup and prefix expansion are binary searches over
//    that array; typo expansion walks MiniSearch's radix tree (SearchableMap), built on the first typo query only.
//  - One posting per (term, document): the document's number, a bit per field the term occurs in, and one weight
//    computed at build time — the sum of the fields' boosts, where body text counts by BM25+ (term frequency against
//    the document's body length). A query term's score in a document is that weight times the term's idf.
//  - Fields are told apart by the term itself where a query must not mix them: item numbers and 초성 are stored with a
//    namespace character in front (REF_PREFIX, INITIALS_PREFIX), so `28` in body text never matches item 28.
// Costs: 9 bytes a posting (3.7 million for the 41,000-article ToTA corpus: ~33 MB) plus the term strings.
// Building is one pass over the analysed documents and one counting sort; a query touches only the postings of
// its terms. The arrays serialise as they are (`toBytes`), so a window reopened on the same catalog reads the index
// instead of rebuilding it. Pure TypeScript, no `vscode`.
import type SearchableMap from 'minisearch/dist/es/SearchableMap';

export const FIELD_BIT = { title: 1, alias: 2, context: 4, body: 8, ref: 16, initialsName: 32, initialsContext: 64 } as const;
export type FieldName = keyof typeof FIELD_BIT;
const FIELD_NAMES = Object.keys(FIELD_BIT) as FieldName[];

/** Namespace characters of terms that live in one field only (see the header). */
export const REF_PREFIX = '\u0001';
export const INITIALS_PREFIX = '\u0002';

const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
/** The weight of a term in a short field (a name, an alias, a heading): BM25+ of one occurrence at average length. */
const SHORT_FIELD = (BM25.k + 1) / (1 + BM25.k) + BM25.d;

export interface Posting {
  doc: number;
  /** Fields the term occurs in (FIELD_BIT). */
  mask: number;
  weight: number;
}

/** Accumulates documents; `finish` turns them into a TermIndex. */
export class TermIndexBuilder {
  private readonly ids = new Map<string, number>();
  private readonly termList: string[] = [];
  /**
   * Postings as added, in fixed-size chunks: growing one array by doubling would copy tens of megabytes into fresh
   * memory in one go (slow where page faults are, and a long task).
   */
  private readonly chunks: { term: Uint32Array; doc: Uint32Array; mask: Uint8Array; tf: Uint16Array }[] = [];
  private postingCount = 0;
  private readonly bodyLengths: number[] = [];
  /** Per term id, while a document is added (see `addDocument`). */
  private slots = new Uint32Array(1 << 16);
  private readonly seen: number[] = [];

  constructor(private readonly boosts: Readonly<Record<FieldName, number>>) {}

  get documentCount(): number {
    return this.bodyLengths.length;
  }

  /** The id of an index term, numbered in the order first seen (a bound function: pass it around as it is). */
  readonly id = (term: string): number => {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.termList.length;
      this.ids.set(term, id);
      this.termList.push(term);
      if (id >= this.slots.length) {
        const grown = new Uint32Array(this.slots.length * 2);
        grown.set(this.slots);
        this.slots = grown;
      }
    }
    return id;
  };

  /** Adds the next document (numbered in the order added) from its fields' term ids (see `id`). */
  addDocument(fields: ReadonlyArray<readonly [FieldName, readonly number[]]>): number {
    const doc = this.bodyLengths.length;
    // Per term of this document: low 7 bits the field mask, above them the body frequency (0 = not seen yet).
    const slots = this.slots;
    const seen = this.seen;
    seen.length = 0;
    let bodyLength = 0;
    for (const [field, ids] of fields) {
      const bit = FIELD_BIT[field];
      const body = field === 'body' ? 128 : 0;
      if (body) bodyLength += ids.length;
      for (const id of ids) {
        const packed = slots[id];
        if (packed === 0) seen.push(id);
        slots[id] = (packed | bit) + body;
      }
    }
    for (const id of seen) {
      const packed = slots[id];
      slots[id] = 0;
      const i = this.postingCount++;
      const chunk = this.chunks[i >>> CHUNK_BITS] ?? this.addChunk();
      const at = i & CHUNK_MASK;
      chunk.term[at] = id;
      chunk.doc[at] = doc;
      chunk.mask[at] = packed & 127;
      chunk.tf[at] = Math.min(0xffff, packed >>> 7);
    }
    this.bodyLengths.push(bodyLength);
    return doc;
  }

  private addChunk() {
    const size = 1 << CHUNK_BITS;
    const chunk = { term: new Uint32Array(size), doc: new Uint32Array(size), mask: new Uint8Array(size), tf: new Uint16Array(size) };
    this.chunks.push(chunk);
    return chunk;
  }

  /** The index, in steps (a chunk of postings, a bucket of terms, a slice of memory): a caller can yield between them. */
  *finishSteps(): Generator<void, TermIndex> {
    const termCount = this.termList.length;
    // Terms sorted, by their first character's bucket and then within each (the default sort compares UTF-16 code
    // units, as `<` does and the binary searches expect); `rank[id]` is a term's id in sorted order.
    const buckets = new Map<number, string[]>();
    for (const term of this.termList) {
      const first = term.charCodeAt(0);
      const bucket = buckets.get(first);
      if (bucket) bucket.push(term);
      else buckets.set(first, [term]);
    }
    const terms: string[] = [];
    for (const first of [...buckets.keys()].sort((a, b) => a - b)) {
      for (const term of buckets.get(first)!.sort()) terms.push(term);
      yield;
    }
    const rank = new Uint32Array(termCount);
    terms.forEach((term, r) => (rank[this.ids.get(term)!] = r));
    yield;

    // Counting sort by term; documents were added in order, so each term's postings stay sorted by document.
    const n = this.postingCount;
    const offsets = new Uint32Array(termCount + 1);
    for (let c = 0; c < this.chunks.length; c++) {
      const chunk = this.chunks[c];
      const end = Math.min(chunk.term.length, n - (c << CHUNK_BITS));
      for (let k = 0; k < end; k++) offsets[rank[chunk.term[k]] + 1]++;
      yield;
    }
    for (let t = 0; t < termCount; t++) offsets[t + 1] += offsets[t];
    const fill = offsets.slice(0, termCount);
    const docs = new Uint32Array(n);
    const masks = new Uint8Array(n);
    const weights = new Float32Array(n);
    // The writes below land all over these arrays: touch their memory first, a slice at a time.
    for (let from = 0; from < n; from += 1 << CHUNK_BITS) {
      const to = Math.min(n, from + (1 << CHUNK_BITS));
      docs.fill(0, from, to);
      masks.fill(0, from, to);
      weights.fill(0, from, to);
      yield;
    }
    const lengths = this.bodyLengths;
    let total = 0;
    for (const length of lengths) total += length;
    const averageBody = lengths.length ? Math.max(1, total / lengths.length) : 1;
    const shortBoost = new Float32Array(128);
    for (let mask = 0; mask < 128; mask++) {
      for (const field of FIELD_NAMES) if (field !== 'body' && mask & FIELD_BIT[field]) shortBoost[mask] += this.boosts[field] * SHORT_FIELD;
    }
    const bodyBoost = this.boosts.body;
    for (let c = 0; c < this.chunks.length; c++) {
      const chunk = this.chunks[c];
      const end = Math.min(chunk.term.length, n - (c << CHUNK_BITS));
      for (let k = 0; k < end; k++) {
        const at = fill[rank[chunk.term[k]]]++;
        const doc = chunk.doc[k];
        const mask = chunk.mask[k];
        const tf = chunk.tf[k];
        let weight = shortBoost[mask];
        if (tf > 0) {
          const norm = BM25.k * (1 - BM25.b + (BM25.b * lengths[doc]) / averageBody);
          weight += bodyBoost * ((tf * (BM25.k + 1)) / (tf + norm) + BM25.d);
        }
        docs[at] = doc;
        masks[at] = mask;
        weights[at] = weight;
      }
      yield;
    }
    return new TermIndex(terms, offsets, docs, masks, weights, lengths.length);
  }
}

export class TermIndex {
  private radix: SearchableMap<number> | undefined;

  constructor(
    readonly terms: readonly string[],
    /** Term id → its first posting; the postings of term t are offsets[t] … offsets[t + 1] - 1. */
    readonly offsets: Uint32Array,
    /** Per posting (read directly by the query loop, which is the hot path). */
    readonly docs: Uint32Array,
    readonly masks: Uint8Array,
    readonly weights: Float32Array,
    readonly documentCount: number,
  ) {}

  get termCount(): number {
    return this.terms.length;
  }

  get postingCount(): number {
    return this.docs.length;
  }

  /** The term's id, or -1. */
  idOf(term: string): number {
    const i = this.lowerBound(term);
    return i < this.terms.length && this.terms[i] === term ? i : -1;
  }

  /** Documents containing the term. */
  frequency(id: number): number {
    return this.offsets[id + 1] - this.offsets[id];
  }

  /** Inverse document frequency (BM25). */
  idf(id: number): number {
    const df = this.frequency(id);
    return Math.log(1 + (this.documentCount - df + 0.5) / (df + 0.5));
  }

  /** Ids of the terms starting with `prefix`, in sorted order (a range: first, end). */
  prefixRange(prefix: string): [number, number] {
    const first = this.lowerBound(prefix);
    // Every term with the prefix sorts before prefix + U+FFFF.
    return [first, Math.max(first, this.lowerBound(`${prefix}\uffff`))];
  }

  /** Documents containing a term that starts with `prefix` (an upper bound: a document may contain several). */
  prefixFrequency(prefix: string): number {
    const [first, end] = this.prefixRange(prefix);
    return this.offsets[end] - this.offsets[first];
  }

  /** Terms within `distance` edits of `term` (MiniSearch's radix tree, built on first use), with their distance. */
  fuzzy(term: string, distance: number): [id: number, distance: number][] {
    if (!this.radix) {
      const Map = searchableMapClass();
      this.radix = new Map<number>();
      this.terms.forEach((t, id) => this.radix!.set(t, id));
    }
    return [...this.radix.fuzzyGet(term, distance).values()];
  }

  /** The posting of term `id` for document `doc`, or -1 (a binary search: postings are in document order). */
  find(id: number, doc: number): number {
    let lo = this.offsets[id];
    let hi = this.offsets[id + 1];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.docs[mid] < doc) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.offsets[id + 1] && this.docs[lo] === doc ? lo : -1;
  }

  private lowerBound(term: string): number {
    let lo = 0;
    let hi = this.terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.terms[mid] < term) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  // -------------------------------------------------------------------------------------------
  // Serialisation: a header, the arrays as they are, then the terms joined by NUL (no term contains one).

  /** The index as bytes, a step per 4 MB copied: writing into fresh memory is slow where page faults are (most VMs). */
  *toBytesSteps(): Generator<void, Uint8Array> {
    const termText = new TextEncoder().encode(this.terms.join('\0'));
    const n = this.docs.length;
    const t = this.terms.length;
    const header = new Uint32Array([FORMAT, this.documentCount, t, n, termText.length]);
    // Each array starts at a multiple of 4 bytes, so it can be viewed in place when read back.
    const parts: ArrayBufferView[] = [header, this.offsets, this.docs, this.weights, this.masks, termText];
    const size = parts.reduce((sum, p, i) => sum + (i === parts.length - 1 ? p.byteLength : align4(p.byteLength)), 0);
    const out = new Uint8Array(size);
    let at = 0;
    for (const part of parts) {
      const bytes = new Uint8Array(part.buffer, part.byteOffset, part.byteLength);
      for (let from = 0; from < bytes.length; from += COPY_STEP) {
        out.set(bytes.subarray(from, from + COPY_STEP), at + from);
        yield;
      }
      at += align4(part.byteLength);
    }
    return out;
  }

  /** Reads what `toBytes` wrote; undefined when the bytes are not a whole index of this format. */
  static fromBytes(bytes: Uint8Array): TermIndex | undefined {
    try {
      const copy = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
      const buffer = copy.buffer;
      let at = copy.byteOffset;
      const take = <T>(make: (buffer: ArrayBufferLike, offset: number, length: number) => T, length: number, unit: number): T => {
        const view = make(buffer, at, length);
        at += align4(length * unit);
        return view;
      };
      if (copy.byteLength < 20) return undefined;
      const [format, documentCount, termCount, postingCount, termBytes] = take((b, o, l) => new Uint32Array(b, o, l), 5, 4);
      if (format !== FORMAT) return undefined;
      const offsets = take((b, o, l) => new Uint32Array(b, o, l), termCount + 1, 4);
      const docs = take((b, o, l) => new Uint32Array(b, o, l), postingCount, 4);
      const weights = take((b, o, l) => new Float32Array(b, o, l), postingCount, 4);
      const masks = take((b, o, l) => new Uint8Array(b, o, l), postingCount, 1);
      if (at + termBytes - copy.byteOffset !== copy.byteLength) return undefined;
      const text = new TextDecoder().decode(new Uint8Array(buffer, at, termBytes));
      const terms = termCount ? text.split('\0') : [];
      if (terms.length !== termCount || offsets[termCount] !== postingCount) return undefined;
      return new TermIndex(terms, offsets, docs, masks, weights, documentCount);
    } catch {
      return undefined;
    }
  }
}

/** Postings per chunk of the builder (and per step of `finishSteps`): 256 K, a few megabytes. */
const CHUNK_BITS = 18;
const CHUNK_MASK = (1 << CHUNK_BITS) - 1;
/** Bytes copied per step of `toBytesSteps`. */
const COPY_STEP = 4 << 20;

/** Bumped whenever the analysis or the layout changes: an index stored by another version is rebuilt. */
const FORMAT = 0x7464_6101;

const align4 = (n: number) => (n + 3) & ~3;

/** Loaded on first use, so evaluating the extension bundle (activation) does not pay for it. */
function searchableMapClass(): typeof SearchableMap {
  const loaded = require('minisearch/SearchableMap') as typeof SearchableMap | { default: typeof SearchableMap };
  return 'default' in loaded ? loaded.default : loaded;
}
