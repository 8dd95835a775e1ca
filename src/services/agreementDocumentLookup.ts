import type * as vscode from 'vscode';
import type { TreeTarget } from '../core/tree/treeModel';

/**
 * What other features may ask of the open agreement documents (features/agreementDocument.ts serves them): whether a
 * URI is one, and which provision or agreement it shows at a line. The sidebar uses it to follow the cursor.
 */
export interface AgreementDocumentLookup {
  isAgreementDocument(uri: vscode.Uri): boolean;
  targetAt(uri: vscode.Uri, line: number): TreeTarget | undefined;
}
