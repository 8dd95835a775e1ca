// Loads, validates and merges catalog files. Never throws on bad data: every problem becomes a value with
// file, JSON pointer, line and column, and the caller always gets the best catalog that can be built.
import { editDistance } from '../text/editDistance';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { LineIndex } from '../text/lineIndex';
import { isCalendarDate } from './dates';
import { MAX_NESTING, tooDeepAt } from './jsonLimits';
import { runInSlices, runToEnd, TimeSlices } from '../timeSlices';
import {
  provisionUid,
  sourceTier,
  type Agreement,
  type AgreementData,
  type Catalog,
  type CatalogFile,
  type CatalogProblem,
  type ComparisonNoteData,
  type DisagreementData,
  type DisagreementSubject,
  type EventData,
  type FieldProvenance,
  type PartyData,
  type Provenance,
  type Provision,
  type SectorData,
  type SourceData,
  type TermData,
} from './model';

/** Reads one file. Node (`fs`), `vscode.workspace.fs` and the browser (`fetch`) each supply their own. */
export type ReadFile = (file: string) => Promise<Uint8Array | string>;

export interface LoadOptions {
  /** Files larger than this are refused (default 16 MiB: an imported treaty of 500 articles is 1–3 MB). */
  maxFileBytes?: number;
  /** Most problems reported per file; the rest are summarised in one line. */
  maxProblemsPerFile?: number;
  /** Last good version of each file, from an earlier load: used while a file is broken. */
  previous?: ReadonlyMap<string, ParsedFile>;
  /**
   * Files checked ahead of time — the shipped dataset, which the unit tests load through the full checks and require
   * to be free of problems. They are parsed with the native `JSON.parse` and not validated again; their position tree
   * is built only if a problem elsewhere needs to point into them. Anything `JSON.parse` refuses takes the full path.
   */
  trusted?: (file: string) => boolean;
  /** Test hook: called with each file's text before it is parsed; a throw from it stands for a loader bug. */
  faultHook?: (file: string, text: string) => void;
  /** Time slices that `readAndCheckFiles` pauses in between checks (see core/timeSlices.ts). */
  slices?: TimeSlices;
}

/** A file that parsed and validated without errors, with what is needed to point at its contents later. */
export interface ParsedFile {
  readonly file: string;
  /** The file's text (decoded again from its bytes when those are what is kept; see `lazilyPositioned`). */
  readonly text: string;
  /** Syntax tree with offsets: built only when a problem needs a position in the file. */
  readonly root: Node;
  /** Line starts: built only when a problem needs a position in the file. */
  readonly lines: LineIndex;
  readonly data: CatalogFile;
}

const PARSE_OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false } as const;

/**
 * A checked file: its tree and line index are built only if a problem needs a position in it. A tree with offsets
 * costs several times the text's size, so none is kept for the many files that never need one. Nor is a large file's
 * text, which as a JavaScript string takes up to twice its UTF-8 size on the heap (two bytes a character once one
 * character is outside Latin-1): its bytes are kept instead and decoded again on the rare call for a position.
 */
function lazilyPositioned(file: string, text: string, data: CatalogFile, bytes: Uint8Array | undefined): ParsedFile {
  let root: Node | undefined;
  let lines: LineIndex | undefined;
  const keptBytes = bytes && text.length > TREE_PARSE_MAX_BYTES ? bytes : undefined;
  const keptText = keptBytes ? undefined : text;
  const source = () => {
    if (keptText !== undefined) return keptText;
    const decoded = new TextDecoder('utf-8', { ignoreBOM: true }).decode(keptBytes);
    return decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded; // as parseFile: positions skip a BOM
  };
  return {
    file,
    data,
    get text() {
      return source();
    },
    get root() {
      return (root ??= parseTree(source(), [], PARSE_OPTIONS)!);
    },
    get lines() {
      return (lines ??= new LineIndex(source()));
    },
  };
}

export interface LoadResult {
  readonly catalog: Catalog;
  readonly problems: readonly CatalogProblem[];
  /** Files that loaded without errors (or their last good version): pass back as `previous` next time. */
  readonly goodFiles: ReadonlyMap<string, ParsedFile>;
}

export const DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024;
/**
 * Files up to this size — what a person writes by hand — are read by the tree parser, which also warns about
 * duplicate keys (a hand-editing slip). Larger ones, such as imported treaties, are read by the native `JSON.parse`
 * when they are plain JSON and valid: a tree with offsets costs several times the parse, and 450 treaties would pay
 * it on every load. Such a file's duplicate key is not reported (the last one counts, as in the tree path).
 */
const TREE_PARSE_MAX_BYTES = 64 * 1024;
const MAX_SCHEMA_ERRORS = 500;
const DEFAULT_MAX_PROBLEMS_PER_FILE = 100;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const SECTIONS = ['parties', 'sectors', 'sources', 'agreements', 'terms', 'comparisons', 'disagreements'] as const;
type Section = (typeof SECTIONS)[number];

