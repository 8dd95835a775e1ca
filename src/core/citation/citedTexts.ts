// What each memo cited: the text a provision had when the memo first cited it, so that a later change of that text in
// the catalog can be pointed out at the citation ("the provision now reads …") until the analyst acknowledges it.
//
// Rules: a memo's citation is remembered the first time it is seen; it "changed" when the provision's current text
// (any language) differs from the remembered one; acknowledging remembers the current text. Citations to former ids
// are remembered under the provision's current uid. Nothing here touches a memo's text.
//
// Cost: texts are stored once per distinct version (keyed by a hash), memos store uid → hash, so the state grows with
// the number of citations, not with text size × memos. Plain JSON: the VS Code side keeps it in workspace state.
import type { Catalog, Texts } from '../catalog/model';
import { resolveCitation } from './citation';

export interface CitedTextsState {
  /** Text versions by hash. */
  texts: Record<string, Texts>;
  /** memo key → provision uid → hash of the text it cited. */
  memos: Record<string, Record<string, string>>;
}

export interface ChangedCitation {
  uid: string;
  before: Texts;
  now: Texts;
}

/** FNV-1a over the JSON of a text in a fixed key order: a stable fingerprint, not a security measure. */
export function textHash(value: Texts): string {
  const json = JSON.stringify(Object.keys(value).sort().map((k) => [k, value[k as keyof Texts]]));
  let h = 0x811c9dc5;
  for (let i = 0; i < json.length; i++) {
    h ^= json.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

export class CitedTexts {
  private state: CitedTextsState;
  /** Bumped on every change, so callers can persist lazily. */
  version = 0;

  constructor(state?: unknown) {
    // A deep enough copy: acknowledging must not change the object it was given (the stored state).
    this.state = isState(state) ? { texts: { ...state.texts }, memos: Object.fromEntries(Object.entries(state.memos).map(([memo, cited]) => [memo, { ...cited }])) } : { texts: {}, memos: {} };
  }

  /** The state to persist; text versions no memo refers to any more are dropped first (here, not on every change). */
  toJSON(): CitedTextsState {
    this.collect();
    return this.state;
  }

  /**
   * Records what the memo cites now (first sighting of a citation remembers the current text), forgets citations the
   * memo no longer has, and returns those whose provision text differs from the remembered one.
   */
  observe(memo: string, citedUids: Iterable<string>, catalog: Catalog): ChangedCitation[] {
    const before = this.state.memos[memo] ?? {};
    const next: Record<string, string> = {};
    const changed: ChangedCitation[] = [];
    let dirty = false;
    for (const cited of citedUids) {
      const resolved = resolveCitation(catalog, cited);
      if (!resolved) {
        // A citation that no longer resolves keeps what it cited: the text helps find the provision it meant.
        if (before[cited] !== undefined) next[cited] = before[cited];
        continue;
      }
      const { uid, text } = resolved.provision;
      if (uid in next) continue;
      const hash = textHash(text);
      const known = before[uid];
      if (known === undefined || !this.state.texts[known]) {
        this.state.texts[hash] ??= text;
        next[uid] = hash;
        dirty = true;
      } else {
        next[uid] = known;
        if (known !== hash && this.state.texts[known]) changed.push({ uid, before: this.state.texts[known], now: text });
      }
    }
    if (Object.keys(before).some((uid) => !(uid in next))) dirty = true;
    if (dirty) {
      if (Object.keys(next).length) this.state.memos[memo] = next;
      else delete this.state.memos[memo];
      this.version++;
    }
    return changed;
  }

  /** The text a memo's citation had when the memo cited it (also for a citation that no longer resolves). */
  remembered(memo: string, uid: string): Texts | undefined {
    const hash = this.state.memos[memo]?.[uid];
    return hash === undefined ? undefined : this.state.texts[hash];
  }

  /** The analyst has seen the new text: remember it as what the memo cites. */
  acknowledge(memo: string, uid: string, catalog: Catalog): boolean {
    const provision = resolveCitation(catalog, uid)?.provision;
    const cited = this.state.memos[memo];
    if (!provision || !cited || !(provision.uid in cited)) return false;
    const hash = textHash(provision.text);
    this.state.texts[hash] ??= provision.text;
    cited[provision.uid] = hash;
    this.version++;
    return true;
  }

  rename(from: string, to: string): void {
    const cited = this.state.memos[from];
    if (!cited || from === to) return;
    delete this.state.memos[from];
    this.state.memos[to] = cited;
    this.version++;
  }

  forget(memo: string): void {
    if (!(memo in this.state.memos)) return;
    delete this.state.memos[memo];
    this.version++;
  }

  /** Drops text versions no memo refers to any more. */
  private collect(): void {
    const used = new Set<string>();
    for (const cited of Object.values(this.state.memos)) for (const hash of Object.values(cited)) used.add(hash);
    for (const hash of Object.keys(this.state.texts)) if (!used.has(hash)) delete this.state.texts[hash];
  }
}

function isState(value: unknown): value is CitedTextsState {
  if (!value || typeof value !== 'object') return false;
  const v = value as Partial<CitedTextsState>;
  return !!v.texts && typeof v.texts === 'object' && !!v.memos && typeof v.memos === 'object';
}
