// The read-only agreement document: one agreement's full structure as Markdown (facts with their sources, summary,
// legal nature, timeline, the points on which sources disagree, provisions grouped by heading with their sectors,
// sources and citations, the sources' own observations comparing it with other agreements, and the sources list,
// best tier first). Pure: the VS Code adapter serves the
// text under its own URI scheme and uses the line map to scroll to a provision and to follow the cursor.
import { agreementKindsLabel, bindingLabel, currentStatusLabel, dateLabel, eventKindLabel, officialTitleLabel, statusWithDatesLabel } from '../labels/agreementLabels';
import { disagreementMarkdown, disputedMark, subjectLabel } from '../labels/disagreementLabels';
import { disagreementIndex } from '../disputes/disagreements';
import { currentStatus, eventsInOrder } from '../events/status';
import { formatCitation } from '../citation/citation';
import { citedInDocumentLine, type CitingPlace } from '../citation/citedIn';
import { capitalized, chapterLabel, provisionNumberLabel, sectorsWithBasis } from '../labels/provisionLabels';
import { displayTextMarkdown } from '../labels/textLabels';
import { languageName, otherLanguage } from '../text/language';
import { escapeMarkdown, markdownCodeSpan } from '../text/markdown';
import { LANGS, SOURCE_TIERS, otherText, sourceTier, text, type Agreement, type AgreementField, type Catalog, type Lang, type Texts, type Provenance, type SourceData } from '../catalog/model';
import { attributionLines, citedSources, isOfficialTier, restsOnSecondaryOnly, sourceBadge, tierLabel, tierRank } from '../labels/provenance';
import type { TreeTarget } from '../tree/treeModel';

export interface AgreementDocument {
  readonly agreementId: string;
  readonly markdown: string;
  /** 0-based line of each provision's heading, by provision uid. */
  readonly provisionLines: ReadonlyMap<string, number>;
  /** 0-based line of the "Sources" heading. */
  readonly sourcesLine: number;
  /** 0-based line of the "Timeline" heading; undefined when the agreement has no events. */
  readonly timelineLine?: number;
  /** 0-based line of the "Where sources disagree" heading; undefined when nothing about it is disputed. */
  readonly disagreementsLine?: number;
  /** 0-based line of each source's entry in the sources list, by source id. */
  readonly sourceLines: ReadonlyMap<string, number>;
}

const STRINGS = {
  ko: {
    kind: '종류',
    date: '일자',
    parties: '당사국',
    place: '장소',
    legalNature: '법적 성격',
    summary: '요약',
    provisions: '조항',
    sectors: '분야',
    source: '출처',
    sources: '출처',
    citation: '인용',
    observations: '출처의 비교 관찰',
    against: '비교 대상',
    language: '언어',
    otherLanguage: 'English',
    noProvisions: '이 협정에 기록된 조항이 없습니다.',
    secondaryOnly: '이 문서의 내용은 공식 자료가 아니라 2차 자료(뉴스·요약·해설)에만 근거합니다. 인용하기 전에 공식 원문과 대조하십시오.',
    someSecondary: (n: number, total: number) =>
      `조항 ${total}개 중 ${n}개는 공식 자료 없이 2차 자료(뉴스·요약·해설)에만 근거합니다(“2차 자료만”으로 표시). 인용하기 전에 공식 원문과 대조하십시오.`,
    secondaryMark: '2차 자료만',
    alternateTitle: '다른 공식 명칭',
    signatories: '서명',
    represented: '서명식 대표',
    timeline: '경과',
    disagreements: '출처 간 이견',
    about: '대상',
    seeDisagreements: '아래 “출처 간 이견” 참조',
    inTheAgreement: '협정 안의 위치',
    context: '맥락',
    link: '원문 링크',
    namedIn: '문서명·일자·당사국 출처',
    noUrl: '온라인 주소 없음',
    status: '상태',
    blocs: '블록',
    rta: 'WTO 지역무역협정',
    rtaId: 'RTA ID',
    licence: '이용 조건',
  },
  en: {
    kind: 'Kind',
    date: 'Date',
    parties: 'Parties',
    place: 'Place',
    legalNature: 'Legal nature',
    summary: 'Summary',
    provisions: 'Provisions',
    sectors: 'Sectors',
    source: 'Source',
    sources: 'Sources',
    citation: 'Citation',
    observations: 'Observations in the sources',
    against: 'Compared with',
    language: 'Language',
    otherLanguage: '한국어',
    noProvisions: 'No provisions are recorded for this agreement.',
    secondaryOnly: 'Everything in this document rests on secondary sources (news, summaries, commentary), with no official source. Verify against the official text before citing.',
    someSecondary: (n: number, total: number) =>
      `${n} of the ${total} provisions rest on secondary sources only (news, summaries, commentary; marked “secondary only”). Verify against the official text before citing.`,
    secondaryMark: 'secondary only',
    alternateTitle: 'Other official form',
    signatories: 'Signed by',
    represented: 'led the ceremony',
    timeline: 'Timeline',
    disagreements: 'Where sources disagree',
    about: 'About',
    seeDisagreements: 'see “Where sources disagree” below',
    inTheAgreement: 'In the agreement',
    context: 'Context',
    link: 'Link',
    namedIn: 'Title, date and parties as given in',
    noUrl: 'no online address',
    status: 'Status',
    blocs: 'Blocs',
    rta: 'WTO RTA database',
    rtaId: 'RTA id',
    licence: 'Licence',
  },
} as const;

