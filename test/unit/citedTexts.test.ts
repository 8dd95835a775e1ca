// What each memo cited (citedTexts.ts): the text remembered at first sight, a later change of that text reported with
// before/now until acknowledged, renamed and forgotten memos, broken citations keeping their text, former uids, and
// a state that survives JSON (and garbage in place of it).
import { strict as assert } from 'node:assert';
import { oneAgreementCatalog } from './citationFixtures';
import type { Catalog, Texts } from '../../src/core/catalog/model';
import { CitedTexts, textHash, type CitedTextsState } from '../../src/core/citation/citedTexts';

interface ProvisionSpec {
  id: string;
  text: Texts;
  formerIds?: string[];
}

/** Catalog versions of one agreement `xa`: the same uids, texts as each test needs. */
function catalogWith(provisions: ProvisionSpec[]): Catalog {
  return oneAgreementCatalog({
    provisions: provisions.map((p) => ({ id: p.id, ...(p.formerIds ? { formerIds: p.formerIds } : {}), sectors: ['ai'], text: p.text, provenance: [{ source: 'press' }] })),
  });
}

const OLD_1: Texts = { ko: '첫 조항.', en: 'First provision.' };
const NEW_1: Texts = { ko: '첫 조항 (개정).', en: 'First provision, as amended.' };
const TEXT_2: Texts = { ko: '둘째 조항.', en: 'Second provision.' };

const v1 = () => catalogWith([{ id: '1', text: OLD_1 }, { id: '2', text: TEXT_2 }]);
const v2 = () => catalogWith([{ id: '1', text: NEW_1 }, { id: '2', text: TEXT_2 }]);

/** A state through JSON and back, as workspace state stores it. */
const roundTrip = (cited: CitedTexts) => new CitedTexts(JSON.parse(JSON.stringify(cited.toJSON())));