export interface FileInput {
  file: string;
  content: Uint8Array | string;
}

/** Reads every file through `read` (a read failure is a problem, not an exception), then builds the catalog. */
export async function loadCatalog(files: readonly string[], read: ReadFile, options: LoadOptions = {}): Promise<LoadResult> {
  const slices = options.slices ?? new TimeSlices();
  const results = await readAndCheckFiles(files, read, { ...options, slices });
  return mergeFilesAsync(results, { ...options, slices });
}

/** Files read at once: reading overlaps with checking, without holding every file's bytes in memory at once. */
const READ_AHEAD = 32;

/**
 * Reads files (several at a time) and checks them one after another, in order, with a pause between checks once a
 * time slice is used up (`options.slices`, a fresh one by default): loading hundreds of files never holds the thread
 * for long. Checks are not run concurrently on purpose: many promises waiting for the same turn of the event loop
 * would all resume in that one turn.
 */
export async function readAndCheckFiles(files: readonly string[], read: ReadFile, options: LoadOptions = {}): Promise<FileResult[]> {
  const slices = options.slices ?? new TimeSlices();
  const reading = (file: string) =>
    Promise.resolve()
      .then(() => read(file))
      .then(
        (content): FileInput => ({ file, content }),
        (err: unknown) => failedFile(file, 'read-failed', `Could not read the file: ${errorText(err)}`),
      );
  const pending = files.slice(0, READ_AHEAD).map(reading);
  const results: FileResult[] = [];
  for (let i = 0; i < files.length; i++) {
    const next = await pending[i];
    if (i + READ_AHEAD < files.length) pending.push(reading(files[i + READ_AHEAD]));
    await slices.pause();
    results.push('content' in next ? slices.measure(() => checkFile(next, options)) : next);
  }
  return results;
}

/** Synchronous core of `loadCatalog`: parse, validate and merge already-read files, in order. */
export function buildCatalog(inputs: readonly FileInput[], options: LoadOptions = {}): LoadResult {
  return mergeFiles(inputs.map((input) => checkFile(input, options)), options);
}

/**
 * What one file contributes before the merge: its problems (syntax, limits, schema) and, when usable, its parsed
 * content. A file's result depends on its text alone, so an unchanged file's result can be reused on the next load
 * and only the files that changed are parsed again (`mergeFiles` does the cross-file checks every time).
 */
export interface FileResult {
  readonly file: string;
  readonly problems: readonly CatalogProblem[];
  /** Undefined when nothing in the file is usable. */
  readonly parsed?: ParsedFile;
  readonly hasErrors: boolean;
  /** Top-level entities (`section/index`) its errors make unusable. */
  readonly invalidEntities: ReadonlySet<string>;
}

/**
 * Parses and checks one file. Never throws: whatever goes wrong inside — a bug, a library failure, a stack or memory
 * limit — becomes a problem on this file, and the other files and the shipped data load as usual.
 */
export function checkFile(input: FileInput, options: LoadOptions = {}): FileResult {
  try {
    const problems: CatalogProblem[] = [];
    const parsed = parseFile(input, options, problems);
    const hasErrors = problems.some((p) => p.severity === 'error');
    const invalid = invalidEntities(problems);
    return {
      file: input.file,
      problems: capProblems(input.file, problems, options.maxProblemsPerFile ?? DEFAULT_MAX_PROBLEMS_PER_FILE),
      parsed: invalid.wholeFile ? undefined : parsed,
      hasErrors,
      invalidEntities: invalid.entities,
    };
  } catch (err) {
    return failedFile(input.file, 'internal-error', `Tech Deal Atlas could not load this file (internal error: ${errorText(err)}). The rest of the atlas is not affected.`);
  }
}

/**
 * Merges checked files, in order, into one catalog with cross-reference checks. A file with errors is replaced by its
 * last good version (`options.previous`) when there is one.
 */
export function mergeFiles(results: readonly FileResult[], options: Pick<LoadOptions, 'previous'> = {}): LoadResult {
  return runToEnd(mergeSteps(results, options));
}

/** `mergeFiles` in time slices (`options.slices`): a step per file and per agreement, so 450 treaties never block. */
export function mergeFilesAsync(results: readonly FileResult[], options: Pick<LoadOptions, 'previous' | 'slices'> = {}): Promise<LoadResult> {
  return runInSlices(mergeSteps(results, options), options.slices);
}

function* mergeSteps(results: readonly FileResult[], options: Pick<LoadOptions, 'previous'>): Generator<void, LoadResult> {
  const problems: CatalogProblem[] = [];
  const goodFiles = new Map<string, ParsedFile>();
  const accepted: Accepted[] = [];
  for (const result of results) {
    problems.push(...result.problems);
    const previous = options.previous?.get(result.file);
    if (result.hasErrors && previous) {
      problems.push(fileProblem(result.file, 'stale', 'This file has errors: the last valid version of it stays in use until they are fixed.', 'warning'));
      accepted.push({ parsed: previous, valid: () => true });
      goodFiles.set(result.file, previous);
    } else if (result.parsed) {
      const invalid = result.invalidEntities;
      accepted.push({ parsed: result.parsed, valid: (s, i) => !invalid.has(`${s}/${i}`) });
      if (!result.hasErrors) goodFiles.set(result.file, result.parsed);
    }
  }
  const catalog = yield* mergeAndLink(accepted, problems);
  return { catalog, problems, goodFiles };
}