/** Renders one agreement, or undefined when the catalog has no agreement with that id. */
export function renderAgreementDocument(catalog: Catalog, agreementId: string, lang: Lang, citingPlaces?: (uid: string) => readonly CitingPlace[]): AgreementDocument | undefined {
  const agreement = catalog.agreements.get(agreementId);
  if (!agreement) return undefined;
  const s = STRINGS[lang];
  const other = otherLanguage(lang);
  const out: string[] = [];
  const provisionLines = new Map<string, number>();
  const sourceLines = new Map<string, number>();
  // Pieces may span lines (escaped data keeps its line breaks): `out` holds single lines so line numbers stay true.
  const add = (...pieces: string[]) => {
    for (const piece of pieces) out.push(...piece.split('\n'));
  };
  const t = (value: Texts) => escapeMarkdown(text(value, lang));

  // Numbered references into the sources list: every source the agreement or its provisions cite.
  const sources = agreementSources(catalog, agreement);
  const ref = (id: string) => `[${sources.findIndex((src) => src.id === id) + 1}]`;
  const provenanceLine = (provenance: readonly Provenance[] | undefined) =>
    citedSources(catalog, provenance ?? [], lang)
      .map(({ source, places }) => [ref(source.id), ...(places.length ? [escapeMarkdown(places.join('; '))] : [])].join(' '))
      .join(' · ');

  add(`# ${t(agreement.title.short)}`, '');
  add(`**${escapeMarkdown(officialTitleLabel(agreement, lang))}**  `, `*${escapeMarkdown(officialTitleLabel(agreement, other))}*`, '');
  for (const alternate of agreement.title.alternates ?? []) {
    add(`*${s.alternateTitle}:* ${t(alternate.text)} (${t(alternate.note)}) — ${provenanceLine(alternate.provenance)}`, '');
  }
  const secondaryOnly = (provenance: readonly Provenance[]) => restsOnSecondaryOnly(catalog, provenance);
  const secondary = agreement.provisions.filter((p) => secondaryOnly(p.provenance)).length;
  if (sources.length > 0 && !sources.some((src) => isOfficialTier(sourceTier(src)))) add(`> ⚠ ${escapeMarkdown(s.secondaryOnly)}`, '');
  else if (secondary > 0) add(`> ⚠ ${escapeMarkdown(s.someSecondary(secondary, agreement.provisions.length))}`, '');
  const disputes = disagreementIndex(catalog);

  const parties = agreement.parties.map((id) => {
    const party = catalog.parties.get(id);
    return party ? text(party.name, lang) : id;
  });
  add(`- **${s.kind}:** ${escapeMarkdown(agreementKindsLabel(agreement, lang))}`);
  const dateSources = agreement.date ? provenanceLine(agreement.fieldProvenance?.date) : '';
  add(`- **${s.date}:** ${escapeMarkdown(dateLabel(agreement.date, lang))}${dateSources ? ` — ${dateSources}` : ''}`);
  const status = currentStatus(agreement);
  if (status?.event) add(`- **${s.status}:** ${escapeMarkdown(currentStatusLabel(status, lang))} — ${escapeMarkdown(text(status.event.text, lang))}`);
  else if (agreement.status) add(`- **${s.status}:** ${escapeMarkdown(statusWithDatesLabel(agreement.status, lang))}`);
  const blocs = (agreement.blocs ?? []).map((id) => catalog.parties.get(id)).filter((b) => b !== undefined);
  if (blocs.length) add(`- **${s.blocs}:** ${escapeMarkdown(blocs.map((b) => text(b.name, lang)).join(', '))}`);
  add(`- **${s.parties}:** ${escapeMarkdown(parties.join(', '))}`);
  const rta = agreement.rta;
  if (rta) {
    const facts = [rta.wtoId !== undefined ? `${s.rtaId} ${rta.wtoId}` : '', (rta.notification ?? []).join(' & '), rta.composition ?? '', (rta.regions ?? []).join('; ')].filter(Boolean);
    if (facts.length) add(`- **${s.rta}:** ${escapeMarkdown(facts.join(' · '))}`);
  }
  const disputedField = (field: AgreementField) =>
    disputes.about({ agreement: agreement.id, field }).length ? ` *${escapeMarkdown(disputedMark(lang))}: ${s.seeDisagreements}*` : '';
  if (agreement.place) {
    const placeSources = provenanceLine(agreement.fieldProvenance?.place);
    add(`- **${s.place}:** ${t(agreement.place)}${placeSources ? ` — ${placeSources}` : ''}${disputedField('place')}`);
  }
  if (agreement.signatories?.length) {
    const people = agreement.signatories.map((p) => {
      const act = p.act === 'represented' ? `, ${s.represented}` : '';
      return `${t(p.name)} (${t(p.role)}${act}) ${provenanceLine(p.provenance)}`;
    });
    add(`- **${s.signatories}:** ${people.join('; ')}${disputedField('signatories')}`);
  }
  add(`- **${s.legalNature}:** ${escapeMarkdown(bindingLabel(agreement.legalNature.binding, lang))}`);
  add(`- **${s.sources}:** ${escapeMarkdown(tierCounts(sources, lang))}`, '');
  const named = provenanceLine(agreement.provenance);
  if (named) add(`*${s.namedIn}:* ${named}`, '');

  add(`## ${s.summary}`, '', t(agreement.summary), '');
  const summarySources = provenanceLine(agreement.fieldProvenance?.summary);
  if (summarySources) add(`*${s.source}:* ${summarySources}`, '');

  add(`## ${s.legalNature}`, '', `**${escapeMarkdown(bindingLabel(agreement.legalNature.binding, lang))}.** ${t(agreement.legalNature.description)}`);
  const legalSources = provenanceLine(agreement.legalNature.provenance);
  if (legalSources) add('', `*${s.source}:* ${legalSources}`);
  add('');

  let timelineLine: number | undefined;
  const events = eventsInOrder(agreement);
  if (events.length) {
    timelineLine = out.length;
    add(`## ${s.timeline}`, '');
    for (const event of events) {
      const mark = disputes.about({ agreement: agreement.id, event: event.id }).length ? ` *${escapeMarkdown(disputedMark(lang))}*` : '';
      add(`- **${escapeMarkdown(event.date)}** · ${escapeMarkdown(eventKindLabel(event.kind, lang))}: ${t(event.text)} — ${provenanceLine(event.provenance)}${mark}`);
    }
    add('');
  }

  const notes = catalog.comparisons.filter((c) => c.subject === agreement.id);
  const disagreements = disputes.inAgreement(agreement.id);
  let disagreementsLine: number | undefined;
  if (disagreements.length) {
    disagreementsLine = out.length;
    add(`## ${s.disagreements} (${disagreements.length})`, '');
    for (const d of disagreements) {
      const about = d.about
        .filter((a) => a.agreement === agreement.id || (a.comparison !== undefined && notes.some((n) => n.id === a.comparison)))
        .map((a) => subjectLabel(catalog, a, lang));
      add(disagreementMarkdown(catalog, d, lang), '', `*${s.about}:* ${escapeMarkdown(about.join('; '))}`, '');
    }
  }

  add(`## ${s.provisions} (${agreement.provisions.length})`, '');
  if (agreement.provisions.length === 0) add(`*${s.noProvisions}*`, '');
  // A corpus's licence and attribution go with its text.
  const attributions = attributionLines(catalog, agreement.provisions.flatMap((p) => p.provenance), lang);
  if (attributions.length) add(...attributions.map((line) => `> ${escapeMarkdown(line)}`), '');
  let heading: string | undefined;
  let chapter: string | undefined;
  for (const provision of agreement.provisions) {
    if (provision.chapter !== undefined && provision.chapter !== chapter) {
      add(`### ${escapeMarkdown(chapterLabel(agreement, provision.chapter, lang) ?? provision.chapter)}`, '');
      heading = undefined;
    }
    chapter = provision.chapter;
    const next = provision.heading ? text(provision.heading, lang) : undefined;
    if (next !== undefined && next !== heading) add(`${chapter === undefined ? '###' : '####'} ${escapeMarkdown(next)}`, '');
    heading = next;
    provisionLines.set(provision.uid, out.length);
    // Whose number it is, never "Provision 12": the atlas numbers items, the agreement may not (see provisionLabels.ts).
    const marks = [
      ...(secondaryOnly(provision.provenance) ? [`*${s.secondaryMark}*`] : []),
      ...(disputes.about({ agreement: agreement.id, provision: provision.id }).length ? [`*${escapeMarkdown(disputedMark(lang))}: ${s.seeDisagreements}*`] : []),
    ];
    add(`#### ${escapeMarkdown(capitalized(provisionNumberLabel(agreement, provision, lang)))}`, '', displayTextMarkdown(provision.text, lang), '');
    if (marks.length) add(marks.join(' · '), '');
    const second = otherText(provision.text, lang);
    if (second) add(`*${s.otherLanguage}:* ${escapeMarkdown(second.text)}`, '');
    const sectorNames = sectorsWithBasis(catalog, provision, lang);
    const location = provision.officialLocation;
    const facts = [
      ...(location ? [`**${s.inTheAgreement}:** ${t(location.label)} — ${provenanceLine(location.provenance)}`] : []),
      ...(sectorNames ? [`**${s.sectors}:** ${escapeMarkdown(sectorNames)}`] : []),
      ...(provision.provenance.length ? [`**${s.source}:** ${provenanceLine(provision.provenance)}`] : []),
    ];
    if (facts.length) add(facts.join('  \n'), '');
    add(`${s.citation}: ${markdownCodeSpan(formatCitation(catalog, provision, lang))}`, '');
    const citedIn = citingPlaces && citedInDocumentLine(citingPlaces(provision.uid), lang);
    if (citedIn) add(citedIn, '');
  }

  if (notes.length) {
    add(`## ${s.observations}`, '');
    for (const note of notes) {
      const against = note.against.map((id) => {
        const a = catalog.agreements.get(id);
        return a ? text(a.title.short, lang) : id;
      });
      const versus = against.length ? `*${s.against}:* ${escapeMarkdown(against.join(', '))}` : `*${s.context}*`;
      const details = [versus, provenanceLine(note.provenance)].filter(Boolean).join(' — ');
      add(`- ${t(note.text)}  `, `  ${details}`);
    }
    add('');
  }

  const sourcesLine = out.length;
  add(`## ${s.sources}`, '');
  sources.forEach((source, i) => {
    sourceLines.set(source.id, out.length);
    const details = [
      source.publisher && t(source.publisher),
      source.date && escapeMarkdown(source.date),
      markdownCodeSpan(sourceBadge(source, lang)),
      `${s.language}: ${languageName(source.language, lang)}`,
      webLink(source, s.link) ?? `*${s.noUrl}*`,
    ].filter(Boolean);
    add(`${i + 1}. **${t(source.title)}** — ${details.join(' · ')}`);
    if (source.note) add(`   > ⚠ ${t(source.note)}`);
    if (source.licence) add(`   > ${s.licence}: ${escapeMarkdown(source.licence.name)} — ${t(source.licence.attribution)}`);
  });
  add('');

  return { agreementId: agreement.id, markdown: out.join('\n'), provisionLines, sourcesLine, sourceLines, timelineLine, disagreementsLine };
}

