// How a provision is named in lists, citations, hovers, tooltips, documents and the comparison panel.
import { text, type Lang, type Provision } from '../catalog/model';
import { truncate } from '../text/truncate';

/** Longest provision text shown in a label; the full text is in the tooltip and the document. */
const LABEL_MAX = 120;

/** Label of a provision in lists: `3. Joint AI research…`. */
export function provisionLabel(provision: Provision, lang: Lang): string {
  return `${provision.id}. ${truncate(text(provision.text, lang), LABEL_MAX)}`;
}
