// Seeded synthetic inputs scaled from the real shipped catalog, for the benchmarks (test/bench) and for unit tests
// that need large or exact catalogs. Everything here is deterministic: the same seed and the same shipped data
// give byte-identical output. Node-only (reads data/ through `fs`); never shipped.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import type { FileInput } from '../../src/core/catalog/catalogLoader';
import { termForms } from '../../src/core/glossary/glossaryMatcher';
import type {
  AgreementData,
  CatalogFile,
  ComparisonNoteData,
  LocalizedText,
  Texts,
  Provenance,
  SourceData,
  TermData,
} from '../../src/core/catalog/model';
import { SHIPPED_DATA_FILES } from '../../src/core/catalog/shippedData';

export const DEFAULT_SEED = 0x7dea1;
export const REPO_ROOT = join(__dirname, '..', '..');

// ---------------------------------------------------------------------------------------------
// Random numbers

/** mulberry32: a small, fast, seedable PRNG with a 2^32 period; plenty for generating test inputs. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  pick<T>(list: readonly T[]): T;
  chance(p: number): boolean;
}

// ---------------------------------------------------------------------------------------------
// The shipped catalog as file data

export interface CatalogFileEntry {
  file: string;
  data: CatalogFile;
}

/** The shipped data files (SHIPPED_DATA_FILES order), parsed as JSONC. Missing files are skipped. */
export function readShippedFiles(root = REPO_ROOT): CatalogFileEntry[] {
  const entries: CatalogFileEntry[] = [];
  for (const file of SHIPPED_DATA_FILES) {
    let text: string;
    try {
      text = readFileSync(join(root, file), 'utf8');
    } catch {
      continue; // the dataset is still being written; scale whatever exists
    }
    entries.push({ file, data: parseJsonc(text, [], { allowTrailingComma: true }) as CatalogFile });
  }
  return entries;
}

/** Files as the loader takes them: pretty-printed JSON text, like the shipped files. */
export function toFileInputs(entries: readonly CatalogFileEntry[]): FileInput[] {
  return entries.map(({ file, data }) => ({ file, content: JSON.stringify(data, null, 2) + '\n' }));
}

export function countProvisions(entries: readonly CatalogFileEntry[]): number {
  let n = 0;
  for (const { data } of entries) for (const a of data.agreements ?? []) n += a.provisions.length;
  return n;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary of the real data

export interface Vocabulary {
  /** Whitespace-separated tokens as they occur (with punctuation and Korean particles), per language. */
  tokens: { ko: string[]; en: string[] };
  /** Clean words: English letters only (≥ 3), Hangul only (≥ 2 syllables). Sorted, unique. */
  words: { ko: string[]; en: string[] };
}

/** Every localized text in the files, in file order. */
export function localizedTexts(entries: readonly CatalogFileEntry[]): LocalizedText[] {
  const found: LocalizedText[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const v of value) walk(v);
    } else if (value && typeof value === 'object') {
      const o = value as Record<string, unknown>;
      if (typeof o.ko === 'string' && typeof o.en === 'string') found.push(o as unknown as LocalizedText);
      else for (const v of Object.values(o)) walk(v);
    }
  };
  for (const e of entries) walk(e.data);
  return found;
}

export function vocabulary(entries: readonly CatalogFileEntry[]): Vocabulary {
  const tokens = { ko: [] as string[], en: [] as string[] };
  const words = { ko: new Set<string>(), en: new Set<string>() };
  for (const t of localizedTexts(entries)) {
    for (const lang of ['ko', 'en'] as const) {
      for (const token of t[lang].split(/\s+/)) {
        if (!token) continue;
        tokens[lang].push(token);
        for (const w of token.match(lang === 'en' ? /[A-Za-z]{3,}/g : /[\uac00-\ud7a3]{2,}/g) ?? []) words[lang].add(w);
      }
    }
  }
  if (tokens.en.length === 0 || tokens.ko.length === 0) throw new Error('the shipped catalog has no bilingual text to build a vocabulary from');
  return { tokens, words: { ko: [...words.ko].sort(), en: [...words.en].sort() } };
}

