// Lets plain `node` run the bench's TypeScript and the project's sources without a build:
// each .ts file is compiled on require by @swc/core (already here for jest) with the options
// the tests and the production build compile with (scripts/swc-options.json), and `@rapport/<lib>` resolves to libs/<lib>/src like tsconfig paths.
'use strict';
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { transformSync } = require('@swc/core');

const ROOT = join(__dirname, '..', '..');
// Shared with the profile summary, which compiles again to map frames back to .ts lines.
const SWC = require('../../scripts/swc-options.json');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...SWC, filename });
  module._compile(code, filename);
};

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const alias = /^@rapport\/([a-z-]+)$/.exec(request);
  return resolveFilename.call(this, alias ? join(ROOT, 'libs', alias[1], 'src') : request, ...rest);
};
