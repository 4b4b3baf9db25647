// Turns the Kubernetes JSON schemas shipped by the kubernetes-validate wheel (PyPI) into the
// standalone form kubeconform reads offline: each kind's schema gets the definitions it reaches
// under its own $defs, because the shipped ones point at an absolute /api/_definitions.json.
//   node standalone-schemas.js <schema dir of one version> <output dir>
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const SHARED = '/api/_definitions.json#';
const [sourceDir, outputDir] = process.argv.slice(2);
if (!sourceDir || !outputDir) {
  console.error('usage: node standalone-schemas.js <schema dir> <output dir>');
  process.exit(2);
}

const definitions = JSON.parse(fs.readFileSync(path.join(sourceDir, '_definitions.json'), 'utf8')).$defs;

function localised(schemaText) {
  return schemaText.split(SHARED).join('#');
}

function reachableDefinitions(schemaText) {
  const reached = {};
  const pending = [...schemaText.matchAll(/"#\/\$defs\/([^"]+)"/g)].map((m) => m[1]);
  while (pending.length > 0) {
    const name = pending.pop();
    if (name in reached || !(name in definitions)) continue;
    const text = localised(JSON.stringify(definitions[name]));
    reached[name] = JSON.parse(text);
    for (const m of text.matchAll(/"#\/\$defs\/([^"]+)"/g)) pending.push(m[1]);
  }
  return reached;
}

fs.mkdirSync(outputDir, { recursive: true });
let written = 0;
for (const file of fs.readdirSync(sourceDir)) {
  if (!file.endsWith('.json') || file.startsWith('_') || file === 'all.json') continue;
  const text = localised(fs.readFileSync(path.join(sourceDir, file), 'utf8'));
  const schema = JSON.parse(text);
  schema.$defs = reachableDefinitions(text);
  fs.writeFileSync(path.join(outputDir, file), JSON.stringify(schema));
  written += 1;
}
console.error(`standalone-schemas: ${written} schemas written to ${outputDir}`);
