// Generates catalogValidator.js: the catalog JSON Schema compiled ahead of time with Ajv's standalone mode, so the
// extension neither ships Ajv's compiler nor compiles the schema (~100 ms) on its first load.
// Run by esbuild.js before every build; a unit test fails when the committed file is stale.
const fs = require('node:fs');
const path = require('node:path');

const OUT = path.join(__dirname, 'catalogValidator.js');
const SCHEMA = path.join(__dirname, '..', '..', '..', '..', 'data', 'schemas', 'catalog.schema.json');

function generateValidatorSource() {
  const Ajv = require('ajv');
  const standaloneCode = require('ajv/dist/standalone').default;
  const schema = JSON.parse(fs.readFileSync(SCHEMA, 'utf8'));
  // Same options the loader relies on: every error, with data and parent schema for readable messages.
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, code: { source: true, esm: false } });
  const header = '// GENERATED from data/schemas/catalog.schema.json by generateValidator.cjs: do not edit.\n';
  return header + standaloneCode(ajv, ajv.compile(schema)) + '\n';
}

function writeValidator() {
  const source = generateValidatorSource();
  if (!fs.existsSync(OUT) || fs.readFileSync(OUT, 'utf8') !== source) fs.writeFileSync(OUT, source);
}

module.exports = { generateValidatorSource, writeValidator, OUT };

if (require.main === module) writeValidator();
