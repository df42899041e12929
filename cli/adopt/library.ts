import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

/**
 * The library's real classes, and the aws-cdk-lib and constructs they are built on, loaded at run time: `adopt`
 * checks its declarations with exactly the code a user's app runs. The command's bundle (assets/cli/bin in the
 * package) loads the package's own compiled `lib/`, with the aws-cdk-lib the package resolves (the user's app's);
 * from source (tests, ts-node) it loads `src/`. Nothing of them is bundled into the command.
 */
export interface Library {
  readonly lib: typeof import('../../src');
  readonly cdk: typeof import('aws-cdk-lib');
  readonly cognito: typeof import('aws-cdk-lib/aws-cognito');
  readonly constructs: typeof import('constructs');
}

let loaded: Library | undefined;

/** The library, loaded once; throws, saying what is missing, when the package is not installed where the command runs. */
export function loadLibrary(): Library {
  if (loaded) return loaded;
  const fromSource = __filename.endsWith('.ts');
  const entry = fromSource ? path.join(__dirname, '..', '..', 'src', 'index.ts') : path.join(__dirname, '..', '..', '..', 'lib', 'index.js');
  if (!fs.existsSync(entry)) {
    throw new Error(`The library's compiled code is not at ${entry}: run the command installed with the cdk-amplify-backend package (npx cdk-amplify-backend).`);
  }
  // From source, the test's or ts-node's own loader (which reads TypeScript); from the bundle, Node's, from the package's folder.
  const load: NodeJS.Require = fromSource ? require : createRequire(entry);
  try {
    loaded = { lib: load(entry), cdk: load('aws-cdk-lib'), cognito: load('aws-cdk-lib/aws-cognito'), constructs: load('constructs') };
  } catch (error) {
    throw new Error(`adopt checks its declarations with the library, aws-cdk-lib and constructs, and could not load them (${(error as Error).message}). `
      + 'Run it in your CDK app\'s folder, where they are installed.');
  }
  return loaded;
}
