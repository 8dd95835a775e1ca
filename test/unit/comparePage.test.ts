import { agreementStatusLabel } from '../../src/core/labels/agreementLabels';
import { strict as assert } from 'node:assert';
import { parse, parseFragment } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import { contentSecurityPolicy, createNonce, renderComparePage, renderCompareMain, type ComparePageInput, type ComparePageStrings } from '../../src/core/compare/comparePage';
import { buildComparison, coverageLabel } from '../../src/core/compare/comparison';
import { DEFAULT_VIEW } from '../../src/core/compare/compareProtocol';
import type { Catalog, Lang } from '../../src/core/catalog/model';
import { loadShippedCatalog, syntheticCatalog } from './compareFixtures';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(2)>',
  '"><svg onload=alert(3)>',
  "' onmouseover='alert(4)",
  '[click](javascript:alert(5))',
  '<a href="javascript:alert(6)">six</a>',
  '[run](command:workbench.action.terminal.new)',
  'command:techDealAtlas.reloadCatalog?%5B%5D',
  '<iframe src="https://evil.example"></iframe>',
  '<style>body{display:none}</style>',
];
const hostile = (i: number) => `x ${HOSTILE[i % HOSTILE.length]} y`;

/** A catalog whose every displayed string is hostile (the loader accepts them: they are valid strings). */
function hostileCatalog(): Catalog {
  let n = 0;
  const next = () => hostile(n++);
  return syntheticCatalog(
    ['s1', 's2'],
    [
      { id: 'a', short: next(), official: next(), provisions: [{ id: '1', sectors: ['s1', 's2'], en: next(), ko: next(), heading: next() }] },
      { id: 'b', short: next(), official: next(), provisions: [{ id: '1', sectors: ['s1'], en: next(), ko: next() }] },
    ],
    [{ id: 'n', subject: 'a', against: ['b'], sectors: ['s1'], text: { ko: next(), en: next() }, provenance: [{ source: 'src', locator: { paragraph: 1 } }] }],
    { s1: next(), s2: next() },
  );
}

const STRINGS: ComparePageStrings = new Proxy({} as ComparePageStrings, { get: (_, key) => `«${String(key)}»` });

function input(catalog: Catalog, ids: string[], lang: Lang = 'en', strings = STRINGS): ComparePageInput {
  return { catalog, comparison: buildComparison(catalog, ids), view: { ...DEFAULT_VIEW, agreements: ids }, lang, uiLanguage: 'en', strings };
}

const RESOURCES = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'n0nce0123456789abcdef0123456789abcdef',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/compare.js',
  styleUris: ['https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/codicon.css', 'https://file+.vscode-resource.vscode-cdn.net/ext/media/compare/compare.css'],
};

function* walk(node: Node): Generator<Node> {
  yield node;
  const children = 'childNodes' in node ? node.childNodes : [];
  for (const child of children) yield* walk(child);
  if (node.nodeName === 'template') yield* walk((node as Element & { content: Node }).content);
}
const elements = (root: Node) => [...walk(root)].filter((n): n is Element => 'tagName' in n);
const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value;
const textOf = (node: Node): string => [...walk(node)].map((n) => (n.nodeName === '#text' ? (n as DefaultTreeAdapterMap['textNode']).value : '')).join('');
const byClass = (root: Node, cls: string) => elements(root).filter((el) => (attr(el, 'class') ?? '').split(/\s+/).includes(cls));

/** What makes markup active: elements that load or run something, handler attributes, URL attributes, inline styles. */
function assertInert(root: Node, allowedUrls: readonly string[]): void {
  const all = elements(root);
  const active = all.filter((el) => ['script', 'img', 'svg', 'iframe', 'object', 'embed', 'a', 'style', 'form', 'base', 'meta', 'link'].includes(el.tagName));
  for (const el of active) {
    if (el.tagName === 'meta' && (attr(el, 'charset') || attr(el, 'name') === 'viewport' || attr(el, 'http-equiv') === 'Content-Security-Policy')) continue;
    if (el.tagName === 'link' && attr(el, 'rel') === 'stylesheet' && allowedUrls.includes(attr(el, 'href')!)) continue;
    if (el.tagName === 'script' && allowedUrls.includes(attr(el, 'src')!) && !textOf(el).trim()) continue;
    assert.fail(`active element <${el.tagName} ${el.attrs.map((a) => `${a.name}="${a.value}"`).join(' ')}>`);
  }
  for (const el of all) {
    for (const a of el.attrs) {
      assert.ok(!/^on/i.test(a.name), `event handler attribute ${a.name} on <${el.tagName}>`);
      assert.notEqual(a.name, 'style', `inline style on <${el.tagName}>`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'srcset', 'poster'].includes(a.name)) {
        assert.ok(allowedUrls.includes(a.value), `<${el.tagName} ${a.name}="${a.value}">`);
      }
    }
  }
}

