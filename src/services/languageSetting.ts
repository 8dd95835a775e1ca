import * as vscode from 'vscode';
import { resolveLanguage } from '../core/text/language';
import type { Lang } from '../core/catalog/model';

/** The catalog language the user asked for: setting `techDealAtlas.language`, `auto` following VS Code's UI. */
export function dataLanguage(): Lang {
  return resolveLanguage(vscode.workspace.getConfiguration('techDealAtlas').get<string>('language'), vscode.env.language);
}

/** Calls `listener` whenever `techDealAtlas.language` changes. */
export function onDidChangeDataLanguage(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('techDealAtlas.language')) listener();
  });
}
