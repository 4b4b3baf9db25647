import { transformSync, type Options } from '@swc/core';
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { basename, join } from 'node:path';

/**
 * Summarises a V8 .cpuprofile from `node --cpu-prof`: the frames with the most self time.
 * Time spent inside a synchronous native call (a SQLite step, an fsync) counts as self time
 * of the JavaScript frame that made it. Lines of .ts files are mapped back through the same
 * swc compile as bench/support/register.js.
 *   node -r ./bench/support/register.js bench/src/tools/profile-summary.ts FILE [--top=N]
 */
interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
  readonly columnNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const SWC_OPTIONS = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'scripts', 'swc-options.json'), 'utf8')) as Options;
const sourceMaps = new Map<string, SourceMap | undefined>();

function main(): void {
  const [file, ...rest] = process.argv.slice(2);
  if (!file) throw new Error('usage: profile-summary FILE [--top=N]');
  const top = Number(/--top=(\d+)/.exec(rest.join(' '))?.[1] ?? 25);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const selfTime = new Map<number, number>();
  profile.samples.forEach((nodeId, index) => selfTime.set(nodeId, (selfTime.get(nodeId) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const total = [...selfTime.values()].reduce((sum, time) => sum + time, 0);
  const byFrame = new Map<string, number>();
  for (const node of profile.nodes) {
    const key = frameLabel(node.callFrame);
    byFrame.set(key, (byFrame.get(key) ?? 0) + (selfTime.get(node.id) ?? 0));
  }
  process.stdout.write(`${basename(file)}: ${(total / 1000).toFixed(0)} ms sampled; self time by frame\n`);
  for (const [label, time] of [...byFrame].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(`${((100 * time) / total).toFixed(1).padStart(5)}%  ${label}\n`);
  }
}

function frameLabel(frame: CallFrame): string {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  const path = frame.url.replace(/^file:\/\//, '');
  if (path.includes('node_modules/')) return `${name}  ${path.slice(path.lastIndexOf('node_modules/') + 13)}:${frame.lineNumber + 1}`;
  return `${name}  ${basename(path)}:${originalLine(path, frame)}`;
}

/** The .ts line of a frame in a file the register hook compiled; the raw line for anything else. */
function originalLine(path: string, frame: CallFrame): number {
  if (!sourceMaps.has(path)) sourceMaps.set(path, compiledSourceMap(path));
  const entry = sourceMaps.get(path)?.findEntry(frame.lineNumber, frame.columnNumber);
  return entry && 'originalLine' in entry ? entry.originalLine + 1 : frame.lineNumber + 1;
}

function compiledSourceMap(path: string): SourceMap | undefined {
  if (!path.endsWith('.ts') || !existsSync(path)) return undefined;
  const { map } = transformSync(readFileSync(path, 'utf8'), { ...SWC_OPTIONS, sourceMaps: true, filename: path });
  return map ? new SourceMap(JSON.parse(map)) : undefined;
}

main();
