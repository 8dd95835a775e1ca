// Turns one ToTA (Texts of Trade Agreements) treaty XML file into one catalog file: an agreement with every article
// as a provision, its chapters, its WTO "ID card" facts, and a source record per <source> that names ToTA, the
// original URL and the licence. Pure: no file system, runs in Node (the CLI) and in the extension host or browser
// (the import command), which do the reading and the atomic writing.
//
// Rules:
//  - Ids come from the corpus, so a citation survives any re-import: agreement `tota-<treaty_identifier>`, provision
//    `<article_identifier>` (`tda:tota-159/15225`). The ids are ToTA's, never presented as the treaty's own article
//    numbers: `provisionNumbering` says "ToTA article".
//  - Article text is kept exactly, with whitespace normalised only (line ends, runs of spaces, blank-line runs).
//  - Parties are kept as ToTA's alpha-3 codes (the catalog resolves them to its parties); an inactive treaty that
//    lists parties only under `parties_original` keeps those. Blocs are recognised from the sides of the RTA name
//    ("EU - Korea, Republic of") by the aliases of the catalog's bloc entries, and only when members of the bloc are
//    among the parties.
//  - Anything malformed or incomplete (not well-formed XML, no treaty id, no article) is refused with a reason and
//    the place in the file; an import never yields half a treaty.
// Cost: fast-xml-parser builds the treaty's object tree (KORUS, 1 MB: ~100 ms); classification is linear in the text.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { AgreementData, AgreementKind, AgreementState, CatalogFile, ChapterData, PartyData, ProvisionData, SourceData, Texts } from '../catalog/model';
import { isCalendarDate } from '../catalog/dates';
import type { SectorClassifier } from './sectorRules';

export const TOTA_ATTRIBUTION: Texts = {
  en: 'Text from ToTA – Texts of Trade Agreements v0.5.0 (Alschner, Seiermann & Skougarevskiy), CC BY-NC 4.0; machine-readable copy, may contain OCR errors.',
  ko: '원문 출처: ToTA(Texts of Trade Agreements) v0.5.0(Alschner·Seiermann·Skougarevskiy), CC BY-NC 4.0. 기계 판독용 사본으로 OCR 오류가 있을 수 있음.',
};
const TOTA_LICENCE = { name: 'CC BY-NC 4.0', url: 'https://creativecommons.org/licenses/by-nc/4.0/', attribution: TOTA_ATTRIBUTION };
const TOTA_HOME = 'https://github.com/mappingtreaties/tota';
/** Larger than any real treaty (the largest ToTA file is 1.1 MB): a bigger file is not a treaty text. */
export const MAX_TOTA_FILE_CHARS = 16 * 1024 * 1024;
/** The catalog's limit for one provision's text. */
export const MAX_ARTICLE_CHARS = 200_000;

export interface TotaImportContext {
  /** The catalog's parties: blocs (with `aliases` and `members`) are recognised from the treaty's name. */
  parties: readonly PartyData[];
  classifier: SectorClassifier;
}

export interface ImportedTreaty {
  agreementId: string;
  treatyIdentifier: string;
  /** The catalog file to write (one agreement and its sources). */
  file: CatalogFile;
  articles: number;
  /** Facts that could not be kept (an impossible date, say); the treaty is imported without them. */
  warnings: string[];
}

export type TotaImportResult = { ok: true; treaty: ImportedTreaty } | { ok: false; reason: string };

const ARRAYS = new Set(['chapter', 'article', 'source', 'partyisocode']);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  isArray: (name) => ARRAYS.has(name),
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
});

type XmlNode = Record<string, unknown>;

const KINDS: Record<string, AgreementKind> = {
  'free trade agreement': 'free-trade-agreement',
  'economic integration agreement': 'economic-integration-agreement',
  'customs union': 'customs-union',
  'partial scope agreement': 'partial-scope-agreement',
};

const STATES: Record<string, AgreementState> = {
  'in force': 'in-force',
  inactive: 'inactive',
  'early announcement-signed': 'signed',
  signed: 'signed',
};

/** Imports one treaty file. Never throws: a file that cannot be imported whole gives `ok: false` and why. */
export function importTotaXml(xml: string, context: TotaImportContext): TotaImportResult {
  try {
    return importChecked(xml, context);
  } catch (err) {
    return { ok: false, reason: `could not be read as a ToTA treaty (${err instanceof Error ? err.message : String(err)})` };
  }
}