/** The text with about `ratio` of its tokens replaced by random tokens of the same language: same length, new words. */
export function mutateText(text: Texts, vocab: Vocabulary, random: Random, ratio = 0.3): LocalizedText {
  const mutate = (s: string, pool: readonly string[]): string =>
    s
      .split(' ')
      .map((token) => (token && random.chance(ratio) ? random.pick(pool) : token))
      .join(' ');
  return { ko: mutate(text.ko ?? '', vocab.tokens.ko), en: mutate(text.en ?? '', vocab.tokens.en) };
}

// ---------------------------------------------------------------------------------------------
// Scaled catalogs

/**
 * `factor` copies of the shipped catalog. Copy 0 is the shipped files unchanged; copy r ≥ 1 has every agreement,
 * source, term and comparison note again under the id suffix `-x<r>`, with about 30% of the words of each text
 * replaced by other words of the real data (so searches do not simply hit `factor` identical copies), and every
 * reference remapped to the copy. Parties and sectors are shared: a larger catalog has more agreements, not more
 * countries or sectors. Each copy is its own set of files (`synthetic/x<r>/…`), as if added in `.techdeals/`.
 * The result loads with zero problems when the shipped data does.
 */
export function scaleCatalogFiles(base: readonly CatalogFileEntry[], factor: number, seed = DEFAULT_SEED): CatalogFileEntry[] {
  if (!Number.isInteger(factor) || factor < 1) throw new Error(`factor must be a positive integer, got ${factor}`);
  const vocab = vocabulary(base);
  const out: CatalogFileEntry[] = base.map((e) => ({ file: e.file, data: e.data }));
  const ids = {
    agreements: new Set(base.flatMap((e) => (e.data.agreements ?? []).map((a) => a.id))),
    sources: new Set(base.flatMap((e) => (e.data.sources ?? []).map((s) => s.id))),
    terms: new Set(base.flatMap((e) => (e.data.terms ?? []).map((t) => t.id))),
  };
  for (let r = 1; r < factor; r++) {
    const random = seededRandom((seed ^ Math.imul(r, 0x9e3779b1)) >>> 0);
    const suffix = `-x${r}`;
    const map = (known: Set<string>) => (id: string) => (known.has(id) ? `${id}${suffix}`.slice(0, 64) : id);
    const agreement = map(ids.agreements);
    const source = map(ids.sources);
    const term = map(ids.terms);
    const text = (t: Texts) => mutateText(t, vocab, random);
    const provenance = (list: readonly Provenance[] | undefined): Provenance[] =>
      (list ?? []).map((p) => ({ source: source(p.source), ...(p.locator ? { locator: { ...p.locator } } : {}) }));

    for (const { file, data } of base) {
      const copy: CatalogFile = {};
      if (data.sources) {
        copy.sources = data.sources.map((s): SourceData => ({ ...s, id: source(s.id), title: text(s.title) }));
      }
      if (data.agreements) {
        copy.agreements = data.agreements.map(
          (a): AgreementData => ({
            ...a,
            id: agreement(a.id),
            title: { official: text(a.title.official), short: { ko: `${a.title.short.ko} ${r}`, en: `${a.title.short.en} ${r}` } },
            legalNature: { ...a.legalNature, provenance: a.legalNature.provenance && provenance(a.legalNature.provenance) },
            summary: text(a.summary),
            sources: a.sources.map(source),
            provisions: a.provisions.map((p) => ({
              ...p,
              heading: p.heading && text(p.heading),
              text: text(p.text),
              provenance: provenance(p.provenance),
            })),
          }),
        );
      }
      if (data.terms) {
        copy.terms = data.terms.map(
          (t): TermData => ({
            ...t,
            id: term(t.id),
            term: { ko: `${t.term.ko} ${r}`, en: `${t.term.en} ${r}` },
            aliases: undefined,
            abbreviations: undefined,
            definition: text(t.definition),
            related: t.related && {
              ...t.related,
              agreements: t.related.agreements?.map(agreement),
              terms: t.related.terms?.map(term),
            },
            provenance: provenance(t.provenance),
          }),
        );
      }
      if (data.comparisons) {
        copy.comparisons = data.comparisons.map(
          (c): ComparisonNoteData => ({
            ...c,
            id: `${c.id}${suffix}`.slice(0, 64),
            subject: agreement(c.subject),
            against: c.against.map(agreement),
            text: text(c.text),
            provenance: provenance(c.provenance),
          }),
        );
      }
      if (Object.keys(copy).length) out.push({ file: `synthetic/x${r}/${file.replace(/^data\//, '')}`, data: stripUndefined(copy) });
    }
  }
  return out;
}