/** `12 sources: 3 official · 6 news · 2 third-party summary · 1 commentary (analysis)`. */
function tierCounts(sources: readonly SourceData[], lang: Lang): string {
  const counts = SOURCE_TIERS.map((tier) => [tier, sources.filter((src) => sourceTier(src) === tier).length] as const).filter(([, n]) => n > 0);
  const list = counts.map(([tier, n]) => `${n} ${tierLabel(tier, lang)}`).join(' · ');
  return lang === 'ko' ? `${sources.length}건: ${list}` : `${sources.length}: ${list}`;
}

/** Every source the agreement, its facts, events or provisions cite: best tier first, then in the order listed. */
export function agreementSources(catalog: Catalog, agreement: Agreement): SourceData[] {
  const ids = [
    ...agreement.sources,
    ...(agreement.provenance ?? []).map((p) => p.source),
    ...Object.values(agreement.fieldProvenance ?? {}).flatMap((list: Provenance[]) => list.map((p) => p.source)),
    ...(agreement.title.alternates ?? []).flatMap((a) => a.provenance.map((p) => p.source)),
    ...(agreement.signatories ?? []).flatMap((a) => a.provenance.map((p) => p.source)),
    ...(agreement.legalNature.provenance ?? []).map((p) => p.source),
    ...(agreement.events ?? []).flatMap((e) => e.provenance.map((p) => p.source)),
    ...agreement.provisions.flatMap((p) => [...p.provenance, ...(p.officialLocation?.provenance ?? [])].map((v) => v.source)),
  ];
  return [...new Set(ids)]
    .map((id) => catalog.sources.get(id))
    .filter((src): src is SourceData => src !== undefined)
    .sort((a, b) => tierRank(a) - tierRank(b));
}

