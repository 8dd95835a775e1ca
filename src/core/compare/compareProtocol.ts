// Messages between the comparison panel's webview (media/compare/main.ts) and the extension
// (src/features/comparePanel.ts). Both sides import this module; each validates what it receives with the parsers
// below, because a message is untrusted input until checked (the webview renders catalog data that users write).
import type { Lang } from '../catalog/model';
import type { RowOrder } from './comparison';

/** The webview panel type, also the key of its serializer (window reload restores panels of this type). */
export const COMPARE_VIEW_TYPE = 'techDealAtlas.compare';

/** What the panel shows; the webview keeps it with `setState` so a window reload restores the panel. */
export interface CompareViewState {
  /** Agreement ids, in column order. */
  agreements: string[];
  /** Catalog language of this panel; absent = follow the `techDealAtlas.language` setting. */
  lang?: Lang;
  differencesOnly: boolean;
  /** Provision texts cut to two lines (full text on focus and in exports); absent = full text. */
  compact?: boolean;
  /** Sector filter: only these sectors; empty = all. */
  sectors: string[];
  order: RowOrder;
  /** A panel opened with "Open in New Panel": the Compare command does not retarget it. */
  detached?: boolean;
}

export const DEFAULT_VIEW: Readonly<CompareViewState> = Object.freeze({ agreements: [], differencesOnly: false, sectors: [], order: 'coverage' });

export type ExportFormat = 'markdown' | 'csv';
/** `clipboard`: copy; `editor`: insert at the cursor of the memo last active; `file`: save dialog. */
export type ExportTarget = 'clipboard' | 'editor' | 'file';

/** Webview → extension. */
export type WebviewMessage =
  /** The page's script is running (sent once per page load): the extension answers with current content. */
  | { type: 'ready' }
  /**
   * `revision` counts the webview's proposals (1, 2, …): the extension echoes the last one it handled in each
   * `render`, so the webview can drop a render that answers an older proposal while a newer one is in flight
   * (toggling two options quickly would otherwise flash the first toggle back for one render).
   */
  | { type: 'setView'; view: CompareViewState; revision?: number }
  | { type: 'export'; requestId: number; format: ExportFormat; target: ExportTarget }
  | { type: 'openProvision'; uid: string }
  | { type: 'revealProvision'; uid: string }
  | { type: 'openAgreement'; id: string }
  | { type: 'revealSector'; id: string }
  | { type: 'chooseAgreements' }
  | { type: 'openInNewPanel' };

/** Extension → webview. */
export type ExtensionMessage =
  /** New content for the panel's `<main>` (rendered by src/core/comparePage.ts) and the view it shows. */
  /** `revision`: the last `setView` revision the extension had handled when it rendered (0 before any). */
  | { type: 'render'; html: string; view: CompareViewState; revision: number }
  /** Outcome of an `export` request, with a sentence for the panel's status line. */
  | { type: 'exported'; requestId: number; ok: boolean; message: string };

// ---------------------------------------------------------------------------------------------
// Validation

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** `agreement/provision`, as the schema allows ids. */
const UID = /^[a-z0-9][a-z0-9-]{0,63}\/[0-9a-z][0-9a-z.-]{0,15}$/;
const MAX_IDS = 200;
const MAX_HTML = 8 * 1024 * 1024;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is string => typeof v === 'string' && ID.test(v);
const isUid = (v: unknown): v is string => typeof v === 'string' && UID.test(v);

/** The provision uid in the argument VS Code passes to a webview context-menu command (`data-vscode-context`). */
export function provisionUidFromContext(arg: unknown): string | undefined {
  return isObj(arg) && arg.webviewSection === 'provision' && isUid(arg.uid) ? arg.uid : undefined;
}
const isIdList = (v: unknown): v is string[] => Array.isArray(v) && v.length <= MAX_IDS && v.every(isId);
const isRequestId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** A view state from the webview or from `getState()` after a reload; undefined if it is not one. */
export function parseViewState(raw: unknown): CompareViewState | undefined {
  if (!isObj(raw)) return undefined;
  const { agreements, lang, differencesOnly, sectors, order, detached, compact } = raw;
  if (!isIdList(agreements) || !isIdList(sectors) || typeof differencesOnly !== 'boolean') return undefined;
  if (order !== 'coverage' && order !== 'catalog') return undefined;
  if (lang !== undefined && lang !== 'ko' && lang !== 'en') return undefined;
  if (detached !== undefined && typeof detached !== 'boolean') return undefined;
  if (compact !== undefined && typeof compact !== 'boolean') return undefined;
  const view: CompareViewState = { agreements: [...new Set(agreements)], differencesOnly, sectors: [...new Set(sectors)], order };
  if (lang) view.lang = lang;
  if (compact) view.compact = true;
  if (detached) view.detached = true;
  return view;
}

/** A message from the webview; undefined (ignore it) if it is not exactly one of `WebviewMessage`. */
export function parseWebviewMessage(raw: unknown): WebviewMessage | undefined {
  if (!isObj(raw)) return undefined;
  switch (raw.type) {
    case 'setView': {
      const view = parseViewState(raw.view);
      if (!view || (raw.revision !== undefined && !isRequestId(raw.revision))) return undefined;
      return raw.revision === undefined ? { type: 'setView', view } : { type: 'setView', view, revision: raw.revision };
    }
    case 'export': {
      const { requestId, format, target } = raw;
      if (!isRequestId(requestId)) return undefined;
      if (format !== 'markdown' && format !== 'csv') return undefined;
      if (target !== 'clipboard' && target !== 'editor' && target !== 'file') return undefined;
      return { type: 'export', requestId, format, target };
    }
    case 'openProvision':
    case 'revealProvision':
      return isUid(raw.uid) ? { type: raw.type, uid: raw.uid } : undefined;
    case 'openAgreement':
    case 'revealSector':
      return isId(raw.id) ? { type: raw.type, id: raw.id } : undefined;
    case 'ready':
    case 'chooseAgreements':
    case 'openInNewPanel':
      return { type: raw.type };
    default:
      return undefined;
  }
}

/** A message from the extension (checked by the webview before it touches the DOM). */
export function parseExtensionMessage(raw: unknown): ExtensionMessage | undefined {
  if (!isObj(raw)) return undefined;
  if (raw.type === 'render') {
    const view = parseViewState(raw.view);
    const revision = raw.revision ?? 0;
    if (!view || !isRequestId(revision) || typeof raw.html !== 'string' || raw.html.length > MAX_HTML) return undefined;
    return { type: 'render', html: raw.html, view, revision };
  }
  if (raw.type === 'exported') {
    const { requestId, ok, message } = raw;
    if (!isRequestId(requestId) || typeof ok !== 'boolean' || typeof message !== 'string') return undefined;
    return { type: 'exported', requestId, ok, message: message.slice(0, 500) };
  }
  return undefined;
}
