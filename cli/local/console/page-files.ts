import * as fs from 'node:fs';
import * as path from 'node:path';

/** A file of the console's page, as it is sent. */
export interface PageFile {
  readonly contentType: string;
  readonly body: Buffer;
}

/** The kinds of file the page is made of; anything else in its folder (its tsconfig.json) is not served. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * The page's folder. The same relative path names `page/` beside this file and, from the command's bundle
 * (assets/cli/bin/index.js), the copy the build puts beside it (assets/cli/console/page/).
 */
export const PAGE_DIR = path.join(__dirname, '..', 'console', 'page');

/** The page's files by name (`index.html`, `console.css`, `console.js`), read once; throws, naming the folder, if it has no index.html. */
export function readPageFiles(dir = PAGE_DIR): ReadonlyMap<string, PageFile> {
  const files = new Map<string, PageFile>();
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const contentType = CONTENT_TYPES[path.extname(name)];
    if (contentType) files.set(name, { contentType, body: fs.readFileSync(path.join(dir, name)) });
  }
  if (!files.has('index.html')) throw new Error(`The console's page is missing: ${dir} has no index.html (a broken install? install the package again).`);
  return files;
}