describe('comparison panel HTML', () => {
  const catalog = hostileCatalog();

  it('renders hostile catalog strings as inert text: no element, handler, URL or style comes from data', () => {
    let shown = '';
    for (const lang of ['en', 'ko'] as Lang[]) {
      const doc = parse(renderComparePage(input(catalog, ['a', 'b'], lang), RESOURCES));
      assertInert(doc, [RESOURCES.scriptUri, ...RESOURCES.styleUris]);
      assert.equal(elements(doc).filter((el) => el.tagName === 'script').length, 1);
      shown += textOf(doc) + elements(doc).flatMap((el) => el.attrs.map((a) => a.value)).join('\n');
    }
    // The strings are still shown, verbatim, as text (or tooltips), in one language or the other.
    for (const s of HOSTILE) assert.ok(shown.includes(s), `${s} is displayed as text`);
  });

  it('keeps the fragment sent on every update (render message) inert too', () => {
    const fragment = parseFragment(renderCompareMain(input(catalog, ['a', 'b'])));
    assertInert(fragment, []);
    assert.ok(textOf(fragment).includes('<img src=x onerror=alert(2)>'));
  });

  it('keeps a hostile UI translation inert as well', () => {
    const evil = new Proxy({} as ComparePageStrings, { get: (_, key) => `${String(key)} <img src=x onerror=alert(1)>` });
    const doc = parse(renderComparePage(input(catalog, ['a', 'b'], 'en', evil), RESOURCES));
    assertInert(doc, [RESOURCES.scriptUri, ...RESOURCES.styleUris]);
  });

  it('sets a strict CSP meta tag first in <head>, and the nonce on every script', () => {
    const doc = parse(renderComparePage(input(catalog, ['a', 'b']), RESOURCES));
    const head = elements(doc).find((el) => el.tagName === 'head')!;
    const headElements = head.childNodes.filter((n): n is Element => 'tagName' in n);
    const csp = headElements.find((el) => attr(el, 'http-equiv') === 'Content-Security-Policy');
    assert.ok(csp, 'a CSP meta tag');
    const beforeCsp = headElements.slice(0, headElements.indexOf(csp)).map((el) => el.tagName);
    assert.deepEqual(beforeCsp, ['meta'], 'only <meta charset> precedes the CSP');
    const policy = Object.fromEntries(
      attr(csp, 'content')!
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );
    assert.deepEqual(policy, {
      'default-src': ["'none'"],
      'style-src': [RESOURCES.cspSource],
      'font-src': [RESOURCES.cspSource],
      'img-src': [RESOURCES.cspSource],
      'script-src': [`'nonce-${RESOURCES.nonce}'`],
    });
    const scripts = elements(doc).filter((el) => el.tagName === 'script');
    assert.ok(scripts.length >= 1);
    for (const s of scripts) assert.equal(attr(s, 'nonce'), RESOURCES.nonce);
  });

  it('uses a fresh, unguessable nonce per load', () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce));
    assert.equal(nonces.size, 50);
    for (const n of nonces) assert.match(n, /^[0-9a-f]{36}$/, '144 random bits, hex (valid in a CSP source)');
    assert.ok(contentSecurityPolicy('x', 'abc').includes("script-src 'nonce-abc'"));
  });

  describe('on the three Technology Prosperity Deals', () => {
    let shipped: Catalog;
    const TPDS = ['kr-us-tpd', 'us-uk-tpd', 'us-jp-tpd'];
    before(async () => {
      shipped = await loadShippedCatalog();
    });

    it('is a real table: a caption, one column header per agreement, one row header per sector', () => {
      const view = input(shipped, TPDS);
      const doc = parse(renderComparePage(view, RESOURCES));
      const table = elements(doc).find((el) => el.tagName === 'table')!;
      assert.ok(elements(table).some((el) => el.tagName === 'caption'));
      const colHeaders = elements(table).filter((el) => el.tagName === 'th' && attr(el, 'scope') === 'col');
      assert.deepEqual(
        colHeaders.slice(1).map((th) => attr(th, 'data-agreement')),
        TPDS,
      );
      const rowHeaders = elements(table).filter((el) => el.tagName === 'th' && attr(el, 'scope') === 'row');
      assert.equal(rowHeaders.length, view.comparison!.rows.length);
      const cellsPerRow = elements(table)
        .filter((el) => el.tagName === 'tr' && el.parentNode?.nodeName === 'tbody')
        .map((tr) => tr.childNodes.filter((n) => n.nodeName === 'td').length);
      assert.deepEqual(new Set(cellsPerRow), new Set([TPDS.length]));
    });

    it('marks every row’s coverage with text and an icon, not colour alone', () => {
      const view = input(shipped, TPDS, 'ko');
      const doc = parse(renderComparePage(view, RESOURCES));
      const rows = elements(doc).filter((el) => el.tagName === 'tr' && el.parentNode?.nodeName === 'tbody');
      rows.forEach((tr, i) => {
        const row = view.comparison!.rows[i];
        assert.equal(attr(tr, 'data-sector'), row.sector.id);
        const badge = byClass(tr, 'badge')[0];
        assert.equal(textOf(badge).trim(), coverageLabel(row, view.comparison!, 'ko'));
        assert.ok(elements(badge).some((el) => /\bcodicon-/.test(attr(el, 'class') ?? '')), 'badge has an icon');
      });
    });

    it('shows each agreement’s title, date, parties, kind, legal nature and provision count in its header', () => {
      const doc = parse(renderComparePage(input(shipped, TPDS), RESOURCES));
      for (const id of TPDS) {
        const agreement = shipped.agreements.get(id)!;
        const th = elements(doc).find((el) => el.tagName === 'th' && attr(el, 'data-agreement') === id)!;
        const t = textOf(th);
        assert.ok(t.includes(agreement.title.short.en), t);
        assert.ok(t.includes(agreement.date ?? 'Date not given'), t);
        assert.ok(/MOU|MOC/.test(t), t);
        // The status the agreement's events give (the UK deal's pause shows in its header).
        assert.ok(t.includes(agreementStatusLabel(agreement, 'en')!), t);
        assert.ok(t.includes(`${agreement.provisions.length} provisions`), t);
        assert.ok(/legally binding|Legal nature not stated/.test(t), t);
      }
    });

    it('lists every provision of every cell as a button naming its uid, and the source’s comparisons', () => {
      const view = input(shipped, TPDS);
      const doc = parse(renderComparePage(view, RESOURCES));
      const buttons = elements(doc).filter((el) => attr(el, 'data-action') === 'openProvision');
      const expected = view.comparison!.rows.flatMap((r) => r.cells.flat().map((p) => p.uid));
      assert.deepEqual(buttons.map((b) => attr(b, 'data-uid')), expected);
      // Each provision offers VS Code's webview context menu (Copy Citation, Reveal in Tree) for its own uid.
      const contexts = byClass(doc, 'provision-item').map((li) => JSON.parse(attr(li, 'data-vscode-context')!));
      assert.deepEqual(contexts.map((c) => [c.webviewSection, c.uid, c.preventDefaultContextMenuItems]), expected.map((uid) => ['provision', uid, true]));
      const notes = byClass(doc, 'note');
      assert.equal(notes.length, view.comparison!.notes.length);
      assert.ok(notes.length >= 2);
    });

    it('puts the catalog language on the comparison and the UI language on the document', () => {
      const doc = parse(renderComparePage({ ...input(shipped, TPDS, 'ko'), uiLanguage: 'en' }, RESOURCES));
      assert.equal(attr(elements(doc).find((el) => el.tagName === 'html')!, 'lang'), 'en');
      assert.equal(attr(elements(doc).find((el) => el.tagName === 'table')!, 'lang'), 'ko');
    });
  });

  it('shows a loading state before the catalog is ready, and an empty state without agreements', () => {
    const loading = parseFragment(renderCompareMain({ ...input(catalog, []), catalog: undefined, comparison: undefined }));
    assert.ok(textOf(loading).includes('«loading»'));
    const empty = parseFragment(renderCompareMain(input(catalog, [])));
    assert.ok(textOf(empty).includes('«noAgreements»'));
    assert.equal(elements(empty).filter((el) => el.tagName === 'table').length, 0);
    const strings = new Proxy({} as ComparePageStrings, { get: (_, key) => (key === 'missing' ? 'Not in the catalog: {0}' : String(key)) });
    const missing = parseFragment(renderCompareMain(input(catalog, ['a', 'gone'], 'en', strings)));
    assert.ok(textOf(missing).includes('Not in the catalog: gone'));
  });
});
