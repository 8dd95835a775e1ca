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
];
