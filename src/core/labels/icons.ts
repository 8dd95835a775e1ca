// Codicon ids for catalog entities, the same in the sidebar, quick picks, search results and the comparison panel.
import type { AgreementKind } from '../catalog/model';

const KIND_ICONS: Record<AgreementKind, string> = {
  mou: 'file-text',
  moc: 'file-text',
  'joint-fact-sheet': 'checklist',
  'joint-statement': 'megaphone',
  agreement: 'law',
  'free-trade-agreement': 'law',
  'economic-integration-agreement': 'law',
  'customs-union': 'law',
  'partial-scope-agreement': 'law',
};

export const PROVISION_ICON = 'list-ordered';
export const TERM_ICON = 'symbol-key';

export function agreementKindIcon(kind: AgreementKind): string {
  return KIND_ICONS[kind] ?? 'file';
}