function importChecked(xml: string, context: TotaImportContext): TotaImportResult {
  if (xml.length > MAX_TOTA_FILE_CHARS) return { ok: false, reason: `is too large for a treaty text (${Math.round(xml.length / 1048576)} MB)` };
  if (xml.includes('\u0000')) return { ok: false, reason: 'is binary, not XML text' };
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return { ok: false, reason: `is not well-formed XML: line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}` };
  const root = parser.parse(xml) as XmlNode;
  const treaty = node(root.treaty);
  const meta = node(treaty?.meta);
  if (!treaty || !meta) return { ok: false, reason: 'has no <treaty><meta> element: not a ToTA treaty file' };
  const treatyIdentifier = str(meta.treaty_identifier);
  if (!/^[0-9]{1,9}$/.test(treatyIdentifier)) return { ok: false, reason: `has no valid <treaty_identifier> (found "${treatyIdentifier.slice(0, 40)}")` };
  const agreementId = `tota-${treatyIdentifier}`;
  const warnings: string[] = [];
  const language = languageTag(str(meta.language)) ?? 'en';
  const name = normaliseSpace(str(meta.name)) || `ToTA treaty ${treatyIdentifier}`;

  const parties = partyCodes(meta.parties);
  const originalParties = partyCodes(meta.parties_original);
  const currentParties = parties.length ? parties : originalParties;
  if (!currentParties.length) return { ok: false, reason: 'lists no parties (neither <parties> nor <parties_original>)' };

  const date = (field: string): string | undefined => {
    const value = str(meta[field]).trim();
    if (!value) return undefined;
    if (isCalendarDate(value)) return value;
    warnings.push(`<${field}> "${value.slice(0, 20)}" is not a calendar date: left out`);
    return undefined;
  };

  // Chapters and articles.
  const body = node(treaty.body);
  const chapterNodes = list(body?.chapter);
  const chapters: ChapterData[] = [];
  const provisions: ProvisionData[] = [];
  const sources = sourceRecords(agreementId, name, list(meta.source), language);
  const textSource = sources.find((s) => s.language === language && s.id.includes('-full-text')) ?? sources.find((s) => s.id.includes('-full-text')) ?? sources[0];
  const seenChapters = new Set<string>();
  const seenArticles = new Set<string>();
  chapterNodes.forEach((chapterNode, index) => {
    let chapterId = str(chapterNode['@_chapter_identifier']).trim();
    if (!/^[0-9a-z][0-9a-z.-]{0,15}$/.test(chapterId) || seenChapters.has(chapterId)) chapterId = `c${index + 1}`;
    seenChapters.add(chapterId);
    const title = normaliseSpace(str(chapterNode['@_name']));
    const chapterNumber = normaliseSpace(str(chapterNode['@_number'])).slice(0, 200);
    chapters.push({ id: chapterId, ...(chapterNumber ? { number: chapterNumber } : {}), ...(title ? { title: { [language]: title } } : {}) });
    const articles = list(chapterNode.article);
    for (const article of articles) {
      const articleId = str(article['@_article_identifier']).trim();
      if (!/^[0-9a-z][0-9a-z.-]{0,15}$/.test(articleId)) {
        warnings.push(`an article in chapter "${title || chapterId}" has no usable article_identifier ("${articleId.slice(0, 20)}"): left out`);
        continue;
      }
      if (seenArticles.has(articleId)) {
        warnings.push(`article ${articleId} appears twice: the second copy is left out`);
        continue;
      }
      const text = normaliseText(str(article['#text']));
      if (!text) {
        warnings.push(`article ${articleId} has no text: left out`);
        continue;
      }
      if (text.length > MAX_ARTICLE_CHARS) {
        warnings.push(`article ${articleId} is longer than ${MAX_ARTICLE_CHARS.toLocaleString('en')} characters: left out`);
        continue;
      }
      seenArticles.add(articleId);
      // The article's own number and heading, as the treaty writes them ("ARTICLE 1.1", "Objectives"): the number is
      // the treaty's, so it is its official location, credited to the text it comes from.
      const number = normaliseSpace(str(article['@_number'])).slice(0, 200);
      const name = normaliseSpace(str(article['@_name'])).slice(0, 2000);
      const section = [chapterNumber, title].filter(Boolean).join(' ').slice(0, 200);
      const provenance = [{ source: textSource.id, ...(section ? { locator: { section } } : {}) }];
      const { sectors, basis } = context.classifier.classify({ title, articles: articles.length }, name ? `${name}\n${text}` : text);
      provisions.push({
        id: articleId,
        chapter: chapterId,
        sectors,
        sectorBasis: basis,
        ...(name ? { heading: { [language]: name } } : {}),
        text: { [language]: text },
        provenance,
        ...(number ? { officialLocation: { label: { [language]: number }, provenance } } : {}),
      });
    }
  });
  if (!provisions.length) return { ok: false, reason: 'has no articles with text: nothing to import' };
  const usedChapters = new Set(provisions.map((p) => p.chapter));

  const [kind, ...otherKinds] = kindsOf(str(meta.type));
  const state = STATES[str(meta.status).trim().toLowerCase()];
  if (!state && str(meta.status).trim()) warnings.push(`status "${str(meta.status).slice(0, 40)}" is not one the atlas knows: left out`);
  const signed = date('date_signed');
  const notification = splitList(str(meta.notification), '&');
  const regions = splitList(str(meta.region), ';');
  const agreement: AgreementData = {
    id: agreementId,
    kind,
    ...(otherKinds.length ? { otherKinds } : {}),
    title: { official: { en: name }, short: { en: name }, descriptive: true },
    parties: currentParties,
    ...(parties.length && !sameSet(parties, originalParties) && originalParties.length ? { originalParties } : {}),
    ...blocsOf(name, [...currentParties, ...originalParties], context.parties),
    ...(signed ? { date: signed } : {}),
    ...(state
      ? {
          status: compact({
            state,
            inForce: date('date_into_force'),
            inactive: date('date_inactive'),
            notified: date('date_notification'),
            implementationEnds: date('end_implementation'),
            provenance: [{ source: textSource.id }],
          }),
        }
      : {}),
    rta: compact({
      wtoId: /^[0-9]{1,9}$/.test(str(meta.wto_rta_id).trim()) && Number(str(meta.wto_rta_id)) > 0 ? Number(str(meta.wto_rta_id)) : undefined,
      notification: notification.length ? notification : undefined,
      composition: normaliseSpace(str(meta.composition)) || undefined,
      regions: regions.length ? regions : undefined,
      crossRegional: yesNo(meta.crossregional),
      allPartiesWto: yesNo(meta.parties_wto),
    }),
    language,
    legalNature: {
      binding: null,
      description: {
        en: `A treaty notified to the WTO${notification.length ? ` under ${notification.join(' and ')}` : ''}; ToTA records its text but not its legal effect, which follows its status and its own final provisions.`,
        ko: `WTO에 통보된 조약${notification.length ? `(${notification.join(', ')})` : ''}. ToTA는 원문을 수록할 뿐 법적 효력은 기록하지 않으며, 효력은 협정의 상태와 최종 규정에 따른다.`,
      },
    },
    summary: {
      en: `${name}: text of ${provisions.length} articles from the ToTA corpus (${language}), with the WTO RTA database's facts on kind, parties and dates.`,
      ko: `${name}: ToTA 코퍼스에 수록된 ${provisions.length}개 조문(${language})과 WTO 지역무역협정 데이터베이스의 유형·당사국·날짜 정보.`,
    },
    sources: sources.map((s) => s.id),
    provenance: [{ source: textSource.id }],
    provisionNumbering: { en: 'ToTA article', ko: 'ToTA 조문' },
    chapters: chapters.filter((c) => usedChapters.has(c.id)),
    provisions,
  };
  return { ok: true, treaty: { agreementId, treatyIdentifier, file: { sources, agreements: [agreement] }, articles: provisions.length, warnings } };
}

