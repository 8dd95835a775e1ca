// How a provision is named wherever it is shown: lists, citations, hovers, tooltips, the agreement document, the
// comparison panel and search.
//
// A provision id is the atlas's own running number (or an imported corpus's article id), never the agreement's own
// clause number: the article the shipped data comes from numbers nothing, and an analyst who cites "provision 28"
// cites a clause that does not exist. So every label says whose number it is ("atlas item 28", "ToTA article
// 15225"), and an agreement's own structure ("II. Areas of Cooperation — …", "Article 15.8") is shown only where a
// source gives it (`officialLocation`), with that source.
import { text, textIn, type Agreement, type Catalog, type Lang, type LocalizedText, type Provision, type SectorBasis } from '../catalog/model';
import { truncate } from '../text/truncate';
import { citedSources } from './provenance';
import { displayText, languageBadge } from './textLabels';

/** Longest provision text shown in a label; the full text is in the tooltip and the document. */
const LABEL_MAX = 120;

/** The atlas's own numbering: the default `provisionNumbering`. */
export const ATLAS_NUMBERING: LocalizedText = { ko: '아틀라스 항목', en: 'atlas item' };

const AS_GIVEN_IN: Record<Lang, string> = { ko: '출처', en: 'as given in' };

type NumberingOf = Pick<Agreement, 'provisionNumbering'> | undefined;

/** A provision in lists (tree, pickers, search): its text, shortened. Its number goes in the description. */
export function provisionTextLabel(provision: Pick<Provision, 'text'>, lang: Lang): string {
  return truncate(displayText(provision.text, lang), LABEL_MAX);
}

/** Whose number the provision id is: "atlas item 28" / "아틀라스 항목 28", or the agreement's scheme ("ToTA article 15225"). */
export function provisionNumberLabel(agreement: NumberingOf, provision: Pick<Provision, 'id'>, lang: Lang): string {
  return `${text(agreement?.provisionNumbering ?? ATLAS_NUMBERING, lang)} ${provision.id}`;
}

/** Where the provision sits in the agreement's own structure, as a source gives it; undefined when none does. */
export function officialLocationLabel(provision: Pick<Provision, 'officialLocation'>, lang: Lang): string | undefined {
  return provision.officialLocation ? text(provision.officialLocation.label, lang) : undefined;
}

/**
 * How prose names a provision: the agreement's own location when a source gives one, then whose number the id is —
 * "II. Areas of Cooperation — Trusted Technology Leadership; atlas item 16" — else the number alone: "atlas item 28".
 */
export function provisionReference(agreement: NumberingOf, provision: Pick<Provision, 'id' | 'officialLocation'>, lang: Lang): string {
  const number = provisionNumberLabel(agreement, provision, lang);
  const official = officialLocationLabel(provision, lang);
  return official ? `${official}; ${number}` : number;
}

/**
 * The official location with the sources that give it, as plain text: "II. Areas of Cooperation — … (as given in:
 * Memorandum of Understanding …, § II; Dong-A Ilbo report …)"; undefined when the provision has none.
 */
export function officialLocationWithSources(catalog: Catalog, provision: Pick<Provision, 'officialLocation'>, lang: Lang): string | undefined {
  const location = provision.officialLocation;
  if (!location) return undefined;
  const sources = citedSources(catalog, location.provenance, lang).map(({ source, places }) => [text(source.title, lang), ...places].join(', '));
  const label = text(location.label, lang);
  return sources.length ? `${label} (${AS_GIVEN_IN[lang]}: ${sources.join('; ')})` : label;
}

/** Upper-cases the first letter, for a label that starts a heading or a sentence ("Atlas item 28"). */
export function capitalized(label: string): string {
  return label.charAt(0).toLocaleUpperCase() + label.slice(1);
}

/**
 * The chapter a provision sits in, as the agreement's text names it; an unnamed chapter says so rather than borrow a
 * number (a corpus's chapter id is not the treaty's). Undefined when the agreement has no chapters.
 */
export function chapterLabel(agreement: Pick<Agreement, 'chapters'> | undefined, chapterId: string | undefined, lang: Lang): string | undefined {
  if (chapterId === undefined) return undefined;
  const chapter = agreement?.chapters?.find((c) => c.id === chapterId);
  if (!chapter) return undefined;
  if (!chapter.title) return chapter.number ?? UNNAMED_PART[lang];
  // The badge goes in front of the whole label: the number is written in the title's language too ("CAPÍTULO 3").
  const badge = languageBadge(chapter.title, lang);
  const label = [chapter.number, textIn(chapter.title, lang).text].filter(Boolean).join(' · ');
  return badge ? `[${badge}] ${label}` : label;
}

export const UNNAMED_PART: Record<Lang, string> = { ko: '제목 없는 부분', en: 'Unnamed part' };

const BASIS: Record<Lang, Record<SectorBasis['by'], string>> = {
  ko: { 'chapter-title': '장 제목', keywords: '키워드', default: '규칙에 해당 없음' },
  en: { 'chapter-title': 'by chapter title', keywords: 'by keywords', default: 'no rule applied' },
};

/** Sector names, each with why a rule assigned it when one did: "Data and digital (by chapter title: Electronic Commerce)". */
export function sectorsWithBasis(catalog: Catalog, provision: Pick<Provision, 'sectors' | 'sectorBasis'>, lang: Lang): string {
  return provision.sectors
    .map((id) => {
      const sector = catalog.sectors.get(id);
      const name = sector ? text(sector.name, lang) : id;
      const basis = provision.sectorBasis?.find((b) => b.sector === id);
      if (!basis) return name;
      const evidence = basis.evidence.length ? `: ${basis.evidence.join(', ')}` : '';
      return `${name} (${BASIS[lang][basis.by]}${evidence})`;
    })
    // A basis has commas of its own: semicolons then keep the sectors apart.
    .join(provision.sectorBasis?.length ? '; ' : ', ');
}
