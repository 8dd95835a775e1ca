// The dataset shipped with the extension, relative to the extension's root folder. Order matters only for
// which definition wins on a duplicate id (earlier files win); a unit test keeps this list equal to data/.
export const SHIPPED_DATA_FILES: readonly string[] = [
  'data/parties.json',
  'data/sectors.json',
  'data/sources.json',
  'data/agreements/kr-us-tpd.json',
  'data/agreements/kr-us-jfs.json',
  'data/agreements/us-uk-tpd.json',
  'data/agreements/us-jp-tpd.json',
  'data/glossary.json',
  'data/comparisons.json',
  'data/disagreements.json',
];

const SHIPPED = new Set(SHIPPED_DATA_FILES);

/**
 * A file of the shipped dataset: the catalog loader trusts these (`LoadOptions.trusted`), because the unit tests load
 * them through every check and require zero problems (test/unit/shippedData.test.ts).
 */
export function isShippedDataFile(file: string): boolean {
  return SHIPPED.has(file);
}
