import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { problem, PROBLEM_CONTENT_TYPE } from './problem';

export const CONSOLE_PATH = '/console';

/**
 * The console's built files (`npm run build` writes them to dist/console at the repository root),
 * served by the service itself. Found from this file's folder upwards, so the same code serves them
 * when run from the sources (tests) and from dist.
 */
export function serveConsole(app: NestExpressApplication, directory = consoleDirectory()): void {
  if (directory !== undefined) {
    app.useStaticAssets(directory, { prefix: CONSOLE_PATH, index: 'index.html', fallthrough: true });
    return;
  }
  app.use(CONSOLE_PATH, (_request: Request, response: Response) => {
    const detail = 'The console is not built: run `npm run build`.';
    response
      .status(404)
      .type(PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify(problem('console-not-built', 'Console not built', 404, { detail })));
  });
}

function consoleDirectory(): string | undefined {
  for (let folder = __dirname; folder !== dirname(folder); folder = dirname(folder)) {
    if (existsSync(join(folder, 'package.json'))) {
      const built = join(folder, 'dist', 'console');
      return existsSync(join(built, 'index.html')) ? built : undefined;
    }
  }
  return undefined;
}