function failedFile(file: string, code: string, message: string): FileResult {
  return { file, problems: [fileProblem(file, code, message)], hasErrors: true, invalidEntities: new Set() };
}

function errorText(err: unknown): string {
  return err instanceof Error ? `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}` : String(err);
}

// ---------------------------------------------------------------------------------------------
// Parsing

function parseFile(input: FileInput, options: LoadOptions, problems: CatalogProblem[]): ParsedFile | undefined {
  const { file } = input;
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const size = typeof input.content === 'string' ? input.content.length : input.content.byteLength;
  if (size > maxBytes) {
    problems.push(fileProblem(file, 'too-large', `File is too large to load (${formatBytes(size)}; the limit is ${formatBytes(maxBytes)}).`));
    return undefined;
  }
  let text: string;
  const bytes = typeof input.content === 'string' ? undefined : input.content;
  if (typeof input.content === 'string') {
    text = input.content;
  } else {
    if (input.content.includes(0)) {
      problems.push(fileProblem(file, 'binary', 'File looks binary (it contains NUL bytes); a catalog file must be UTF-8 JSON text.'));
      return undefined;
    }
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(input.content);
    } catch {
      problems.push(fileProblem(file, 'encoding', 'File is not valid UTF-8 text.'));
      return undefined;
    }
  }
  // A UTF-8 byte order mark is legal in files saved by some editors; editors hide it, so positions skip it too.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') {
    problems.push(fileProblem(file, 'empty', 'File is empty: expected a JSON object such as { "agreements": [] }.'));
    return undefined;
  }
  options.faultHook?.(file, text);
  const trusted = options.trusted?.(file) ?? false;
  if (trusted || text.length > TREE_PARSE_MAX_BYTES) {
    // Plain JSON: the native parser is many times faster than building a tree with offsets, and it does not recurse
    // (a file nested thousands of levels deep parses). Whatever this path cannot vouch for — a syntax error, JSONC,
    // nesting, a forbidden key, a schema error — goes down the full path below, which says where and why.
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
    if (data && typeof data === 'object' && !Array.isArray(data) && (trusted || (plainShape(data) && schemaValidator()(data)))) {
      return lazilyPositioned(file, text, data as CatalogFile, bytes);
    }
  }
  // Before anything that recurses per level (the tree parser, the tree walk, the schema check).
  const deep = tooDeepAt(text);
  if (deep >= 0) {
    problems.push(
      problemAt(file, new LineIndex(text), '', deep, 1, 'too-deep', `Nested too deeply: more than ${MAX_NESTING} levels of brackets here. A catalog file needs about eight; the file is not loaded.`),
    );
    return undefined;
  }
  const lines = new LineIndex(text);
  const syntaxErrors: ParseError[] = [];
  const root = parseTree(text, syntaxErrors, PARSE_OPTIONS);
  if (syntaxErrors.length || !root) {
    for (const e of syntaxErrors) {
      problems.push(problemAt(file, lines, '', e.offset, e.length, 'json-syntax', `JSON syntax error: ${describeSyntaxError(printParseErrorCode(e.error))}.`));
    }
    return undefined;
  }
  const data = toValue(root, '', file, lines, problems);
  validateSchema(data, root, file, lines, problems);
  return lazilyPositioned(file, text, data as CatalogFile, bytes);
}

/**
 * Whether a parsed value is safe for the schema check as it is: nested at most MAX_NESTING levels (the validator
 * recurses) and free of keys that could reach an object's prototype. Iterative: the value may be arbitrarily deep.
 */
function plainShape(value: unknown): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 1 }];
  while (stack.length) {
    const { value: v, depth } = stack.pop()!;
    if (depth > MAX_NESTING) return false;
    if (Array.isArray(v)) {
      for (const item of v) if (item && typeof item === 'object') stack.push({ value: item, depth: depth + 1 });
    } else if (v && typeof v === 'object') {
      for (const key in v) {
        if (FORBIDDEN_KEYS.has(key)) return false;
        const child = (v as Record<string, unknown>)[key];
        if (child && typeof child === 'object') stack.push({ value: child, depth: depth + 1 });
      }
    }
  }
  return true;
}