/** JSON.stringify drops undefined anyway; this keeps the in-memory objects equal to what a reload would give. */
function stripUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The smallest factor whose scaled catalog has at least `provisions` provisions. */
export function factorForProvisions(base: readonly CatalogFileEntry[], provisions: number): number {
  const per = countProvisions(base);
  if (per === 0) throw new Error('the shipped catalog has no provisions to scale');
  return Math.max(1, Math.ceil(provisions / per));
}

// ---------------------------------------------------------------------------------------------
// Glossaries

/**
 * `count` glossary terms: the shipped terms first (in order), then synthetic ones made of words of the real data
 * (2–3 English words, 1–2 Korean words, a quarter with an abbreviation, some with aliases), all forms unique
 * (case-insensitively) across the glossary.
 */
export function syntheticGlossary(base: readonly CatalogFileEntry[], count: number, seed = DEFAULT_SEED): TermData[] {
  const real = base.flatMap((e) => e.data.terms ?? []);
  const terms = real.slice(0, count);
  if (terms.length === count) return terms;
  const vocab = vocabulary(base);
  const random = seededRandom(seed ^ 0x5eed);
  const source = base.flatMap((e) => e.data.sources ?? [])[0]?.id ?? 'synthetic-source';
  const en = vocab.words.en.filter((w) => w.length >= 4);
  const ko = vocab.words.ko;
  const taken = new Set<string>();
  for (const t of terms) for (const form of surfaceForms(t)) taken.add(form.toLowerCase());
  const fresh = (make: () => string): string => {
    for (;;) {
      const candidate = make();
      if (!taken.has(candidate.toLowerCase())) {
        taken.add(candidate.toLowerCase());
        return candidate;
      }
    }
  };
  const enPhrase = () => {
    const n = 2 + random.int(2);
    return Array.from({ length: n }, (_, i) => {
      const w = random.pick(en);
      return i === 0 ? w[0].toUpperCase() + w.slice(1) : w.toLowerCase();
    }).join(' ');
  };
  const koPhrase = () => Array.from({ length: 1 + random.int(2) }, () => random.pick(ko)).join(' ');
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const abbreviation = () => Array.from({ length: 3 + random.int(3) }, () => random.pick([...letters])).join('');
  for (let i = terms.length; i < count; i++) {
    const t: TermData = {
      id: `synthetic-term-${i}`,
      term: { ko: fresh(koPhrase), en: fresh(enPhrase) },
      definition: { ko: koPhrase() + ' ' + koPhrase() + '.', en: `${enPhrase()} and ${enPhrase().toLowerCase()}.` },
      definitionBasis: 'editorial',
      provenance: [{ source, locator: { paragraph: 1 + random.int(9) } }],
    };
    if (random.chance(0.3)) t.aliases = { en: [fresh(enPhrase)], ...(random.chance(0.5) ? { ko: [fresh(koPhrase)] } : {}) };
    if (random.chance(0.25)) t.abbreviations = [fresh(abbreviation)];
    terms.push(t);
  }
  return terms;
}

/** Every form of a term a document can contain (canonical forms, aliases, abbreviations), as the matcher lists them. */
export function surfaceForms(t: TermData): string[] {
  return termForms(t)
    .map((f) => f.form)
    .filter((s) => s.length > 0);
}

