// The parts of es-hangul this extension uses. koreanText.ts requires this module on first use, so the bundle
// evaluates es-hangul (it builds jamo tables at load) only when Korean text is first analysed, not at activation;
// importing through this module keeps es-hangul's tree-shaken ES module build in the bundle.
export { convertHangulToQwerty, convertQwertyToHangul, getChoseong, hasBatchim, josa, removeLastCharacter } from 'es-hangul';
