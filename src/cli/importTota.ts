// npm run import:tota -- <xml files or folders> --out <folder>
// Imports ToTA treaty XML into catalog files (one per treaty, `tota-<id>.json`), as the Import Treaties command does
// inside VS Code. Each file is written to a temporary name and renamed, so a reader never sees half a treaty.
import { readdirSync, readFileSync, renameSync, statSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CatalogFile, PartyData } from '../core/catalog/model';
import { ImportBatch, importedFileName, serializeImported, summaryLines } from '../core/import/importBatch';
import { SectorClassifier } from '../core/import/sectorRules';
import { SECTOR_RULES } from '../core/import/shippedRules';

function xmlFiles(path: string): string[] {
  const stat = statSync(path);
  if (!stat.isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }))
    .flatMap((entry) => (entry.isDirectory() ? xmlFiles(join(path, entry.name)) : entry.name.toLowerCase().endsWith('.xml') ? [join(path, entry.name)] : []));
}

function main(argv: string[]): number {
  const outAt = argv.indexOf('--out');
  const out = outAt >= 0 ? argv[outAt + 1] : undefined;
  const inputs = argv.filter((_, i) => i !== outAt && i !== outAt + 1);
  if (!out || !inputs.length) {
    console.error('usage: npm run import:tota -- <xml files or folders> --out <folder>');
    return 2;
  }
  const root = resolve(__dirname, '..', '..');
  const parties = (JSON.parse(readFileSync(join(root, 'data', 'parties.json'), 'utf8')) as CatalogFile).parties as PartyData[];
  const batch = new ImportBatch({ parties, classifier: new SectorClassifier(SECTOR_RULES) });
  mkdirSync(out, { recursive: true });
  for (const input of inputs) {
    let files: string[];
    try {
      files = xmlFiles(input);
    } catch (err) {
      batch.skip(input, `could not be read (${(err as Error).message}).`);
      continue;
    }
    for (const file of files) {
      let xml: string;
      try {
        xml = readFileSync(file, 'utf8');
      } catch (err) {
        batch.skip(file, `could not be read (${(err as Error).message}).`);
        continue;
      }
      const treaty = batch.add(file, xml);
      if (!treaty) continue;
      const target = join(out, importedFileName(treaty.agreementId));
      const temp = `${target}.${process.pid}.tmp`;
      try {
        writeFileSync(temp, serializeImported(treaty.file));
        renameSync(temp, target);
      } catch (err) {
        rmSync(temp, { force: true });
        batch.notWritten(file, treaty.agreementId, `could not be written (${(err as Error).message}).`);
      }
    }
  }
  for (const line of summaryLines(batch.summary)) console.log(line);
  return batch.summary.imported.length ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