function describeSyntaxError(code: string): string {
  const words: Record<string, string> = {
    InvalidSymbol: 'unexpected character',
    InvalidNumberFormat: 'invalid number',
    PropertyNameExpected: 'property name expected',
    ValueExpected: 'value expected',
    ColonExpected: 'colon expected',
    CommaExpected: 'comma expected',
    CloseBraceExpected: 'closing brace "}" expected',
    CloseBracketExpected: 'closing bracket "]" expected',
    EndOfFileExpected: 'end of file expected',
    InvalidCommentToken: 'invalid comment',
    UnexpectedEndOfComment: 'unterminated comment',
    UnexpectedEndOfString: 'unterminated string',
    UnexpectedEndOfNumber: 'unterminated number',
    InvalidUnicode: 'invalid unicode escape',
    InvalidEscapeCharacter: 'invalid escape character',
    InvalidCharacter: 'invalid character in string',
  };
  return words[code] ?? code;
}

/** Builds the plain value of a parse tree. Keys that could reach an object's prototype are refused, not copied. */
function toValue(node: Node, pointer: string, file: string, lines: LineIndex, problems: CatalogProblem[]): unknown {
  switch (node.type) {
    case 'object': {
      const result: Record<string, unknown> = {};
      const seen = new Set<string>();
      for (const property of node.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        if (!keyNode || !valueNode) continue;
        const key = String(keyNode.value);
        const childPointer = `${pointer}/${escapePointer(key)}`;
        if (FORBIDDEN_KEYS.has(key)) {
          problems.push(problemAt(file, lines, childPointer, keyNode.offset, keyNode.length, 'forbidden-key', `Property name "${key}" is not allowed.`));
          continue;
        }
        if (seen.has(key)) {
          problems.push(problemAt(file, lines, childPointer, keyNode.offset, keyNode.length, 'duplicate-key', `Duplicate property "${key}": only the last one counts.`, 'warning'));
        }
        seen.add(key);
        result[key] = toValue(valueNode, childPointer, file, lines, problems);
      }
      return result;
    }
    case 'array':
      return (node.children ?? []).map((child, i) => toValue(child, `${pointer}/${i}`, file, lines, problems));
    default:
      return node.value;
  }
}

// ---------------------------------------------------------------------------------------------
// Schema validation

let compiledSchema: ValidateFunction | undefined;
function schemaValidator(): ValidateFunction {
  // Compiled ahead of time (generated/catalogValidator.js) and required on first use, off the activation path.
  compiledSchema ??= (require('./generated/catalogValidator') as typeof import('./generated/catalogValidator')).default;
  return compiledSchema;
}

function validateSchema(data: unknown, root: Node, file: string, lines: LineIndex, problems: CatalogProblem[]): void {
  const validate = schemaValidator();
  if (validate(data)) return;
  const seen = new Set<string>();
  // A generated file can break the schema at every one of a million values: a few hundred say all there is to say.
  for (const error of (validate.errors ?? []).slice(0, MAX_SCHEMA_ERRORS)) {
    const { pointer, node } = locateError(root, error);
    const message = describeSchemaError(error);
    const key = `${pointer}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problemAt(file, lines, pointer, node.offset, node.length, 'schema', message));
  }
}

function locateError(root: Node, error: ErrorObject): { pointer: string; node: Node } {
  const segments = error.instancePath === '' ? [] : error.instancePath.slice(1).split('/').map(unescapePointer);
  let node = nodeAt(root, segments) ?? root;
  let pointer = error.instancePath;
  if (error.keyword === 'additionalProperties') {
    // Point at the offending key itself, not at the whole object around it.
    const name = (error.params as { additionalProperty: string }).additionalProperty;
    const property = node.children?.find((p) => p.children?.[0]?.value === name);
    if (property?.children?.[0]) node = property.children[0];
    pointer = `${pointer}/${escapePointer(name)}`;
  }
  return { pointer, node };
}

function nodeAt(root: Node, segments: string[]): Node | undefined {
  let node: Node | undefined = root;
  for (const segment of segments) {
    if (!node) return undefined;
    if (node.type === 'object') {
      // The last property with a name wins, as in the parsed value.
      const property: Node | undefined = [...(node.children ?? [])].reverse().find((p) => p.children?.[0]?.value === segment);
      node = property?.children?.[1];
    } else if (node.type === 'array') {
      node = node.children?.[Number(segment)];
    } else {
      return undefined;
    }
  }
  return node;
}

function describeSchemaError(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const parent = (error.parentSchema ?? {}) as { description?: string; properties?: Record<string, unknown> };
  switch (error.keyword) {
    case 'required':
      return `Missing required property "${String(params.missingProperty)}".`;
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const allowed = Object.keys(parent.properties ?? {});
      const suggestion = closest(name, allowed);
      return `Unknown property "${name}".${suggestion ? ` Did you mean "${suggestion}"?` : allowed.length ? ` Allowed: ${allowed.join(', ')}.` : ''}`;
    }
    case 'type':
      return `Expected ${String(params.type).replace(',', ' or ')} but found ${jsonType(error.data)}.`;
    case 'enum':
      return `Expected one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')} but found ${preview(error.data)}.`;
    case 'pattern':
      return `${preview(error.data)} is not in the expected format${parent.description ? `: ${parent.description}` : ` (${String(params.pattern)})`}`;
    case 'minLength':
      return Number(params.limit) === 1 ? 'Must not be empty.' : `Must be at least ${String(params.limit)} characters long.`;
    case 'maxLength':
      return `Text is too long (at most ${String(params.limit)} characters).`;
    case 'minItems':
      return `Must list at least ${String(params.limit)} item${Number(params.limit) === 1 ? '' : 's'}.`;
    case 'uniqueItems':
      return `Duplicate entries at positions ${Number(params.j) + 1} and ${Number(params.i) + 1}.`;
    case 'minProperties':
      return 'Must not be empty: name at least a paragraph, sentence, item or footnote.';
    case 'minimum':
      return `Must be ${String(params.limit)} or more.`;
    default:
      return `${error.message ?? 'Invalid value'}.`;
  }
}

