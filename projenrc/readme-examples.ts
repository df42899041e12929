import * as fs from 'fs';
import * as path from 'path';

/**
 * Writes the README's TypeScript examples to test/readme-examples/, importing this repository's
 * sources instead of the published package, so that the type check compiles them like any test.
 */
const ROOT = path.join(__dirname, '..');
export const README_EXAMPLES_DIR = path.join(ROOT, 'test', 'readme-examples');

/** The README's ```ts blocks, in order. */
export function readmeExamples(): string[] {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
}

if (require.main === module) {
  fs.rmSync(README_EXAMPLES_DIR, { recursive: true, force: true });
  fs.mkdirSync(README_EXAMPLES_DIR, { recursive: true });
  readmeExamples().forEach((source, index) => {
    const local = source.replace(/from 'cdk-amplify-backend'/g, "from '../../src'");
    fs.writeFileSync(path.join(README_EXAMPLES_DIR, `example-${index + 1}.ts`), `// Generated from README.md by projenrc/readme-examples.ts\n${local}`);
  });
}