// ---------------------------------------------------------------------------------------------
// Documents

export interface SyntheticDocument {
  text: string;
  /** UTF-16 offsets of the term mentions the generator inserted (the first character of each). */
  mentions: number[];
}

/**
 * A bilingual analyst memo of at least `bytes` UTF-8 bytes: Markdown headings and paragraphs of sentences from the
 * real catalog texts, with about one mention of a glossary term (any of its forms) per line.
 */
export function syntheticDocument(base: readonly CatalogFileEntry[], terms: readonly TermData[], bytes: number, seed = DEFAULT_SEED): SyntheticDocument {
  const random = seededRandom(seed ^ 0xd0c);
  const sentences = localizedTexts(base).flatMap((t) => [t.ko, t.en]).filter((s) => s.length >= 20);
  const forms = terms.flatMap(surfaceForms);
  const parts: string[] = [];
  const mentions: number[] = [];
  let length = 0;
  let size = 0;
  const push = (s: string) => {
    parts.push(s);
    length += s.length;
    size += Buffer.byteLength(s, 'utf8');
  };
  let line = 0;
  while (size < bytes) {
    if (line % 12 === 0) push(`## ${random.pick(sentences).slice(0, 40).trim()}\n\n`);
    const sentence = random.pick(sentences);
    const cut = sentence.lastIndexOf(' ', random.int(sentence.length)) + 1;
    push(sentence.slice(0, cut));
    if (forms.length) {
      mentions.push(length);
      push(random.pick(forms));
      push(' ');
    }
    push(sentence.slice(cut));
    push(line % 4 === 3 ? '\n\n' : '\n');
    line++;
  }
  let text = parts.join('');
  // Trim to the size asked for (whole characters, UTF-8), keeping the mentions that still fit.
  if (Buffer.byteLength(text, 'utf8') > bytes) {
    text = Buffer.from(text, 'utf8').subarray(0, bytes).toString('utf8').replace(/\uFFFD+$/, '');
  }
  return { text, mentions: mentions.filter((m) => m < text.length) };
}

// ---------------------------------------------------------------------------------------------
// Search queries

export interface SyntheticQuery {
  kind: 'en-word' | 'ko-word' | 'en-two-words' | 'en-prefix' | 'ko-prefix' | 'term' | 'en-typo';
  query: string;
}

/** `count` search queries of the kinds an analyst types, from words of the real data; kinds in rotation. */
export function syntheticQueries(base: readonly CatalogFileEntry[], count: number, seed = DEFAULT_SEED): SyntheticQuery[] {
  const random = seededRandom(seed ^ 0x9e7);
  const vocab = vocabulary(base);
  const en = vocab.words.en.filter((w) => w.length >= 4);
  const ko = vocab.words.ko;
  const terms = base.flatMap((e) => e.data.terms ?? []);
  const make: Record<SyntheticQuery['kind'], () => string> = {
    'en-word': () => random.pick(en).toLowerCase(),
    'ko-word': () => random.pick(ko),
    'en-two-words': () => `${random.pick(en).toLowerCase()} ${random.pick(en).toLowerCase()}`,
    'en-prefix': () => random.pick(en).slice(0, 3 + random.int(2)).toLowerCase(),
    'ko-prefix': () => random.pick(ko.filter((w) => w.length >= 3)).slice(0, 2),
    term: () => {
      if (!terms.length) return random.pick(en);
      const t = random.pick(terms);
      return random.chance(0.5) ? t.term.ko : t.term.en;
    },
    'en-typo': () => {
      const w = random.pick(en.filter((x) => x.length >= 6)).toLowerCase();
      const i = 1 + random.int(w.length - 3);
      return w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
    },
  };
  const kinds = Object.keys(make) as SyntheticQuery['kind'][];
  return Array.from({ length: count }, (_, i) => {
    const kind = kinds[i % kinds.length];
    return { kind, query: make[kind]() };
  });
}
