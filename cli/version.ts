import * as fs from 'node:fs';
import * as path from 'node:path';

const PACKAGE_NAME = 'cdk-amplify-backend';

/**
 * The version of the package this file belongs to: the nearest package.json named cdk-amplify-backend
 * above it, which works from the sources (cli/) and from a bundle inside the package (assets/...).
 */
export function packageVersion(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === PACKAGE_NAME && manifest.version) return manifest.version;
    }
    if (path.dirname(dir) === dir) throw new Error(`No package.json of ${PACKAGE_NAME} above ${from}.`);
  }
}