describe('cited texts', () => {
  it('the first observation remembers each cited text and reports no change', () => {
    const cited = new CitedTexts();
    assert.deepEqual(cited.observe('a.md', ['xa/1', 'xa/2'], v1()), []);
    assert.deepEqual(cited.remembered('a.md', 'xa/1'), OLD_1);
    assert.deepEqual(cited.remembered('a.md', 'xa/2'), TEXT_2);
    assert.equal(cited.remembered('a.md', 'xa/3'), undefined);
    assert.equal(cited.remembered('b.md', 'xa/1'), undefined);
    // Observing the same again changes nothing.
    const version = cited.version;
    assert.deepEqual(cited.observe('a.md', ['xa/1', 'xa/2'], v1()), []);
    assert.equal(cited.version, version);
  });

  it('a provision whose text changed in the catalog is reported with the text cited and the text now', () => {
    const cited = new CitedTexts();
    cited.observe('a.md', ['xa/1', 'xa/2'], v1());
    assert.deepEqual(cited.observe('a.md', ['xa/1', 'xa/2'], v2()), [{ uid: 'xa/1', before: OLD_1, now: NEW_1 }]);
    // Until acknowledged, every observation reports it again, and what the memo cited stays the old text.
    assert.deepEqual(cited.observe('a.md', ['xa/2', 'xa/1'], v2()), [{ uid: 'xa/1', before: OLD_1, now: NEW_1 }]);
    assert.deepEqual(cited.remembered('a.md', 'xa/1'), OLD_1);
  });

  it('a change in one language only is a change', () => {
    const cited = new CitedTexts();
    cited.observe('a.md', ['xa/1'], v1());
    const koOnly = catalogWith([{ id: '1', text: { ...OLD_1, ko: '첫 조항 (한국어만 고침).' } }]);
    assert.deepEqual(cited.observe('a.md', ['xa/1'], koOnly), [{ uid: 'xa/1', before: OLD_1, now: { ...OLD_1, ko: '첫 조항 (한국어만 고침).' } }]);
  });

  it('each memo compares with what it cited itself: a memo first citing the new text sees no change', () => {
    const cited = new CitedTexts();
    cited.observe('old.md', ['xa/1'], v1());
    assert.deepEqual(cited.observe('new.md', ['xa/1'], v2()), []);
    assert.deepEqual(cited.observe('old.md', ['xa/1'], v2()), [{ uid: 'xa/1', before: OLD_1, now: NEW_1 }]);
    assert.deepEqual(cited.remembered('new.md', 'xa/1'), NEW_1);
  });

  it('acknowledge remembers the current text: the change is no longer reported', () => {
    const cited = new CitedTexts();
    cited.observe('a.md', ['xa/1'], v1());
    assert.equal(cited.acknowledge('a.md', 'xa/1', v2()), true);
    assert.deepEqual(cited.remembered('a.md', 'xa/1'), NEW_1);
    assert.deepEqual(cited.observe('a.md', ['xa/1'], v2()), []);
    // Back to the old text (a catalog rolled back): that is a change again, from the acknowledged text.
    assert.deepEqual(cited.observe('a.md', ['xa/1'], v1()), [{ uid: 'xa/1', before: NEW_1, now: OLD_1 }]);
  });

  it('acknowledge refuses what the memo does not cite, unknown memos and uids the catalog does not know', () => {
    const cited = new CitedTexts();
    cited.observe('a.md', ['xa/1'], v1());
    const version = cited.version;
    assert.equal(cited.acknowledge('a.md', 'xa/2', v2()), false, 'not cited by the memo');
    assert.equal(cited.acknowledge('b.md', 'xa/1', v2()), false, 'unknown memo');
    assert.equal(cited.acknowledge('a.md', 'xa/9', v2()), false, 'not in the catalog');
    assert.equal(cited.version, version);
    assert.deepEqual(cited.remembered('a.md', 'xa/1'), OLD_1);
  });

  it('a citation the memo no longer has is forgotten: citing it again remembers the text of that moment', () => {
    const cited = new CitedTexts();
    cited.observe('a.md', ['xa/1', 'xa/2'], v1());
    cited.observe('a.md', ['xa/2'], v1());
    assert.equal(cited.remembered('a.md', 'xa/1'), undefined);
    assert.deepEqual(cited.observe('a.md', ['xa/1', 'xa/2'], v2()), []);
    assert.deepEqual(cited.remembered('a.md', 'xa/1'), NEW_1);
  });

  it('rename moves what a memo cited; forget drops it', () => {
    const cited = new CitedTexts();
    cited.observe('a.md', ['xa/1'], v1());
    cited.rename('a.md', 'b.md');
    assert.equal(cited.remembered('a.md', 'xa/1'), undefined);
    assert.deepEqual(cited.remembered('b.md', 'xa/1'), OLD_1);
    assert.deepEqual(cited.observe('b.md', ['xa/1'], v2()), [{ uid: 'xa/1', before: OLD_1, now: NEW_1 }], 'the change follows the memo');
    cited.forget('b.md');
    assert.equal(cited.remembered('b.md', 'xa/1'), undefined);
    assert.deepEqual(cited.toJSON(), { texts: {}, memos: {} }, 'no text is kept for nobody');
    // Renaming or forgetting what is not there, and renaming onto itself, change nothing.
    const version = cited.version;
    cited.rename('nope.md', 'x.md');
    cited.forget('nope.md');
    cited.observe('c.md', ['xa/1'], v1());
    const after = cited.version;
    cited.rename('c.md', 'c.md');
    assert.equal(cited.version, after);
    assert.ok(after > version);
    assert.deepEqual(cited.remembered('c.md', 'xa/1'), OLD_1);
  });

  it('a broken citation keeps its remembered text (what the quick fix searches for)', () => {
    const cited = new CitedTexts();
    cited.observe('a.md', ['xa/1', 'xa/2'], v1());
    const withoutFirst = catalogWith([{ id: '2', text: TEXT_2 }]);
    assert.deepEqual(cited.observe('a.md', ['xa/1', 'xa/2'], withoutFirst), []);
    assert.deepEqual(cited.remembered('a.md', 'xa/1'), OLD_1);
    // It survives persisting too.
    assert.deepEqual(roundTrip(cited).remembered('a.md', 'xa/1'), OLD_1);
    // A citation broken from its first sighting has nothing to remember.
    assert.deepEqual(cited.observe('a.md', ['xa/1', 'xa/2', 'xa/404'], withoutFirst), []);
    assert.equal(cited.remembered('a.md', 'xa/404'), undefined);
    // Once the memo drops the broken citation, its text goes.
    cited.observe('a.md', ['xa/2'], withoutFirst);
    assert.equal(cited.remembered('a.md', 'xa/1'), undefined);
  });

  it('a former uid is remembered under the provision’s current uid, and one entry serves both spellings', () => {
    const renumbered = (text: Texts) => catalogWith([{ id: '7', formerIds: ['2'], text }]);
    const cited = new CitedTexts();
    assert.deepEqual(cited.observe('a.md', ['xa/2', 'xa/7'], renumbered(OLD_1)), []);
    assert.deepEqual(cited.remembered('a.md', 'xa/7'), OLD_1);
    assert.equal(cited.remembered('a.md', 'xa/2'), undefined, 'stored under the current uid only');
    assert.deepEqual(cited.observe('a.md', ['xa/2'], renumbered(NEW_1)), [{ uid: 'xa/7', before: OLD_1, now: NEW_1 }]);
    assert.equal(cited.acknowledge('a.md', 'xa/2', renumbered(NEW_1)), true, 'acknowledged by the uid as written');
    assert.deepEqual(cited.observe('a.md', ['xa/2'], renumbered(NEW_1)), []);
  });

  it('the state round-trips through JSON: remembered texts, pending changes and acknowledgements', () => {
    const cited = new CitedTexts();
    cited.observe('a.md', ['xa/1', 'xa/2'], v1());
    cited.observe('b.md', ['xa/1'], v1());
    cited.acknowledge('b.md', 'xa/1', v2());
    const restored = roundTrip(cited);
    assert.deepEqual(restored.toJSON(), cited.toJSON());
    assert.deepEqual(restored.observe('a.md', ['xa/1', 'xa/2'], v2()), [{ uid: 'xa/1', before: OLD_1, now: NEW_1 }]);
    assert.deepEqual(restored.observe('b.md', ['xa/1'], v2()), []);
    assert.deepEqual(restored.remembered('a.md', 'xa/2'), TEXT_2);
  });

  it('toJSON keeps each text version once, keyed by its hash, and drops versions no memo cites', () => {
    const cited = new CitedTexts();
    cited.observe('a.md', ['xa/1'], v1());
    cited.observe('b.md', ['xa/1'], v1());
    cited.observe('c.md', ['xa/1'], v2());
    const state: CitedTextsState = cited.toJSON();
    assert.deepEqual(state.texts, { [textHash(OLD_1)]: OLD_1, [textHash(NEW_1)]: NEW_1 });
    assert.deepEqual(state.memos, {
      'a.md': { 'xa/1': textHash(OLD_1) },
      'b.md': { 'xa/1': textHash(OLD_1) },
      'c.md': { 'xa/1': textHash(NEW_1) },
    });
    cited.forget('c.md');
    assert.deepEqual(Object.keys(cited.toJSON().texts), [textHash(OLD_1)]);
  });

  it('textHash does not depend on key order, and tells texts apart', () => {
    assert.equal(textHash({ ko: 'a', en: 'b' }), textHash({ en: 'b', ko: 'a' }));
    assert.notEqual(textHash(OLD_1), textHash(NEW_1));
    assert.notEqual(textHash({ ko: 'a', en: 'b' }), textHash({ ko: 'b', en: 'a' }));
    assert.match(textHash(OLD_1), /^[0-9a-z]+$/);
  });

  it('garbage in place of a state gives an empty one that works (and persists)', () => {
    const garbage: unknown[] = [undefined, null, 0, 42, 'state', true, [], {}, { texts: {} }, { memos: {} }, { texts: 1, memos: {} }, { texts: {}, memos: 'x' }, { texts: [], memos: [] }];
    for (const state of garbage) {
      const cited = new CitedTexts(state);
      const label = JSON.stringify(state) ?? String(state);
      assert.deepEqual(cited.toJSON(), { texts: {}, memos: {} }, label);
      assert.deepEqual(cited.observe('a.md', ['xa/1'], v1()), [], label);
      assert.deepEqual(cited.remembered('a.md', 'xa/1'), OLD_1, label);
      // Persisted and restored, the memo still sees the change.
      assert.deepEqual(roundTrip(cited).observe('a.md', ['xa/1'], v2()), [{ uid: 'xa/1', before: OLD_1, now: NEW_1 }], `${label} after a round trip`);
    }
  });

  it('a memo entry pointing at a text the state lacks (a damaged state) is remembered afresh, not stuck', () => {
    for (const hash of ['deadbeef', 42, null]) {
      const cited = new CitedTexts({ texts: {}, memos: { 'a.md': { 'xa/1': hash } } });
      assert.deepEqual(cited.observe('a.md', ['xa/1'], v1()), [], String(hash));
      assert.deepEqual(cited.remembered('a.md', 'xa/1'), OLD_1, String(hash));
      assert.deepEqual(cited.observe('a.md', ['xa/1'], v2()), [{ uid: 'xa/1', before: OLD_1, now: NEW_1 }], String(hash));
    }
  });
});
