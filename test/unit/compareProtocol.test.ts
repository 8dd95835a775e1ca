import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { DEFAULT_VIEW, parseExtensionMessage, parseViewState, parseWebviewMessage, provisionUidFromContext } from '../../src/core/compare/compareProtocol';

const VIEW = { agreements: ['kr-us-tpd', 'us-uk-tpd'], differencesOnly: true, sectors: ['ai'], order: 'catalog', lang: 'ko' };

describe('comparison panel protocol', () => {
  it('accepts every message the webview sends, as sent', () => {
    const messages = [
      { type: 'setView', view: VIEW },
      { type: 'setView', view: VIEW, revision: 7 },
      { type: 'export', requestId: 3, format: 'markdown', target: 'clipboard' },
      { type: 'export', requestId: 0, format: 'csv', target: 'file' },
      { type: 'export', requestId: 4, format: 'markdown', target: 'editor' },
      { type: 'openProvision', uid: 'kr-us-tpd/12' },
      { type: 'revealProvision', uid: 'us-jp-tpd/1.a' },
      { type: 'openAgreement', id: 'kr-us-tpd' },
      { type: 'revealSector', id: 'semiconductors-computing' },
      { type: 'ready' },
      { type: 'chooseAgreements' },
      { type: 'openInNewPanel' },
    ];
    for (const m of messages) assert.deepEqual(parseWebviewMessage(m), m);
  });

  it('drops what is not exactly the protocol: unknown types, bad ids, wrong enums, extra fields', () => {
    const bad: unknown[] = [
      null,
      'setView',
      [],
      { type: 'runCommand', command: 'workbench.action.terminal.new' },
      { type: 'export', requestId: -1, format: 'markdown', target: 'clipboard' },
      { type: 'export', requestId: 1.5, format: 'markdown', target: 'clipboard' },
      { type: 'export', requestId: 1, format: 'html', target: 'clipboard' },
      { type: 'export', requestId: 1, format: 'csv', target: 'terminal' },
      { type: 'openProvision', uid: 'javascript:alert(1)' },
      { type: 'openProvision', uid: 'kr-us-tpd' },
      { type: 'openAgreement', id: '../../etc/passwd' },
      { type: 'revealSector', id: 'A' },
      { type: 'setView', view: { ...VIEW, agreements: ['<script>'] } },
      { type: 'setView', view: { ...VIEW, lang: 'fr' } },
      { type: 'setView', view: { ...VIEW, order: 'random' } },
      { type: 'setView', view: { ...VIEW, differencesOnly: 'yes' } },
      { type: 'setView', view: { ...VIEW, sectors: 'ai' } },
      { type: 'setView', view: VIEW, revision: -1 },
      { type: 'setView', view: VIEW, revision: '2' },
      { type: 'setView', view: { ...VIEW, agreements: Array.from({ length: 201 }, (_, i) => `a${i}`) } },
    ];
    for (const m of bad) assert.equal(parseWebviewMessage(m), undefined, JSON.stringify(m)?.slice(0, 100));
    // Extra fields never pass through to the handler.
    assert.deepEqual(parseWebviewMessage({ type: 'openAgreement', id: 'a', command: 'x' }), { type: 'openAgreement', id: 'a' });
    assert.deepEqual(parseViewState({ ...VIEW, html: '<b>' }), VIEW);
  });

  it('normalises a view state: repeats dropped, absent language kept absent', () => {
    assert.deepEqual(parseViewState({ ...DEFAULT_VIEW, agreements: ['a', 'b', 'a'], sectors: ['s', 's'] }), {
      agreements: ['a', 'b'],
      differencesOnly: false,
      sectors: ['s'],
      order: 'coverage',
    });
  });

  it('checks what the extension sends before the webview uses it', () => {
    assert.deepEqual(parseExtensionMessage({ type: 'render', html: '<p>x</p>', view: VIEW, revision: 3 }), { type: 'render', html: '<p>x</p>', view: VIEW, revision: 3 });
    // A render without a revision answers no proposal (revision 0).
    assert.deepEqual(parseExtensionMessage({ type: 'render', html: '<p>x</p>', view: VIEW }), { type: 'render', html: '<p>x</p>', view: VIEW, revision: 0 });
    assert.equal(parseExtensionMessage({ type: 'render', html: '<p>x</p>', view: VIEW, revision: NaN }), undefined);
    assert.equal(parseExtensionMessage({ type: 'render', html: 1, view: VIEW }), undefined);
    assert.equal(parseExtensionMessage({ type: 'render', html: '', view: {} }), undefined);
    assert.deepEqual(parseExtensionMessage({ type: 'exported', requestId: 2, ok: false, message: 'm' }), { type: 'exported', requestId: 2, ok: false, message: 'm' });
    assert.equal(parseExtensionMessage({ type: 'eval', code: 'alert(1)' }), undefined);
  });

  it('reads a provision uid only from a provision context-menu argument', () => {
    assert.equal(provisionUidFromContext({ webview: 'techDealAtlas.compare', webviewSection: 'provision', uid: 'kr-us-tpd/3' }), 'kr-us-tpd/3');
    assert.equal(provisionUidFromContext({ webviewSection: 'agreement', uid: 'kr-us-tpd/3' }), undefined);
    assert.equal(provisionUidFromContext({ webviewSection: 'provision', uid: 'command:x' }), undefined);
    assert.equal(provisionUidFromContext('kr-us-tpd/3'), undefined);
  });

  it('never throws and never lets an arbitrary value through unchanged unless it is a valid message', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const parsed = parseWebviewMessage(value);
        if (parsed) assert.deepEqual(parseWebviewMessage(parsed), parsed, 'a parsed message is a fixed point');
        parseExtensionMessage(value);
        parseViewState(value);
      }),
      { numRuns: 2000 },
    );
  });
});