/** A Markdown link for an http(s) URL that cannot break out of the link syntax; undefined otherwise. */
function webLink(source: SourceData, label: string): string | undefined {
  const url = source.url?.trim();
  if (!url || !/^https?:\/\/[^\s<>()\\]+$/i.test(url)) return undefined;
  return `[${escapeMarkdown(label)}](<${url}>)`;
}

/** What the document shows at a 0-based line: the provision whose section contains it, else the agreement. */
export function targetAtLine(document: AgreementDocument, line: number): TreeTarget {
  let best: { uid: string; line: number } | undefined;
  for (const [uid, start] of document.provisionLines) {
    if (start <= line && line < document.sourcesLine && (!best || start > best.line)) best = { uid, line: start };
  }
  return best ? { kind: 'provision', id: best.uid } : { kind: 'agreement', id: document.agreementId };
}

/** URI scheme of the read-only agreement documents. */
export const AGREEMENT_DOCUMENT_SCHEME = 'tech-deal-atlas';

// Document addresses: `/<agreement id>/<readable name>.md`. The readable name only titles the editor tab; the
// agreement id in the first segment is what identifies the document.

export function agreementDocumentPath(catalog: Catalog, agreementId: string, lang: Lang): string {
  const agreement = catalog.agreements.get(agreementId);
  const name = agreement ? text(agreement.title.short, lang) : agreementId;
  const safe = name.replace(/[\\/:*?"<>|#%\u0000-\u001f]+/g, '-').replace(/\s+/g, ' ').trim() || agreementId;
  return `/${agreementId}/${safe}.md`;
}

export function agreementIdFromPath(path: string): string | undefined {
  const match = /^\/([a-z0-9][a-z0-9-]*)\//.exec(path);
  return match?.[1];
}

/**
 * The agreement whose document a Markdown preview tab shows, read from the tab's label: VS Code titles a preview
 * "Preview <file name>" (the word localised, in front or behind, "[Preview]" when locked) and tells an extension no
 * more about a preview tab than that. The file name is the agreement document's, in either language. The longest
 * name in the label wins, counting `otherNames` (file names of other open documents): a preview of the user's own
 * "New MOU.md" is not taken for an agreement titled "MOU".
 */
export function agreementOfPreviewLabel(catalog: Catalog, label: string, otherNames: Iterable<string> = []): string | undefined {
  let best: { id: string | undefined; length: number } | undefined;
  const consider = (name: string, id: string | undefined) => {
    const at = label.lastIndexOf(name);
    if (!name || at < 0 || (best && best.length >= name.length)) return;
    const bounded = (c: string | undefined) => c === undefined || /[\s[\]()（）「」]/u.test(c);
    if (bounded(label[at - 1]) && bounded(label[at + name.length])) best = { id, length: name.length };
  };
  for (const name of otherNames) consider(name, undefined);
  for (const id of catalog.agreements.keys()) {
    for (const lang of LANGS) {
      const path = agreementDocumentPath(catalog, id, lang);
      consider(path.slice(path.lastIndexOf('/') + 1), id);
    }
  }
  return best?.id;
}