/** One source record per <source>, each naming ToTA and the original URL; one naming ToTA alone when there is none. */
function sourceRecords(agreementId: string, name: string, nodes: XmlNode[], language: string): SourceData[] {
  const note: Texts = {
    en: 'Machine-readable copy in the ToTA research corpus: it may contain OCR errors. Check the original before quoting.',
    ko: 'ToTA 연구 코퍼스의 기계 판독용 사본으로 OCR 오류가 있을 수 있다. 인용 전에 원본을 확인할 것.',
  };
  const publisher: Texts = { en: 'ToTA – Texts of Trade Agreements', ko: 'ToTA(Texts of Trade Agreements)' };
  const records: SourceData[] = [];
  const seen = new Map<string, number>();
  for (const source of nodes) {
    const url = str(source['#text']).trim();
    const type = str(source['@_type']).trim().toLowerCase() === 'annex' ? 'annex' : 'full-text';
    const lang = languageTag(str(source['@_lang'])) ?? language;
    const base = `${agreementId}-${type}-${lang.toLowerCase()}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const what = type === 'annex' ? { en: 'annexes', ko: '부속서' } : { en: 'full text', ko: '전문' };
    records.push({
      id: n === 1 ? base : `${base}-${n}`,
      kind: 'corpus-copy',
      title: { en: `${name} (${what.en}, ${lang}), ToTA copy`, ko: `${name} (${what.ko}, ${lang}), ToTA 사본` },
      publisher,
      language: lang,
      ...(/^https?:\/\/\S+$/.test(url) && url.length <= 2000 ? { url } : {}),
      note,
      licence: TOTA_LICENCE,
    });
  }
  if (!records.length) {
    records.push({ id: `${agreementId}-full-text-${language.toLowerCase()}`, kind: 'corpus-copy', title: { en: `${name}, ToTA copy`, ko: `${name}, ToTA 사본` }, publisher, language, url: TOTA_HOME, note, licence: TOTA_LICENCE });
  }
  return records;
}

/** Blocs whose alias is a side of the RTA name ("EU - Korea, Republic of") and whose members are among the parties. */
function blocsOf(name: string, parties: readonly string[], catalogParties: readonly PartyData[]): { blocs?: string[] } {
  // A dash separates sides only with a space on at least one side: "Guinea-Bissau" and "CAFTA-DR" are one name.
  const sides = name.split(/\s+[-–]\s*|\s*[-–]\s+/).map((s) => normaliseSpace(s).toLowerCase());
  const partySet = new Set(parties);
  const blocs = catalogParties.filter(
    (p) =>
      p.kind === 'bloc' &&
      (p.aliases ?? []).some((alias) => sides.includes(alias.toLowerCase())) &&
      (p.members ?? []).filter((m) => partySet.has(m)).length >= 2,
  );
  return blocs.length ? { blocs: blocs.map((b) => b.id) } : {};
}

function kindsOf(type: string): [AgreementKind, ...AgreementKind[]] {
  const kinds = splitList(type, '&')
    .map((t) => KINDS[t.toLowerCase()])
    .filter((k): k is AgreementKind => k !== undefined);
  return kinds.length ? (kinds as [AgreementKind, ...AgreementKind[]]) : ['agreement'];
}

function partyCodes(value: unknown): string[] {
  const codes = list(node(value)?.partyisocode)
    .map((p) => str(p['#text']).trim().toUpperCase())
    .filter((c) => /^[A-Z]{3}$/.test(c));
  return [...new Set(codes)];
}

function yesNo(value: unknown): boolean | undefined {
  const v = str(value).trim().toLowerCase();
  return v === 'yes' ? true : v === 'no' ? false : undefined;
}

function languageTag(value: string): string | undefined {
  const tag = value.trim();
  return /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag) ? tag : undefined;
}

/** Whitespace normalised only: line ends unified, spaces and tabs collapsed, lines trimmed, at most one blank line. */
export function normaliseText(raw: string): string {
  return raw
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00a0\f\v]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function normaliseSpace(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

function splitList(value: string, separator: string): string[] {
  return value
    .split(separator)
    .map(normaliseSpace)
    .filter(Boolean);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** Drops undefined fields, so written files hold only what the corpus gives. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function node(value: unknown): XmlNode | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as XmlNode) : undefined;
}

function list(value: unknown): XmlNode[] {
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) => (typeof v === 'string' ? { '#text': v } : (node(v) ?? {})));
}

function str(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  const n = node(value);
  return n && typeof n['#text'] === 'string' ? n['#text'] : '';
}