// ---------------------------------------------------------------------------------------------
// Merge and cross-reference

interface Accepted {
  parsed: ParsedFile;
  valid: (section: Section, index: number) => boolean;
}

function* mergeAndLink(accepted: Accepted[], problems: CatalogProblem[]): Generator<void, Catalog> {
  const parties = new Map<string, PartyData>();
  const sectors = new Map<string, SectorData>();
  const sources = new Map<string, SourceData>();
  const agreementData = new Map<string, { data: AgreementData; at: Located }>();
  const terms = new Map<string, { data: TermData; at: Located }>();
  const comparisons: { data: ComparisonNoteData; at: Located }[] = [];
  const disagreements: { data: DisagreementData; at: Located }[] = [];
  const origins = new Map<string, string>();
  const firstSeen = new Map<string, Located>();

  // Pass 1: collect entities, first definition of an id wins.
  for (const file of accepted) {
    yield;
    for (const section of SECTIONS) {
      const items = (file.parsed.data[section] ?? []) as { id: string }[];
      items.forEach((item, index) => {
        if (!file.valid(section, index)) return;
        const at: Located = { file, pointer: `/${section}/${index}` };
        const key = `${section}:${item.id}`;
        const earlier = firstSeen.get(key);
        if (earlier) {
          const where = positionOf(earlier, '/id');
          report(problems, at, '/id', 'duplicate-id', `Duplicate ${singular(section)} id "${item.id}": already defined at ${where.file}:${where.line}:${where.column}.`);
          return;
        }
        firstSeen.set(key, at);
        origins.set(key, file.parsed.file);
        switch (section) {
          case 'parties': parties.set(item.id, item as unknown as PartyData); break;
          case 'sectors': sectors.set(item.id, item as unknown as SectorData); break;
          case 'sources': sources.set(item.id, item as unknown as SourceData); break;
          case 'agreements': agreementData.set(item.id, { data: item as unknown as AgreementData, at }); break;
          case 'terms': terms.set(item.id, { data: item as unknown as TermData, at }); break;
          case 'comparisons': comparisons.push({ data: item as unknown as ComparisonNoteData, at }); break;
          case 'disagreements': disagreements.push({ data: item as unknown as DisagreementData, at }); break;
        }
      });
    }
  }

  // Pass 2: resolve references. Dangling ones are reported and dropped so features can trust every id.
  // The common case, every reference known, returns the list as parsed: no copy (the catalog is read-only).
  const refs = (at: Located, pointer: string, ids: readonly string[] | undefined, known: ReadonlyMap<string, unknown>, what: string): string[] => {
    if (!ids) return [];
    if (ids.every((id) => known.has(id))) return ids as string[];
    return ids.filter((id, i) => {
      if (known.has(id)) return true;
      const suggestion = closest(id, [...known.keys()]);
      report(problems, at, `${pointer}/${i}`, 'unknown-ref', `Unknown ${what} "${id}".${suggestion ? ` Did you mean "${suggestion}"?` : ''}`);
      return false;
    });
  };
  const knownSources = (at: Located, pointer: string, list: readonly Provenance[] | undefined): Provenance[] => {
    if (!list) return [];
    if (list.every((p) => sources.has(p.source))) return list as Provenance[];
    return list.filter((p, i) => refs(at, `${pointer}/${i}/source`, [p.source], sources, 'source').length === 1);
  };
  // What a fact rests on: never a source marked to avoid, never third-party summaries alone (they only corroborate).
  const provenance = (at: Located, pointer: string, list: readonly Provenance[] | undefined, options: { rejectedClaim?: boolean } = {}): Provenance[] => {
    const known = knownSources(at, pointer, list);
    if (!options.rejectedClaim) {
      list?.forEach((p, i) => {
        if (sources.get(p.source)?.avoid) report(problems, at, `${pointer}/${i}/source`, 'avoided-source', `Source "${p.source}" is marked to avoid: only a rejected claim of a disagreement may cite it.`);
      });
    }
    if (known.length > 0 && known.every((p) => sourceTier(sources.get(p.source)!) === 'third-party-summary')) {
      report(problems, at, pointer, 'summary-only', 'Rests on third-party summaries alone: they only corroborate. Cite an official, press or news source too.', 'warning');
    }
    return known;
  };
  const checkDate = (at: Located, pointer: string, date: string | undefined): string | undefined => {
    if (date === undefined || isCalendarDate(date)) return date;
    report(problems, at, pointer, 'invalid-date', `"${date}" is not a real calendar date.`);
    return undefined;
  };

  // Agreements may name a party by its id or its alpha-3 code (a corpus's `KOR` is the shipped `KR`).
  const partyIds = new Map<string, string>();
  for (const party of parties.values()) partyIds.set(party.id, party.id);
  for (const party of parties.values()) if (party.alpha3 && !partyIds.has(party.alpha3)) partyIds.set(party.alpha3, party.id);
  const partyRefs = (at: Located, pointer: string, ids: readonly string[] | undefined, kind?: 'bloc'): string[] => {
    if (!ids) return [];
    const resolved = refs(at, pointer, ids, partyIds, 'party').map((id) => partyIds.get(id)!);
    if (kind === 'bloc') {
      return resolved.filter((id, i) => {
        if (parties.get(id)?.kind === 'bloc') return true;
        report(problems, at, `${pointer}/${i}`, 'not-a-bloc', `"${id}" is not a bloc: list it under parties instead.`);
        return false;
      });
    }
    return resolved.every((id, i) => id === ids[i]) ? (ids as string[]) : [...new Set(resolved)];
  };

  const agreements = new Map<string, Agreement>();
  const provisions = new Map<string, Provision>();
  const formerProvisions = new Map<string, Provision>();
  for (const { data, at } of agreementData.values()) {
    yield;
    const chapterIds = new Set(data.chapters?.map((c) => c.id));
    const seenProvisions = new Set<string>();
    const linked: Provision[] = [];
    data.provisions.forEach((p, i) => {
      const pointer = `/provisions/${i}`;
      if (seenProvisions.has(p.id)) {
        report(problems, at, `${pointer}/id`, 'duplicate-id', `Duplicate provision id "${p.id}" in agreement "${data.id}".`);
        return;
      }
      seenProvisions.add(p.id);
      if (p.chapter !== undefined && !chapterIds.has(p.chapter)) {
        report(problems, at, `${pointer}/chapter`, 'unknown-ref', `Unknown chapter "${p.chapter}": the agreement's chapters list has no such id.`);
      }
      const provision: Provision = {
        ...p,
        uid: provisionUid(data.id, p.id),
        agreementId: data.id,
        sectors: refs(at, `${pointer}/sectors`, p.sectors, sectors, 'sector'),
        provenance: provenance(at, `${pointer}/provenance`, p.provenance),
        officialLocation: p.officialLocation && {
          ...p.officialLocation,
          provenance: provenance(at, `${pointer}/officialLocation/provenance`, p.officialLocation.provenance),
        },
      };
      linked.push(provision);
      provisions.set(provision.uid, provision);
    });
    // Former ids are checked once every current id is known: a former id must not name a provision that exists.
    const current = new Set(linked.map((p) => p.id));
    const former = new Set<string>();
    data.provisions.forEach((p, i) => {
      const provision = provisions.get(provisionUid(data.id, p.id));
      (p.formerIds ?? []).forEach((id, k) => {
        const pointer = `/provisions/${i}/formerIds/${k}`;
        if (current.has(id)) {
          report(problems, at, pointer, 'duplicate-id', `Former id "${id}" is the id of a provision of agreement "${data.id}": a citation of it would be ambiguous.`);
        } else if (former.has(id)) {
          report(problems, at, pointer, 'duplicate-id', `Former id "${id}" is given to two provisions of agreement "${data.id}".`);
        } else if (provision) {
          former.add(id);
          formerProvisions.set(provisionUid(data.id, id), provision);
        }
      });
    });
    const { provisions: _omit, ...rest } = data;
    agreements.set(data.id, {
      ...rest,
      date: checkDate(at, '/date', data.date),
      status: data.status && {
        ...data.status,
        inForce: checkDate(at, '/status/inForce', data.status.inForce),
        inactive: checkDate(at, '/status/inactive', data.status.inactive),
        notified: checkDate(at, '/status/notified', data.status.notified),
        implementationEnds: checkDate(at, '/status/implementationEnds', data.status.implementationEnds),
        provenance: data.status.provenance && provenance(at, '/status/provenance', data.status.provenance),
      },
      parties: partyRefs(at, '/parties', data.parties),
      originalParties: data.originalParties && partyRefs(at, '/originalParties', data.originalParties),
      blocs: data.blocs && partyRefs(at, '/blocs', data.blocs, 'bloc'),
      sources: refs(at, '/sources', data.sources, sources, 'source'),
      provenance: data.provenance && provenance(at, '/provenance', data.provenance),
      fieldProvenance: data.fieldProvenance && linkFieldProvenance(data.fieldProvenance, (field, list) => provenance(at, `/fieldProvenance/${field}`, list)),
      legalNature: { ...data.legalNature, provenance: provenance(at, '/legalNature/provenance', data.legalNature.provenance) },
      title: data.title.alternates
        ? { ...data.title, alternates: data.title.alternates.map((a, i) => ({ ...a, provenance: provenance(at, `/title/alternates/${i}/provenance`, a.provenance) })) }
        : data.title,
      signatories: data.signatories?.map((s, i) => ({
        ...s,
        party: partyRefs(at, `/signatories/${i}/party`, [s.party])[0] ?? s.party,
        provenance: provenance(at, `/signatories/${i}/provenance`, s.provenance),
      })),
      events: data.events && linkEvents(data.events, at),
      provisions: linked,
    });
  }

  const linkedTerms = new Map<string, TermData>();
  for (const { data, at } of terms.values()) {
    linkedTerms.set(data.id, {
      ...data,
      related: data.related && {
        agreements: refs(at, '/related/agreements', data.related.agreements, agreements, 'agreement'),
        sectors: refs(at, '/related/sectors', data.related.sectors, sectors, 'sector'),
        terms: refs(at, '/related/terms', data.related.terms, terms, 'term'),
      },
      provenance: provenance(at, '/provenance', data.provenance),
    });
  }
  reportAmbiguousTermForms(terms, problems);

  const linkedComparisons: ComparisonNoteData[] = [];
  for (const { data, at } of comparisons) {
    if (refs(at, '/subject', [data.subject], agreements, 'agreement').length === 0) continue;
    linkedComparisons.push({
      ...data,
      against: refs(at, '/against', data.against, agreements, 'agreement'),
      sectors: data.sectors && refs(at, '/sectors', data.sectors, sectors, 'sector'),
      provenance: provenance(at, '/provenance', data.provenance),
    });
  }

  const linkedDisagreements: DisagreementData[] = [];
  for (const { data, at } of disagreements) {
    const about = data.about.filter((subject, i) => subjectExists(subject, at, `/about/${i}`));
    const claims = data.claims.map((claim, i) => ({
      ...claim,
      provenance: provenance(at, `/claims/${i}/provenance`, claim.provenance, { rejectedClaim: claim.standing === 'rejected' }),
    }));
    const distinct = new Set(claims.map((c) => c.provenance.map((p) => p.source).sort().join(' ')));
    if (distinct.size < 2) {
      report(problems, at, '/claims', 'one-sided-disagreement', 'A disagreement needs claims resting on different sources: these all cite the same ones.');
    }
    if (about.length === 0) continue;
    linkedDisagreements.push({ ...data, about, claims });
  }

  for (const source of sources.values()) {
    const at = firstSeen.get(`sources:${source.id}`);
    if (at && source.date !== undefined && !isCalendarDate(source.date)) {
      report(problems, at, '/date', 'invalid-date', `"${source.date}" is not a real calendar date.`);
    }
  }

  return { parties, sectors, sources, agreements, provisions, formerProvisions, terms: linkedTerms, comparisons: linkedComparisons, disagreements: linkedDisagreements, origins };

  function linkEvents(events: readonly EventData[], at: Located): EventData[] {
    const seen = new Set<string>();
    return events.flatMap((event, i) => {
      const pointer = `/events/${i}`;
      if (seen.has(event.id)) {
        report(problems, at, `${pointer}/id`, 'duplicate-id', `Duplicate event id "${event.id}".`);
        return [];
      }
      seen.add(event.id);
      if (event.date.length === 10 && !isCalendarDate(event.date)) {
        report(problems, at, `${pointer}/date`, 'invalid-date', `"${event.date}" is not a real calendar date.`);
        return [];
      }
      return [{ ...event, provenance: provenance(at, `${pointer}/provenance`, event.provenance) }];
    });
  }

  /** Whether a disagreement's subject names things that exist; reports the first that does not. */
  function subjectExists(subject: DisagreementSubject, at: Located, pointer: string): boolean {
    const targets = [subject.agreement, subject.term, subject.comparison].filter((t) => t !== undefined).length;
    if (targets !== 1) {
      report(problems, at, pointer, 'bad-subject', 'Name exactly one of agreement, term or comparison.');
      return false;
    }
    if ((subject.field ?? subject.provision ?? subject.event) !== undefined && subject.agreement === undefined) {
      report(problems, at, pointer, 'bad-subject', 'A field, provision or event belongs to an agreement: name the agreement, not a term or comparison.');
      return false;
    }
    if (subject.term !== undefined) return refs(at, `${pointer}/term`, [subject.term], terms, 'term').length === 1;
    if (subject.comparison !== undefined) {
      if (comparisons.some((c) => c.data.id === subject.comparison)) return true;
      report(problems, at, `${pointer}/comparison`, 'unknown-ref', `Unknown comparison note "${subject.comparison}".`);
      return false;
    }
    if (refs(at, `${pointer}/agreement`, [subject.agreement!], agreementData, 'agreement').length === 0) return false;
    const agreement = agreementData.get(subject.agreement!)!.data;
    if (subject.provision !== undefined && !agreement.provisions.some((p) => p.id === subject.provision)) {
      report(problems, at, `${pointer}/provision`, 'unknown-ref', `Agreement "${agreement.id}" has no provision "${subject.provision}".`);
      return false;
    }
    if (subject.event !== undefined && !agreement.events?.some((e) => e.id === subject.event)) {
      report(problems, at, `${pointer}/event`, 'unknown-ref', `Agreement "${agreement.id}" has no event "${subject.event}".`);
      return false;
    }
    return true;
  }
}

