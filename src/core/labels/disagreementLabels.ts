// How a disagreement between sources is written for people: its kind, each claim with the sources it rests on (best
// tier first, each with its tier badge), and what it is about. Shared by tree tooltips, hovers, the agreement
// document and the Disagreements view, so a disputed item reads the same everywhere. Catalog language, like the
// other data labels.
import { text, type AgreementField, type Catalog, type Claim, type DisagreementData, type DisagreementSubject, type Lang } from '../catalog/model';
import { safeWebUrl } from '../text/commandLink';
import { escapeMarkdown, markdownCodeSpan } from '../text/markdown';
import { truncate } from '../text/truncate';
import { citedSources, sourceBadge } from './provenance';
import { provisionReference } from './provisionLabels';

const KIND: Record<DisagreementData['kind'], Record<Lang, string>> = {
  'sources-differ': { ko: '출처마다 다름', en: 'Sources differ' },
  'commentary-vs-text': { ko: '해설이 원문과 다름', en: 'Commentary the texts do not bear out' },
  'source-error': { ko: '출처의 오류', en: 'Error in a source' },
};

const STANDING: Record<NonNullable<Claim['standing']>, Record<Lang, string>> = {
  supported: { ko: '다른 출처가 뒷받침', en: 'supported by the other sources' },
  unverified: { ko: '확인되지 않음', en: 'unverified' },
  rejected: { ko: '다른 출처와 어긋나 채택하지 않음', en: 'contradicted by the other sources; not used' },
};

const FIELD: Record<AgreementField, Record<Lang, string>> = {
  title: { ko: '명칭', en: 'title' },
  date: { ko: '날짜', en: 'date' },
  place: { ko: '장소', en: 'place' },
  signatories: { ko: '서명자', en: 'signatories' },
  legalNature: { ko: '법적 성격', en: 'legal nature' },
  status: { ko: '상태', en: 'status' },
  summary: { ko: '개요', en: 'summary' },
};

const WORDS = {
  ko: { disputed: '이견 있음', sources: '출처', glossary: '용어', comparison: '비교 노트', event: '사건' },
  en: { disputed: 'Disputed', sources: 'Sources', glossary: 'Glossary', comparison: 'Comparison note', event: 'event' },
};

export function disagreementKindLabel(kind: DisagreementData['kind'], lang: Lang): string {
  return KIND[kind]?.[lang] ?? kind;
}

export function claimStandingLabel(standing: Claim['standing'], lang: Lang): string | undefined {
  return standing && STANDING[standing]?.[lang];
}

/** The short mark a disputed item carries in a tree description or a table cell. */
export function disputedMark(lang: Lang): string {
  return `⚠ ${WORDS[lang].disputed}`;
}

/** The sources of a claim on one line: `Title `Official`; Title `News``, titles linked when they have a web address. */
export function claimSourcesMarkdown(catalog: Catalog, claim: Claim, lang: Lang): string {
  return citedSources(catalog, claim.provenance, lang)
    .map(({ source, places }) => {
      const title = escapeMarkdown(truncate(text(source.title, lang), 80));
      const url = safeWebUrl(source.url);
      const where = places.length ? ` (${escapeMarkdown(places.join('; '))})` : '';
      return `${url ? `[${title}](${url})` : title}${where} ${markdownCodeSpan(sourceBadge(source, lang))}`;
    })
    .join('; ');
}

/** One claim as plain text with its sources' titles and tiers: for accessibility labels and plain views. */
export function claimPlainText(catalog: Catalog, claim: Claim, lang: Lang): string {
  const sources = citedSources(catalog, claim.provenance, lang).map(({ source }) => `${text(source.title, lang)} (${sourceBadge(source, lang)})`);
  return `${text(claim.text, lang)} — ${sources.join('; ')}`;
}

/**
 * A disagreement as Markdown: `⚠ Disputed: topic · kind`, each claim with its sources and standing, then the note.
 * Every data string is escaped; links go only to http(s) source addresses.
 */
export function disagreementMarkdown(catalog: Catalog, d: DisagreementData, lang: Lang): string {
  const w = WORDS[lang];
  const lines = [`**${escapeMarkdown(disputedMark(lang))}: ${escapeMarkdown(text(d.topic, lang))}** · *${escapeMarkdown(disagreementKindLabel(d.kind, lang))}*`];
  d.claims.forEach((claim, i) => {
    const standing = claimStandingLabel(claim.standing, lang);
    lines.push(
      `${i + 1}. **${escapeMarkdown(text(claim.text, lang))}**${standing ? ` *(${escapeMarkdown(standing)})*` : ''}  \n${w.sources}: ${claimSourcesMarkdown(catalog, claim, lang)}`,
    );
  });
  lines.push('', `*${escapeMarkdown(text(d.note, lang))}*`);
  return lines.join('\n');
}

/** What a disagreement is about, for lists: `US–UK TPD MOU · date`, `ROK–US JFS · atlas item 7`, `Glossary: KPS`. */
export function subjectLabel(catalog: Catalog, subject: DisagreementSubject, lang: Lang): string {
  const w = WORDS[lang];
  if (subject.term !== undefined) {
    const term = catalog.terms.get(subject.term);
    return `${w.glossary}: ${term ? text(term.term, lang) : subject.term}`;
  }
  if (subject.comparison !== undefined) {
    const note = catalog.comparisons.find((c) => c.id === subject.comparison);
    return `${w.comparison}: ${note ? truncate(text(note.text, lang), 60) : subject.comparison}`;
  }
  const agreement = catalog.agreements.get(subject.agreement ?? '');
  const name = agreement ? text(agreement.title.short, lang) : (subject.agreement ?? '');
  if (subject.provision !== undefined) {
    const provision = agreement?.provisions.find((p) => p.id === subject.provision);
    return `${name} · ${provision ? provisionReference(agreement, provision, lang) : subject.provision}`;
  }
  if (subject.event !== undefined) {
    const event = agreement?.events?.find((e) => e.id === subject.event);
    return `${name} · ${w.event} ${event ? event.date : subject.event}`;
  }
  if (subject.field !== undefined) return `${name} · ${FIELD[subject.field][lang]}`;
  return name;
}
