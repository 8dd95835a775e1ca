// The sector rules shipped with the extension (data/rules/sector-rules.json), bundled into the extension so the
// import command and the CLI classify the same way, in Node and in the browser.
import rules from '../../../data/rules/sector-rules.json';
import type { SectorRulesData } from './sectorRules';

export const SECTOR_RULES: SectorRulesData = rules as SectorRulesData;
