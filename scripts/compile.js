// Builds the service and the CLI into dist/: tsc checks the types of tsconfig.build.json's files and
// lists them, then swc compiles those under apps/ and libs/ with the options the tests and the
// benches compile with (scripts/swc-options.json), so that production runs the very code they
// measured. The @rapport/* imports are then rewritten to relative paths by tsc-alias (npm run build).
'use strict';
const { spawnSync } = require('node:child_process');
const { mkdirSync, writeFileSync } = require('node:fs');
const { dirname, join, relative } = require('node:path');
const { transformFileSync } = require('@swc/core');

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, 'dist');
const SWC = require('./swc-options.json');

const TSC = [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--noEmit'];
const listed = spawnSync(process.execPath, [...TSC, '--listFiles'], { cwd: ROOT, encoding: 'utf8' });
if (listed.status !== 0) {
  // Its output lists every file too: run it again for the errors alone.
  const checked = spawnSync(process.execPath, TSC, { cwd: ROOT, stdio: 'inherit' });
  process.exit(checked.status || 1);
}
const sources = listed.stdout
  .split('\n')
  .map((file) => relative(ROOT, file.trim()))
  .filter((file) => /^(apps|libs)\/.*\.ts$/.test(file) && !file.endsWith('.d.ts'));

for (const source of sources) {
  const target = join(OUT, source.replace(/\.ts$/, '.js'));
  const { code, map } = transformFileSync(join(ROOT, source), {
    ...SWC,
    sourceMaps: true,
    sourceFileName: relative(dirname(target), join(ROOT, source)),
  });
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, `${code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
  writeFileSync(`${target}.map`, map ?? '');
}
process.stdout.write(`type-checked, and compiled ${sources.length} files into dist/ with swc\n`);
