// Which disagreements concern which item: the index behind "disputed" marks in the tree, hovers, the agreement
// document and the comparison panel. Built once per catalog (a handful of records; imported catalogs have none),
// looked up by item key in O(1) per tree row or hover.
import type { Catalog, DisagreementData, DisagreementSubject } from '../catalog/model';

/** Key of a disputed item: `agreement:kr-us-tpd`, `field:kr-us-tpd:signatories`, `provision:kr-us-jfs/7`, `event:us-uk-tpd:paused`, `term:kps`, `comparison:tpd-series`. */
export function subjectKey(subject: DisagreementSubject): string {
  if (subject.term !== undefined) return `term:${subject.term}`;
  if (subject.comparison !== undefined) return `comparison:${subject.comparison}`;
  if (subject.provision !== undefined) return `provision:${subject.agreement}/${subject.provision}`;
  if (subject.event !== undefined) return `event:${subject.agreement}:${subject.event}`;
  if (subject.field !== undefined) return `field:${subject.agreement}:${subject.field}`;
  return `agreement:${subject.agreement}`;
}

export class DisagreementIndex {
  private readonly byKey = new Map<string, DisagreementData[]>();
  /** Per agreement, every disagreement about it or anything in it (for agreement rows and documents). */
  private readonly byAgreement = new Map<string, DisagreementData[]>();

  constructor(readonly catalog: Catalog) {
    for (const d of catalog.disagreements) {
      for (const subject of d.about) {
        add(this.byKey, subjectKey(subject), d);
        const agreement = subject.agreement ?? (subject.comparison !== undefined ? catalog.comparisons.find((c) => c.id === subject.comparison)?.subject : undefined);
        if (agreement !== undefined) add(this.byAgreement, agreement, d);
      }
    }
  }

  about(subject: DisagreementSubject): readonly DisagreementData[] {
    return this.byKey.get(subjectKey(subject)) ?? [];
  }

  /** Disagreements about the agreement itself, any of its fields, provisions or events, or a comparison note about it. */
  inAgreement(agreementId: string): readonly DisagreementData[] {
    return this.byAgreement.get(agreementId) ?? [];
  }
}

function add(map: Map<string, DisagreementData[]>, key: string, d: DisagreementData): void {
  const list = map.get(key);
  if (!list) map.set(key, [d]);
  else if (!list.includes(d)) list.push(d);
}

/** The index of a catalog, built on first use and kept as long as the catalog object lives. */
const indexes = new WeakMap<Catalog, DisagreementIndex>();
export function disagreementIndex(catalog: Catalog): DisagreementIndex {
  let index = indexes.get(catalog);
  if (!index) indexes.set(catalog, (index = new DisagreementIndex(catalog)));
  return index;
}
