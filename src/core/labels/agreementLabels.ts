// Data-language labels for agreement facts (kind, legal nature, parties, date). They follow the catalog language
// (the `techDealAtlas.language` setting or a panel's own toggle), not VS Code's UI language, because they sit next to
// catalog text and go into exported tables and memos.
import { text, type Agreement, type AgreementKind, type AgreementStatus, type Catalog, type EventKind, type Lang } from '../catalog/model';
import { currentStatus, type CurrentState, type CurrentStatus } from '../events/status';

const KIND: Record<AgreementKind, { ko: string; en: string }> = {
  mou: { ko: '양해각서', en: 'MOU' },
  moc: { ko: '협력각서(MOC)', en: 'MOC (memorandum of cooperation)' },
  'joint-fact-sheet': { ko: '공동 팩트시트', en: 'Joint fact sheet' },
  'joint-statement': { ko: '공동성명', en: 'Joint statement' },
  agreement: { ko: '협정', en: 'Agreement' },
  'free-trade-agreement': { ko: '자유무역협정(FTA)', en: 'Free trade agreement' },
  'economic-integration-agreement': { ko: '경제통합협정(서비스)', en: 'Economic integration agreement' },
  'customs-union': { ko: '관세동맹', en: 'Customs union' },
  'partial-scope-agreement': { ko: '부분범위협정', en: 'Partial scope agreement' },
};

export function agreementKindLabel(kind: AgreementKind, lang: Lang): string {
  return KIND[kind]?.[lang] ?? kind;
}

/** Every kind the agreement is, joined as the WTO writes them: `Free trade agreement & Economic integration agreement`. */
export function agreementKindsLabel(agreement: Pick<Agreement, 'kind' | 'otherKinds'>, lang: Lang): string {
  return [agreement.kind, ...(agreement.otherKinds ?? [])].map((k) => agreementKindLabel(k, lang)).join(' & ');
}

/** Short verdict on `legalNature.binding`; the full wording is `legalNature.description`. */
export function bindingLabel(binding: boolean | null, lang: Lang): string {
  if (binding === true) return lang === 'ko' ? '법적 구속력 있음' : 'Legally binding';
  if (binding === false) return lang === 'ko' ? '법적 구속력 없음' : 'Not legally binding';
  return lang === 'ko' ? '법적 성격 미상' : 'Legal nature not stated';
}

/**
 * Parties by short name in the agreement's order, e.g. `Korea · US` / `한국·미국`, a bloc side by the bloc's name
 * rather than its members one by one (`EU · Korea`, not 28 names); unknown codes stay as codes.
 */
export function partiesLabel(catalog: Catalog, agreement: Pick<Agreement, 'parties' | 'blocs'>, lang: Lang): string {
  const blocs = (agreement.blocs ?? []).map((id) => catalog.parties.get(id)).filter((b) => b !== undefined);
  const members = new Set(blocs.flatMap((b) => b.members ?? []));
  const sides = agreement.parties.filter((id) => !members.has(catalog.parties.get(id)?.alpha3 ?? id));
  const names = [...blocs.map((b) => text(b.short, lang)), ...sides.map((id) => {
    const party = catalog.parties.get(id);
    return party ? text(party.short, lang) : id;
  })];
  return names.join(lang === 'ko' ? '·' : ' · ');
}

/**
 * The official title, marked when it is only descriptive (no source gives one: `title.descriptive`), so a title
 * written for the dataset is never cited as the document's own.
 */
export function officialTitleLabel(agreement: Pick<Agreement, 'title'>, lang: Lang): string {
  const title = text(agreement.title.official, lang);
  if (!agreement.title.descriptive) return title;
  return `${title} ${lang === 'ko' ? '(설명용 제목: 출처에 공식 명칭이 없음)' : '(descriptive title: the sources give no official one)'}`;
}

/** ISO date as written in the data, or an explicit "not given" (dates are never guessed). */
export function dateLabel(date: string | undefined, lang: Lang): string {
  if (date) return date;
  return lang === 'ko' ? '날짜 미상' : 'Date not given';
}

