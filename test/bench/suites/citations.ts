// Citations: cite-as-you-write at workspace scale. The memo citation index (src/core/citation/citationIndex.ts) built
// for 1,000 memos of 100 KB, their glossary terms scanned, one memo edited line by line, and citation completion with
// the 450 ToTA treaties loaded — each next to a naive implementation measured in the same run.
//
// The memos are generated from the shipped catalog (seeded): English and Korean provision texts, glossary terms,
// `tda:` citations of real provisions, broken ones, and `tda:` text that is no citation. Before anything is timed the
// suite checks the answers: every planted citation found (count per uid), an edited memo's occurrences equal to a
// rescan of its text, `tda:kr-us-tpd/2` completing to that provision first. Wrong answers throw; no row is written.
import { deepStrictEqual } from 'node:assert/strict';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { buildCatalog, loadCatalog } from '../../../src/core/catalog/catalogLoader';
import { type Catalog, type Lang } from '../../../src/core/catalog/model';
import { formatCitation } from '../../../src/core/citation/citation';
import { citationCandidates, citationCompletionQuery, type CitationCandidate } from '../../../src/core/citation/citationCompletion';
import { CitationIndex, linesOf, type LineChange } from '../../../src/core/citation/citationIndex';
import { matcherForCatalog, type GlossaryMatcher } from '../../../src/core/glossary/glossaryMatcher';
import type { LineSource } from '../../../src/core/glossary/multilineTerms';
import { buildSearchIndex, type SearchIndex } from '../../../src/core/search/searchIndex';
import { NaiveCitationIndex, NaiveCompletion, NaiveTermScan } from '../baselines';
import { collectGarbage, keep, retainedHeap, sample, scaleStat, summarize, type Row, type Stat } from '../measure';
import { formatMs } from '../report';
import { formatBytes, formatCount, type Suite, type SuiteContext } from '../suite';
import { localizedTexts, seededRandom, surfaceForms, toFileInputs, type CatalogFileEntry, type Random } from '../synthetic';
import { corpusAvailable, corpusInputs } from './corpus';

const TARGET = {
  buildMs: 2000,
  updateP99Ms: 5,
  completionP99Ms: 50,
} as const;

const MEMOS = 1_000;
const MEMO_BYTES = 100 * 1024;
const EDITS = 200;

/** What completion is timed on: each typed character by character (see `typingStates`). */
export const COMPLETION_INPUTS = [
  'tda:',
  'tda:k',
  'tda:kr-us-tpd/',
  'tda:kr-us-tpd/2',
  'tda:한미',
  'tda:ㅎㅁ',
  'tda:양자',
  'tda:tota-159/15',
  'tda:korea',
  'tda:artemis',
  'tda:quantim',
  'tda:제28항',
] as const;

/** Uids with the citation's shape that no provision of the shipped catalog (or the ToTA corpus) has. */
const BROKEN_UIDS = ['kr-us-tpd/999', 'kr-us-tpd/0', 'us-jp-tpd/18', 'kr-us-jfs/77a', 'kr-eu-dpa/3', 'us-uk-tpd/24-b', 'tota-99999/1'];

// ---------------------------------------------------------------------------------------------
// Memos

/** What the memos are written from: the shipped catalog's texts, glossary forms and provisions. */
export interface MemoVocabulary {
  sentences: { ko: string[]; en: string[] };
  termForms: { ko: string[]; en: string[] };
  /** Real uids, each with a human-readable citation per language (`formatCitation`). */
  provisions: { uid: string; agreementId: string; formatted: { ko: string; en: string } }[];
  broken: string[];
}

export function memoVocabulary(base: readonly CatalogFileEntry[], catalog: Catalog): MemoVocabulary {
  const sentences = { ko: [] as string[], en: [] as string[] };
  for (const t of localizedTexts(base)) {
    for (const lang of ['ko', 'en'] as const) {
      let s = t[lang].replace(/\s+/g, ' ').trim();
      if (s.length < 20 || s.includes('tda:')) continue;
      if (s.length > 400) s = s.slice(0, s.lastIndexOf(' ', 400));
      sentences[lang].push(s);
    }
  }
  const termForms = { ko: [] as string[], en: [] as string[] };
  for (const term of catalog.terms.values()) for (const form of surfaceForms(term)) termForms[/[\uac00-\ud7a3]/.test(form) ? 'ko' : 'en'].push(form);
  const provisions = [...catalog.provisions.values()].map((p) => ({
    uid: p.uid,
    agreementId: p.agreementId,
    formatted: { ko: formatCitation(catalog, p, 'ko'), en: formatCitation(catalog, p, 'en') },
  }));
  const broken = BROKEN_UIDS.filter((uid) => !catalog.provisions.has(uid) && !catalog.formerProvisions.has(uid));
  if (!sentences.ko.length || !sentences.en.length || !provisions.length || broken.length !== BROKEN_UIDS.length) throw new Error('the shipped catalog cannot make memos');
  return { sentences, termForms, provisions, broken };
}

