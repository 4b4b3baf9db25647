// Compiles the service and the CLI (apps/, libs/) into dist/ with swc and the options the tests and
// the benches compile with (scripts/swc-options.json), so that production runs the very code they
// measured. Type checking is tsc's (`tsc --noEmit`, run first by `npm run build`); the
// @rapport/* imports are then rewritten to relative paths by tsc-alias.
'use strict';
const { mkdirSync, readdirSync, writeFileSync } = require('node:fs');
const { dirname, join, relative } = require('node:path');
const { transformFileSync } = require('@swc/core');

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, 'dist');
const SWC = require('./swc-options.json');
// As tsconfig.build.json excludes them: the console (built by vite), tests and their support.
const EXCLUDED = [/^apps\/console\//, /\.spec\.ts$/, /\.contract\.ts$/, /\/contract\//, /^libs\/testing\//];

function sources(folder) {
  return readdirSync(join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') && !EXCLUDED.some((pattern) => pattern.test(path)) ? [path] : [];
  });
}

let count = 0;
for (const source of [...sources('apps'), ...sources('libs')]) {
  const target = join(OUT, source.replace(/\.ts$/, '.js'));
  const { code, map } = transformFileSync(join(ROOT, source), {
    ...SWC,
    sourceMaps: true,
    sourceFileName: relative(dirname(target), join(ROOT, source)),
  });
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, `${code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
  writeFileSync(`${target}.map`, map ?? '');
  count += 1;
}
process.stdout.write(`compiled ${count} files into dist/ with swc\n`);