const STATE: Record<AgreementStatus['state'], { ko: string; en: string }> = {
  signed: { ko: '서명(미발효)', en: 'Signed, not in force' },
  'in-force': { ko: '발효', en: 'In force' },
  inactive: { ko: '효력 상실', en: 'Inactive' },
};

/** The state and since when: "In force since 2012-03-15", "Inactive since 1999-07-31", "Signed, not in force". */
export function statusLabel(status: AgreementStatus, lang: Lang): string {
  const ko = lang === 'ko';
  const state = STATE[status.state]?.[lang] ?? status.state;
  if (status.state === 'inactive' && status.inactive) return ko ? `${status.inactive}부터 ${state}` : `${state} since ${status.inactive}`;
  if (status.state === 'in-force' && status.inForce) return ko ? `${status.inForce} ${state}` : `${state} since ${status.inForce}`;
  return state;
}

/** The state with all its dates: "In force since 2012-03-15 (notified to the WTO 2012-03-15; phase-in ends 2031-12-31)". */
export function statusWithDatesLabel(status: AgreementStatus, lang: Lang): string {
  const ko = lang === 'ko';
  const main = statusLabel(status, lang);
  const details = [
    status.state === 'inactive' && status.inForce ? (ko ? `${status.inForce} 발효` : `in force from ${status.inForce}`) : '',
    status.notified ? (ko ? `WTO 통보 ${status.notified}` : `notified to the WTO ${status.notified}`) : '',
    status.implementationEnds ? (ko ? `이행 기간 종료 ${status.implementationEnds}` : `phase-in ends ${status.implementationEnds}`) : '',
  ].filter(Boolean);
  return details.length ? `${main} (${details.join('; ')})` : main;
}

const CURRENT: Record<Exclude<CurrentState, AgreementStatus['state']>, { ko: string; en: string }> = {
  concluded: { ko: '서명', en: 'Signed' },
  released: { ko: '공개', en: 'Released' },
  operative: { ko: '운용 개시', en: 'Operative' },
  implementing: { ko: '이행 중', en: 'Being implemented' },
  paused: { ko: '이행 중단', en: 'Implementation paused' },
  ended: { ko: '종료', en: 'Ended' },
};

/** The name of a state alone (group headings): "Implementation paused", "In force". */
export function currentStateLabel(state: CurrentState, lang: Lang): string {
  return state in STATE ? STATE[state as AgreementStatus['state']][lang] : CURRENT[state as keyof typeof CURRENT][lang];
}

/**
 * An agreement's current status as derived from its events (`currentStatus`): "Implementation paused since 2025-12",
 * "Being implemented since 2026-02-21"; for a treaty without events, its WTO status (`statusLabel`).
 */
export function currentStatusLabel(status: CurrentStatus, lang: Lang): string {
  if (status.wto) return statusLabel(status.wto, lang);
  const name = currentStateLabel(status.state, lang);
  return status.since ? (lang === 'ko' ? `${status.since}부터 ${name}` : `${name} since ${status.since}`) : name;
}

/** `currentStatusLabel` of the agreement, or undefined when neither events nor WTO facts give a status. */
export function agreementStatusLabel(agreement: Pick<Agreement, 'events' | 'status'>, lang: Lang): string | undefined {
  const status = currentStatus(agreement);
  return status && currentStatusLabel(status, lang);
}

const EVENT_KIND: Record<EventKind, { ko: string; en: string }> = {
  announced: { ko: '발표', en: 'Announced' },
  signed: { ko: '서명', en: 'Signed' },
  released: { ko: '공개', en: 'Released' },
  operative: { ko: '운용 개시', en: 'Became operative' },
  implementation: { ko: '이행', en: 'Implementation' },
  'meeting-planned': { ko: '회의 예정', en: 'Meeting planned' },
  paused: { ko: '이행 중단', en: 'Paused' },
  resumed: { ko: '재개', en: 'Resumed' },
  ended: { ko: '종료', en: 'Ended' },
  related: { ko: '관련 사건', en: 'Related' },
};

export function eventKindLabel(kind: EventKind, lang: Lang): string {
  return EVENT_KIND[kind]?.[lang] ?? kind;
}