function linkFieldProvenance(fields: FieldProvenance, link: (field: string, list: readonly Provenance[]) => Provenance[]): FieldProvenance {
  const linked: FieldProvenance = {};
  for (const field of ['title', 'date', 'place', 'parties', 'summary'] as const) {
    const list = fields[field];
    if (list) linked[field] = link(field, list);
  }
  return linked;
}

/** Two terms claiming the same surface form make hovers ambiguous: warn at the second one. */
function reportAmbiguousTermForms(terms: ReadonlyMap<string, { data: TermData; at: Located }>, problems: CatalogProblem[]): void {
  const owner = new Map<string, string>();
  for (const { data, at } of terms.values()) {
    const forms = new Set([data.term.ko, data.term.en, ...(data.aliases?.ko ?? []), ...(data.aliases?.en ?? []), ...(data.abbreviations ?? [])]);
    for (const form of forms) {
      const key = form.normalize('NFC').toLowerCase().replace(/\s+/g, '');
      const other = owner.get(key);
      if (other && other !== data.id) {
        report(problems, at, '', 'ambiguous-term', `Term "${data.id}" uses the form "${form}", which term "${other}" already uses.`, 'warning');
      } else {
        owner.set(key, data.id);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Problem helpers

interface Located {
  file: Accepted;
  /** Pointer of the entity within its file. */
  pointer: string;
}

function positionOf(at: Located, relative: string): { file: string; line: number; column: number } {
  const segments = `${at.pointer}${relative}`.slice(1).split('/').map(unescapePointer);
  const node = nodeAt(at.file.parsed.root, segments) ?? at.file.parsed.root;
  return { file: at.file.parsed.file, ...at.file.parsed.lines.position(node.offset) };
}

function report(problems: CatalogProblem[], at: Located, relative: string, code: string, message: string, severity: CatalogProblem['severity'] = 'error'): void {
  const pointer = `${at.pointer}${relative}`;
  const segments = pointer.slice(1).split('/').map(unescapePointer);
  const node = nodeAt(at.file.parsed.root, segments) ?? nodeAt(at.file.parsed.root, at.pointer.slice(1).split('/')) ?? at.file.parsed.root;
  problems.push(problemAt(at.file.parsed.file, at.file.parsed.lines, pointer, node.offset, node.length, code, message, severity));
}

function problemAt(file: string, lines: LineIndex, path: string, offset: number, length: number, code: string, message: string, severity: CatalogProblem['severity'] = 'error'): CatalogProblem {
  // Parsers may report a range that runs past the end of the text (an error at end of file): keep it inside.
  const start = Math.max(0, Math.min(offset, lines.length));
  const span = Math.max(0, Math.min(length, lines.length - start));
  const end = lines.position(start + span);
  return { file, path, ...lines.position(start), endLine: end.line, endColumn: end.column, offset: start, length: span, severity, code, message };
}

function fileProblem(file: string, code: string, message: string, severity: CatalogProblem['severity'] = 'error'): CatalogProblem {
  return { file, path: '', line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, length: 0, severity, code, message };
}

/** Which top-level entities (or the whole file) the errors make unusable. */
function invalidEntities(problems: readonly CatalogProblem[]): { wholeFile: boolean; entities: Set<string> } {
  const entities = new Set<string>();
  let wholeFile = false;
  for (const p of problems) {
    if (p.severity !== 'error') continue;
    const match = /^\/([^/]+)\/(\d+)(?:\/|$)/.exec(p.path);
    if (match) entities.add(`${match[1]}/${match[2]}`);
    else wholeFile = true;
  }
  return { wholeFile, entities };
}

function capProblems(file: string, problems: CatalogProblem[], max: number): CatalogProblem[] {
  if (problems.length <= max) return problems;
  const kept = problems.slice(0, max);
  kept.push(fileProblem(file, 'too-many-problems', `…and ${problems.length - max} more problems in this file.`, 'warning'));
  return kept;
}

function singular(section: Section): string {
  return { parties: 'party', sectors: 'sector', sources: 'source', agreements: 'agreement', terms: 'term', comparisons: 'comparison', disagreements: 'disagreement' }[section];
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'number' && Number.isInteger(value) ? 'integer' : typeof value;
}

function preview(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 57)}…` : json;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}


/** The allowed name closest to a misspelt one, if it is close enough to be a plausible typo. */
function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  // At most one edit per three characters (and at least one): close enough to be a typo, not another word.
  let bestDistance = Math.max(1, Math.floor(name.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