export interface SyntheticMemo {
  key: string;
  text: string;
  /** Citations planted (real and broken uids), by uid: what the index must find. */
  cited: Map<string, number>;
  /** `tda:<uid>` inside a URL or an e-mail address, by uid (see the note of the build row). */
  inUrls: Map<string, number>;
  /** `tda:` text that is no citation: inside a word, no provision, a space after the colon. */
  decoys: number;
}

function tally(map: Map<string, number>, uid: string): void {
  map.set(uid, (map.get(uid) ?? 0) + 1);
}

/**
 * A Markdown memo of at least `bytes` UTF-8 bytes (a block more at most): headings, paragraphs (half of them
 * hard-wrapped at 72–100 columns), lists and quotes of English or Korean sentences of the shipped catalog, with
 * glossary terms in most sentences and citations in about one sentence in six.
 */
export function syntheticMemo(vocab: MemoVocabulary, index: number, bytes: number, seed: number): SyntheticMemo {
  const random = seededRandom((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const memo: SyntheticMemo = { key: `memo:${String(index % 17).padStart(2, '0')}/memo-${index}.md`, text: '', cited: new Map(), inUrls: new Map(), decoys: 0 };
  const lines: string[] = [];
  let size = 0;
  const push = (line: string) => {
    lines.push(line);
    size += Buffer.byteLength(line, 'utf8') + 1;
  };
  push(`# Memo ${index}: ${random.pick(vocab.sentences.en).slice(0, 50).trim()}`);
  push('');
  while (size < bytes) {
    const kind = random.next();
    const lang: Lang = random.chance(0.5) ? 'ko' : 'en';
    if (kind < 0.08) {
      push(`## ${random.pick(vocab.sentences[lang]).slice(0, 40).trim()}`);
    } else if (kind < 0.28) {
      for (let i = 1 + random.int(4); i > 0; i--) push(`- ${sentence(vocab, lang, random, memo)}`);
    } else if (kind < 0.38) {
      for (const line of wrap(sentence(vocab, lang, random, memo), 60 + random.int(30))) push(`> ${line}`);
    } else {
      const paragraph = Array.from({ length: 2 + random.int(4) }, () => sentence(vocab, lang, random, memo)).join(' ');
      if (random.chance(0.5)) for (const line of wrap(paragraph, 72 + random.int(29))) push(line);
      else push(paragraph);
    }
    push('');
  }
  memo.text = lines.join('\n');
  return memo;
}

/** A sentence of the catalog, a glossary form put in at a word break, sometimes a citation (or something like one). */
function sentence(vocab: MemoVocabulary, lang: Lang, random: Random, memo: SyntheticMemo): string {
  let s = random.pick(vocab.sentences[lang]);
  if (random.chance(0.7)) {
    const forms = vocab.termForms[random.chance(0.8) ? lang : lang === 'ko' ? 'en' : 'ko'];
    const at = s.lastIndexOf(' ', random.int(s.length));
    if (forms.length && at > 0) s = `${s.slice(0, at)} ${random.pick(forms)}${s.slice(at)}`;
  }
  const roll = random.next();
  if (roll < 0.17) {
    const broken = random.chance(0.08);
    const p = random.pick(vocab.provisions);
    const uid = broken ? random.pick(vocab.broken) : p.uid;
    tally(memo.cited, uid);
    const cited = (() => {
      switch (random.int(7)) {
        case 0:
          return `${s} (tda:${uid})`;
        case 1:
          return `${s} tda:${uid}.`;
        case 2:
          return `${s} [tda:${uid}]`;
        case 3:
          return `${s} **tda:${uid}**`;
        case 4:
          return lang === 'ko' ? `tda:${uid}에 따르면 ${s}` : `Per tda:${uid}, ${s}`;
        case 5: {
          const second = random.pick(vocab.provisions).uid;
          tally(memo.cited, second);
          return `${s} (tda:${uid}, tda:${second})`;
        }
        default:
          return broken ? `${s} (tda:${uid})` : `${s} — ${p.formatted[lang]}`;
      }
    })();
    return cited;
  }
  if (roll < 0.19) {
    memo.decoys++;
    const p = random.pick(vocab.provisions);
    return [`${s} (xtda:${p.uid})`, `${s} tda:${p.agreementId} `, `${s} tda: ${p.uid}`][random.int(3)];
  }
  if (roll < 0.2) {
    const uid = random.pick(vocab.provisions).uid;
    tally(memo.inUrls, uid);
    return random.chance(0.5) ? `${s} <https://atlas.example.org/cite/tda:${uid}>` : `${s} (desk@tda:${uid})`;
  }
  return s;
}

/** Hard-wraps at spaces (a token longer than the width stays whole). */
function wrap(paragraph: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of paragraph.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Completion input

const CHOSEONG = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';

/**
 * What the line holds after each keystroke typing `s`: every prefix, and for a Hangul syllable the states a Korean
 * IME shows while composing it (`한`: `ㅎ`, `하`, `한`).
 */
export function typingStates(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const before = s.slice(0, i);
    const code = s.charCodeAt(i);
    if (code >= 0xac00 && code <= 0xd7a3) {
      const k = code - 0xac00;
      const initial = Math.floor(k / 588);
      out.push(before + CHOSEONG[initial]);
      if (k % 28) out.push(before + String.fromCharCode(0xac00 + k - (k % 28)));
    }
    out.push(s.slice(0, i + 1));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The suite

export function citationsSuite(): Suite {
  return {
    name: 'citations',
    async run(ctx: SuiteContext): Promise<Row[]> {
      const rows: Row[] = [];
      const { catalog: shipped, problems } = buildCatalog(toFileInputs(ctx.base));
      if (problems.length) throw new Error(`the shipped catalog loaded with ${problems.length} problems`);
      const matcher = matcherForCatalog(shipped);
      const count = ctx.smoke ? 8 : MEMOS;
      const bytes = ctx.smoke ? 8 * 1024 : MEMO_BYTES;
      ctx.log(`citations: writing ${formatCount(count)} memos of ${formatBytes(bytes)}`);
      const vocab = memoVocabulary(ctx.base, shipped);
      const memos = Array.from({ length: count }, (_, i) => syntheticMemo(vocab, i, bytes, ctx.seed));
      const size = `${formatCount(count)} memos × ${formatBytes(bytes)}`;

      // The memo index and the memos are let go before the corpus is loaded.
      await editRows(ctx, rows, memoRows(ctx, rows, shipped, matcher, memos, size), shipped, memos, size);
      memos.length = 0;
      collectGarbage();
      rows.push(...(await completionRows(ctx, shipped)));
      return rows;
    },
  };
}

/** Build (citations), memory, and the term scan; returns the index with every memo's terms scanned. */
function memoRows(ctx: SuiteContext, rows: Row[], shipped: Catalog, matcher: GlossaryMatcher, memos: readonly SyntheticMemo[], size: string): CitationIndex {
  const totalBytes = memos.reduce((n, m) => n + Buffer.byteLength(m.text, 'utf8'), 0);
  const lineCount = memos.reduce((n, m) => n + linesOf(m.text).lineCount, 0);
  const build = () => {
    const index = new CitationIndex(matcher);
    const perMemo: number[] = [];
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (const memo of memos) {
      const t = performance.now();
      index.setText(memo.key, memo.text);
      perMemo.push(performance.now() - t);
    }
    return { index, ms: performance.now() - t0, cpu: cpuMs(cpu0), perMemo };
  };

  // Warm-up (untimed, thrown away): the JIT compiles the scanners and the matcher builds what it builds lazily.
  const warm = new CitationIndex(matcher);
  for (const memo of memos.slice(0, 2)) {
    warm.setText(memo.key, memo.text);
    warm.scanTerms(memo.key, linesOf(memo.text));
  }

  ctx.log('citations: index build');
  collectGarbage();
  const first = retainedHeap(build);
  const index = first.value.index;
  const { inUrls } = checkCitations(index, memos);
  const more = sample(() => build().ms, { reps: ctx.smoke ? 1 : 4, warmup: ctx.smoke ? 0 : 1 });
  const ours = summarize([first.value.ms, ...more]);
  const perMemo = summarize(first.value.perMemo);

  ctx.log('citations: naive index build');
  collectGarbage();
  const naiveBuild = () => {
    const naive = new NaiveCitationIndex();
    const t0 = performance.now();
    for (const memo of memos) naive.setText(memo.key, memo.text);
    return { naive, ms: performance.now() - t0 };
  };
  const naiveFirst = retainedHeap(naiveBuild);
  const planted = memos.reduce((n, m) => n + sum(m.cited), 0);
  if (naiveFirst.value.naive.count !== planted + inUrls) throw new Error(`the naive index found ${naiveFirst.value.naive.count} citations, ours ${planted + inUrls}`);
  const naiveMore = sample(() => naiveBuild().ms, { reps: ctx.smoke ? 1 : 4, warmup: ctx.smoke ? 0 : 1 });
  const naive = summarize([naiveFirst.value.ms, ...naiveMore]);
  const naiveBytes = naiveFirst.bytes;
  naiveFirst.value.naive = new NaiveCitationIndex();
  const decoys = memos.reduce((n, m) => n + m.decoys, 0);
  const urlTokens = memos.reduce((n, m) => n + sum(m.inUrls), 0);
  const brokenCount = memos.reduce((n, m) => n + [...m.cited].filter(([uid]) => !shipped.provisions.has(uid)).reduce((k, [, c]) => k + c, 0), 0);
  rows.push({
    group: 'Citations',
    what: 'Build the memo citation index (citations of every memo)',
    size,
    unit: 'ms',
    ours,
    baseline: { label: 'naive-citations', value: naive },
    targets: [{ text: `≤ ${formatMs(TARGET.buildMs)} (median)`, met: ours.median <= TARGET.buildMs }],
    notes: [
      `${formatBytes(totalBytes)} of Markdown in ${formatCount(lineCount)} lines, English and Korean catalog text with ${formatCount(planted)} planted citations (${formatCount(brokenCount)} of uids the catalog lacks), ` +
        `${formatCount(decoys)} \`tda:\` that are none (\`xtda:\`, no provision, a space after the colon) and ${formatCount(urlTokens)} \`tda:<uid>\` inside URLs or e-mail addresses; all found as planted before timing. ` +
        (inUrls
          ? `The index counts the ${formatCount(inUrls)} inside URLs and e-mail addresses as citations (\`findCitations\` has no URL rule; completion does not open there). `
          : 'None inside URLs or e-mail addresses is counted. ') +
        `\`setText\` per memo: median ${formatMs(perMemo.median)}, longest ${formatMs(perMemo.max)}; CPU time of the process for the first build ${formatMs(first.value.cpu)} (clock ${formatMs(first.value.ms)}). Text in memory: reading the files is not timed`,
    ],
  });
  rows.push({
    group: 'Citations',
    what: 'Memo citation index memory (citations, heap + typed arrays)',
    size,
    unit: 'bytes',
    ours: first.bytes,
    baseline: { label: 'naive-citations', value: naiveBytes },
  });

  // Terms: the costly pass, over the same index.
  ctx.log('citations: term scan');
  collectGarbage();
  const perMemoTerms: number[] = [];
  const scanned = retainedHeap(() => {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (const memo of memos) {
      const t = performance.now();
      index.scanTerms(memo.key, linesOf(memo.text));
      perMemoTerms.push(performance.now() - t);
    }
    return { ms: performance.now() - t0, cpu: cpuMs(cpu0) };
  });
  const terms = summarize([scanned.value.ms]);
  const termStat = summarize(perMemoTerms);
  let occurrences = 0;
  for (const id of shipped.terms.keys()) occurrences += index.termOccurrences(id).length;
  if (occurrences < memos.length) throw new Error(`only ${occurrences} term occurrences in ${memos.length} memos`);
  // The naive scan, on as many memos as fit a budget, scaled to all of them.
  collectGarbage();
  const naiveTerms = new NaiveTermScan(shipped.terms.values());
  const naiveTimes = sample((i) => naiveTerms.scan(memos[i].key, memos[i].text), { warmup: 1, reps: memos.length, minReps: Math.min(memos.length, 5), budgetMs: ctx.smoke ? 50 : 2_000 });
  const naiveTotal = naiveTimes.reduce((a, b) => a + b, 0);
  const naiveTermStat: Stat = naiveTimes.length < memos.length ? scaleStat(summarize([naiveTotal]), memos.length / naiveTimes.length) : summarize([naiveTotal]);
  rows.push({
    group: 'Citations',
    what: 'Scan the glossary terms of every memo (after the citations are in)',
    size,
    unit: 'ms',
    ours: terms,
    baseline: { label: 'naive-terms', value: naiveTermStat },
    notes: [
      `Informational: the issue sets no budget for it. ${formatCount(occurrences)} occurrences of ${formatCount(shipped.terms.size)} terms; \`scanTerms\` per memo (with \`linesOf\`): median ${formatMs(termStat.median)}, p99 ${formatMs(termStat.p99)}, longest ${formatMs(termStat.max)}, each one step that cannot be sliced; CPU time of the process ${formatMs(scanned.value.cpu)}. ` +
        `MemoIndexService runs it as a second pass, file by file with pauses between them, once every memo's citations are in (\`memosWithoutTerms\`). One timed pass` +
        (naiveTimes.length < memos.length ? `; baseline timed on ${formatCount(naiveTimes.length)} memos and scaled up linearly` : ''),
    ],
  });
  rows.push({
    group: 'Citations',
    what: 'Memo citation index memory (with terms, heap + typed arrays)',
    size,
    unit: 'bytes',
    ours: first.bytes + scanned.bytes,
    notes: [`citations ${formatBytes(first.bytes)} + terms ${formatBytes(scanned.bytes)}`],
  });
  return index;
}

/** Every memo's citations as planted; returns how many of those inside URLs/e-mail addresses the index counts (all or none). */
function checkCitations(index: CitationIndex, memos: readonly SyntheticMemo[]): { inUrls: number } {
  const planted = new Map<string, number>();
  const urls = new Map<string, number>();
  for (const memo of memos) {
    for (const [uid, n] of memo.cited) planted.set(uid, (planted.get(uid) ?? 0) + n);
    for (const [uid, n] of memo.inUrls) urls.set(uid, (urls.get(uid) ?? 0) + n);
  }
  const found = (uid: string) => index.citationsOf([uid]).length;
  const urlTotal = sum(urls);
  // Either every `tda:` inside a URL or e-mail counts or none does: decided on the whole, then checked per uid.
  const total = [...new Set([...planted.keys(), ...urls.keys()])].reduce((n, uid) => n + found(uid), 0);
  const withUrls = total === sum(planted) + urlTotal && urlTotal > 0;
  for (const uid of new Set([...planted.keys(), ...urls.keys()])) {
    const expected = (planted.get(uid) ?? 0) + (withUrls ? (urls.get(uid) ?? 0) : 0);
    if (found(uid) !== expected) throw new Error(`the index found ${found(uid)} citations of ${uid}, ${expected} planted`);
  }
  const all = memos.reduce((n, m) => n + index.citationsIn(m.key).length, 0);
  if (all !== sum(planted) + (withUrls ? urlTotal : 0)) throw new Error(`the index holds ${all} citations, ${sum(planted)} planted`);
  for (const memo of memos.slice(0, 3)) {
    const lines = memo.text.split('\n');
    for (const c of index.citationsIn(memo.key)) {
      if (lines[c.line].slice(c.start, c.end) !== `tda:${c.uid}`) throw new Error(`citation ${c.uid} at ${memo.key}:${c.line}:${c.start} points at "${lines[c.line].slice(c.start, c.end)}"`);
    }
  }
  return { inUrls: withUrls ? urlTotal : 0 };
}

/** One timed call: when it started (performance.now()) and how long it took. */
interface Timed {
  start: number;
  ms: number;
}

function timed<T>(fn: () => T): Timed & { value: T } {
  const t0 = performance.now();
  const value = fn();
  return { value, start: t0, ms: performance.now() - t0 };
}

/** Garbage-collection pauses, clock and CPU time from now until `stop()` (the observer reports pauses after the synchronous work). */
function watchLoop(): { stop(): Promise<{ pauses: Timed[]; ms: number; cpu: number }> } {
  const pauses: Timed[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) pauses.push({ start: entry.startTime, ms: entry.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  return {
    async stop() {
      const ms = performance.now() - t0;
      const cpu = cpuMs(cpu0);
      await new Promise((resolve) => setTimeout(resolve, 20));
      observer.disconnect();
      return { pauses, ms, cpu };
    },
  };
}

/**
 * Where the slow calls' time went (the row's figures keep every call): which calls a garbage-collection pause
 * overlapped, and the process's CPU time for the whole loop against its clock time (far less CPU than clock: the
 * process was waiting for a CPU; more: V8's helper threads were collecting garbage beside it).
 */
function timingNote(calls: readonly Timed[], loop: { pauses: readonly Timed[]; ms: number; cpu: number }, over = 1): string {
  const { pauses } = loop;
  const hit = (c: Timed) => pauses.some((p) => p.start < c.start + c.ms && p.start + p.ms > c.start);
  const slow = calls.filter((c) => c.ms > over);
  const clean = calls.filter((c) => !hit(c)).map((c) => c.ms);
  return (
    `${slow.length} of ${calls.length} calls took over ${formatMs(over)}, ${slow.filter(hit).length} of them during a garbage-collection pause ` +
    `(${pauses.length} pauses in the loop, longest ${formatMs(Math.max(0, ...pauses.map((p) => p.ms)))}); the calls no pause overlapped: p99 ${clean.length ? formatMs(summarize(clean).p99) : '—'}. ` +
    `The loop: ${formatMs(loop.ms)} by the clock, ${formatMs(loop.cpu)} of CPU time of the process`
  );
}

/** CPU time (user + system, ms) the process used since `since`. */
function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

function sum(map: ReadonlyMap<string, number>): number {
  let n = 0;
  for (const v of map.values()) n += v;
  return n;
}

/** One memo, terms scanned, edited in its middle: a word typed into a line, 20 lines pasted, the paste deleted again. */
async function editRows(ctx: SuiteContext, rows: Row[], index: CitationIndex, shipped: Catalog, memos: readonly SyntheticMemo[], size: string): Promise<void> {
  const matcher = matcherForCatalog(shipped);
  const termIds = [...shipped.terms.keys()];
  ctx.log('citations: edits');
  const memo = memos[Math.floor(memos.length / 2)];
  const lines = memo.text.split('\n');
  const source: LineSource = { get lineCount() { return lines.length; }, lineAt: (line) => lines[line] ?? '' };
  const random = seededRandom(ctx.seed ^ 0xed17);
  const words = ['tda:kr-us-tpd/7', '반도체', 'quantum', 'Joint Fact Sheet', '공동 팩트시트를', 'the', 'AI', '그리고'];
  const middle = () => Math.floor(lines.length / 3) + random.int(Math.floor(lines.length / 3));
  const apply = (changes: LineChange[]): Timed => timed(() => index.applyChanges(memo.key, changes, source));
  const typeWord = () => {
    const line = middle();
    const old = lines[line];
    const at = Math.max(0, old.lastIndexOf(' ', random.int(old.length + 1)));
    lines[line] = `${old.slice(0, at)} ${random.pick(words)}${old.slice(at)}`;
    return apply([{ startLine: line, endLine: line, newLineCount: 1 }]);
  };
  // What is pasted: 20 lines of another memo, cut beforehand (no splitting of memos between timed edits).
  const warmup = ctx.smoke ? 2 : 20;
  const edits = ctx.smoke ? 10 : EDITS;
  const blocks = Array.from({ length: warmup + edits }, () => {
    const from = memos[random.int(memos.length)].text.split('\n');
    const start = random.int(Math.max(1, from.length - 20));
    return Array.from({ length: 20 }, (_, i) => from[start + i] ?? '');
  });
  const paste = (i: number) => {
    const line = middle();
    lines.splice(line, 0, ...blocks[i]);
    return { line, ...apply([{ startLine: line, endLine: line, newLineCount: 21 }]) };
  };
  const unpaste = (line: number) => {
    lines.splice(line, 20);
    return apply([{ startLine: line, endLine: line + 20, newLineCount: 1 }]);
  };
  const check = (when: string) => {
    const now = lines.join('\n');
    const fresh = new CitationIndex(matcher);
    fresh.setText(memo.key, now);
    fresh.scanTerms(memo.key, linesOf(now));
    try {
      deepStrictEqual(index.citationsIn(memo.key), fresh.citationsIn(memo.key));
      for (const id of termIds) {
        if (!index.memosUsingTerm(id).includes(memo.key) && !fresh.memosUsingTerm(id).length) continue;
        deepStrictEqual(
          index.termOccurrences(id).filter((o) => o.memo === memo.key),
          fresh.termOccurrences(id),
          `term ${id}`,
        );
      }
    } catch (err) {
      throw new Error(`after ${when}, the edited memo's index differs from a rescan of its text: ${(err as Error).message.slice(0, 400)}`);
    }
  };

  for (let i = 0; i < warmup; i++) {
    typeWord();
    const p = paste(edits + i);
    if (i === warmup - 1) check('a paste of 20 lines');
    unpaste(p.line);
  }
  check('the warm-up edits');
  const typed: Timed[] = [];
  const pasted: Timed[] = [];
  const deleted: Timed[] = [];
  collectGarbage();
  const gc = watchLoop();
  for (let i = 0; i < edits; i++) {
    typed.push(typeWord());
    const p = paste(i);
    pasted.push(p);
    deleted.push(unpaste(p.line));
  }
  const loop = await gc.stop();
  check(`${edits} rounds of edits`);

  // Baseline: the memo indexed again from its whole text.
  const now = lines.join('\n');
  collectGarbage();
  const rescan = summarize(
    sample(
      () => {
        index.setText(memo.key, now);
        index.scanTerms(memo.key, linesOf(now));
      },
      { warmup: ctx.smoke ? 1 : 5, reps: ctx.smoke ? 3 : 50 },
    ),
  );
  const memoSize = `one ${formatBytes(Buffer.byteLength(now, 'utf8'))} memo (${formatCount(lines.length)} lines) of ${size}, terms scanned`;
  const oneLine = summarize(typed.map((t) => t.ms));
  const paste20 = summarize(pasted.map((t) => t.ms));
  const del = summarize(deleted.map((t) => t.ms));
  rows.push(
    {
      group: 'Citations',
      what: 'Update one edited memo: a word typed into a line',
      size: memoSize,
      unit: 'ms',
      ours: oneLine,
      baseline: { label: 'full-rescan', value: rescan },
      targets: [{ text: `p99 ≤ ${TARGET.updateP99Ms} ms`, met: oneLine.p99 <= TARGET.updateP99Ms }],
      notes: [
        `${formatCount(edits)} edits in the middle third of the memo, each timed alone (\`applyChanges\`: citations and terms of the changed lines and their neighbours); the memo's occurrences checked against a rescan of its text (after a paste, after the warm-up edits, after the timed ones)`,
        timingNote(typed, loop),
      ],
    },
    {
      group: 'Citations',
      what: 'Update one edited memo: 20 lines pasted',
      size: memoSize,
      unit: 'ms',
      ours: paste20,
      baseline: { label: 'full-rescan', value: rescan },
      targets: [{ text: `p99 ≤ ${TARGET.updateP99Ms} ms`, met: paste20.p99 <= TARGET.updateP99Ms }],
      notes: [
        `each paste (20 lines of another memo) deleted again right after, also timed: median ${formatMs(del.median)}, p99 ${formatMs(del.p99)}`,
        timingNote(pasted, loop),
      ],
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Completion

async function completionRows(ctx: SuiteContext, shipped: Catalog): Promise<Row[]> {
  let catalog = shipped;
  let withCorpus = false;
  if (!ctx.smoke && corpusAvailable(ctx)) {
    ctx.log('citations: loading the ToTA corpus');
    const { files, read, trusted } = corpusInputs(ctx);
    const loaded = await loadCatalog(files, read, { trusted });
    if (loaded.problems.length) throw new Error(`the corpus loaded with ${loaded.problems.length} problems`);
    catalog = loaded.catalog;
    withCorpus = true;
  }
  ctx.log('citations: search index for completion');
  const index: SearchIndex = buildSearchIndex(catalog);
  const naive = new NaiveCompletion(catalog);
  const size = `${formatCount(catalog.agreements.size)} agreements, ${formatCount(catalog.provisions.size)} provisions${withCorpus ? ' (ToTA + shipped)' : ' (shipped only)'}`;

  const prose = ['As the MOU puts it (', 'See ', '한미 양해각서에 따르면 ', '- '];
  const queries: { line: string; lang: Lang }[] = [];
  COMPLETION_INPUTS.forEach((input, i) => {
    const lang: Lang = /[\u3131-\u318e\uac00-\ud7a3]/.test(input) ? 'ko' : 'en';
    // Keystrokes from `tda:` on: before it completion is not asked (the `t`, `td`, `tda` keystrokes).
    for (const state of typingStates(input)) if (state.startsWith('tda:')) queries.push({ line: prose[i % prose.length] + state, lang });
  });
  const complete = (q: { line: string; lang: Lang }): CitationCandidate[] => {
    const query = citationCompletionQuery(q.line);
    return query ? citationCandidates(catalog, index, query, { lang: q.lang, style: 'labelAndId', sourceWord: q.lang === 'ko' ? '출처:' : 'Source:' }) : [];
  };

  // Answers first.
  const first = (line: string) => complete({ line, lang: 'en' })[0]?.id;
  if (first('See tda:kr-us-tpd/2') !== 'kr-us-tpd/2') throw new Error(`tda:kr-us-tpd/2 completes to ${first('See tda:kr-us-tpd/2')} first`);
  const provisionsOf = complete({ line: 'tda:kr-us-tpd/', lang: 'en' });
  if (!provisionsOf.length || provisionsOf.some((c) => !c.id.startsWith('kr-us-tpd/'))) throw new Error('tda:kr-us-tpd/ lists other agreements’ provisions');
  if (!complete({ line: 'tda:k', lang: 'en' }).some((c) => c.id === 'kr-us-tpd')) throw new Error('tda:k does not offer kr-us-tpd');
  if (complete({ line: 'xtda:kr', lang: 'en' }).length) throw new Error('completion opens inside a word');
  if (withCorpus && !first('tda:tota-159/15')?.startsWith('tota-159/15')) throw new Error(`tda:tota-159/15 completes to ${first('tda:tota-159/15')} first`);
  const answered = queries.filter((q) => complete(q).length > 0).length;

  const reps = ctx.smoke ? 1 : 5;
  for (const q of queries) complete(q);
  collectGarbage();
  const gc = watchLoop();
  const calls: Timed[] = [];
  for (let i = 0; i < queries.length * reps; i++) {
    const call = timed(() => complete(queries[i % queries.length]));
    keep(call.value);
    calls.push(call);
  }
  const loop = await gc.stop();
  const samples = calls.map((c) => c.ms);
  const ours = summarize(samples);
  const slowest = queries
    .map((q, i) => ({ q, ms: Math.max(...samples.filter((_, j) => j % queries.length === i)) }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 4);
  collectGarbage();
  const baseline = summarize(sample((i) => naive.complete(queries[i % queries.length].line), { warmup: Math.min(10, queries.length), reps: queries.length * (ctx.smoke ? 1 : 2) }));
  const label = (line: string) => line.slice(line.indexOf('tda:'));
  return [
    {
      group: 'Citations',
      what: 'Citation completion (per keystroke, up to 50 candidates)',
      size,
      unit: 'ms',
      ours,
      baseline: { label: 'naive-completion', value: baseline },
      targets: withCorpus
        ? [{ text: `p99 ≤ ${TARGET.completionP99Ms} ms with the ToTA corpus`, met: ours.p99 <= TARGET.completionP99Ms }]
        : undefined,
      notes: [
        `${formatCount(queries.length)} keystrokes typing ${COMPLETION_INPUTS.map((s) => `\`${s}\``).join(', ')} one character at a time from \`tda:\` on (Hangul through the IME's composing states: ㅎ, 하, 한), after some prose, each run ${reps}×; ` +
          `\`citationCompletionQuery\` + \`citationCandidates\` (labels, documentation, citation text) on a search index built beforehand. ${answered} of them offer candidates. ` +
          `Slowest: ${slowest.map((x) => `\`${label(x.q.line)}\` ${formatMs(x.ms)}`).join(', ')}` +
          (withCorpus ? '' : `. Without the ToTA corpus${ctx.smoke ? ' (smoke run)' : ' (../shared/corpora is absent)'}: no target`),
        timingNote(calls, loop, 10),
      ],
    },
  ];
}

