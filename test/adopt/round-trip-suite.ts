/**
 * The round-trip property: for random live backends on the emulator (1 to 5 environments; created auth across every
 * setting the API has, imported auth, created and imported storage, GraphQL APIs of every mode, conflict resolution
 * and models status, categories the library does not declare), `local
 * adopt` writes a module that synthesizes, `local preview` shows only adopt rows (exit 0), `local deploy` sends no
 * mutating call, and `local drift` finds everything in sync; no client secret of the live backend appears in anything
 * adopt prints or writes. The figures are printed for CI logs.
 *
 * Run in two shards (round-trip.test.ts, round-trip-odd.test.ts), which jest runs side by side. ADOPT_BACKENDS sets
 * how many in all: 2 when unset, `npx projen test:adopt` (which CI runs; npm test leaves this suite out) 200 and then compiles every
 * module written with `tsc --strict` in a fresh CDK app folder (ADOPT_COMPILE). ADOPT_SEED=<n> draws another run;
 * ADOPT_ONLY=<index> replays one backend of it.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { roundTrip, RoundTrip } from './round-trip';
import { hermeticAwsEnvironment } from '../cli/harness';

const SEED = Number(process.env.ADOPT_SEED ?? 20260519);
const ONLY = process.env.ADOPT_ONLY === undefined ? undefined : Number(process.env.ADOPT_ONLY);
const BACKENDS = ONLY === undefined ? Number(process.env.ADOPT_BACKENDS ?? 2) : 1;
const COMPILE = process.env.ADOPT_COMPILE === 'true';
const ROOT = path.join(__dirname, '..', '..');

/**
 * The round trips of backends `shard`, `shard + shards`, ... below ADOPT_BACKENDS (or ADOPT_ONLY's, in its shard): each
 * shard is a suite file of its own, so that jest runs the shards side by side, one core each.
 */
export function roundTripSuite(shard: number, shards: number): void {
  const indexes = ONLY === undefined
    ? Array.from({ length: BACKENDS }, (_, index) => index).filter((index) => index % shards === shard)
    : [ONLY].filter((index) => index % shards === shard);
  const trips: RoundTrip[] = [];
  jest.setTimeout(Math.max(60_000, indexes.length * 10_000));
  hermeticAwsEnvironment();

  describe(`adopt round trip, shard ${shard + 1} of ${shards}`, () => {
    (indexes.length > 0 ? test : test.skip)(`${indexes.length} random backends of ${BACKENDS} (index % ${shards} = ${shard}): adopt, synth, `
      + `preview (adopt only), deploy (no mutating call), drift (in sync); seed ${SEED}`, async () => {
      const started = Date.now();
      for (const index of indexes) trips.push(await roundTrip(SEED, index));
      process.stdout.write(`\n${figures(trips, Date.now() - started)}\n\n`);
      const failures = trips.filter((trip) => trip.problem !== undefined);
      expect(failures.map((trip) => `backend ${trip.index} (replay with ADOPT_SEED=${SEED} ADOPT_ONLY=${trip.index}): ${trip.problem}`)).toEqual([]);
    });

    (COMPILE && indexes.length > 0 ? test : test.skip)('every module written compiles with tsc --strict in a fresh CDK app folder', () => {
      const modules = trips.filter((trip) => trip.module !== undefined);
      expect(modules.length).toBe(indexes.length);
      const result = compileInFreshApp(modules);
      expect(`tsc exited ${result.status}:\n${result.stdout}${result.stderr}`).toBe('tsc exited 0:\n');
    });
  });
}

/** One line per figure: how many of each thing the run made and adopted, and how long it took. */
function figures(done: readonly RoundTrip[], ms: number): string {
  const environments = done.flatMap((trip) => trip.backend.environments);
  const count = (predicate: (environment: typeof environments[number]) => boolean) => environments.filter(predicate).length;
  return [
    `adopt round trip: seed ${SEED}, ${done.length} backends, ${done.filter((trip) => trip.problem === undefined).length} passed, `
      + `${done.filter((trip) => trip.problem !== undefined).length} failed, ${(ms / 1000).toFixed(1)} s`,
    `  ${environments.length} environments; auth ${count((e) => e.auth === 'created')} created, ${count((e) => e.auth === 'imported')} imported; `
      + `storage ${count((e) => e.storage === 'created')} created, ${count((e) => e.storage === 'imported')} imported; `
      + `${environments.reduce((sum, e) => sum + e.other, 0)} resources of other categories left as they are`,
    `  ${count((e) => e.api !== undefined)} APIs: ${['AMAZON_COGNITO_USER_POOLS', 'API_KEY', 'AWS_IAM', 'OPENID_CONNECT'].map((mode) => `${count((e) => e.api?.modes.includes(mode) === true)} ${mode}`).join(', ')}; `
      + `${count((e) => e.api?.conflictResolution !== undefined)} with conflict resolution; models ${count((e) => e.api?.models === 'STALE')} STALE`,
    `  ${done.reduce((sum, trip) => sum + trip.resources, 0)} resources previewed as adopt and deployed with 0 mutating calls; `
      + `${done.reduce((sum, trip) => sum + trip.backend.secrets.length, 0)} planted client secrets, none in any output`,
  ].join('\n');
}

/**
 * The modules in `lib/` of a new folder, as in a CDK app (`cdk init` makes one: strict TypeScript), with an app that
 * instantiates each class; this repository's node_modules (aws-cdk-lib, constructs, typescript) linked, and
 * `cdk-amplify-backend` the library's source. One `tsc --noEmit` for all of them.
 */
function compileInFreshApp(modules: readonly RoundTrip[]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'adopt-compile-'));
  try {
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    fs.mkdirSync(path.join(dir, 'lib'));
    fs.mkdirSync(path.join(dir, 'bin'));
    for (const trip of modules) fs.writeFileSync(path.join(dir, 'lib', `backend-${trip.index}.ts`), trip.module!);
    fs.writeFileSync(path.join(dir, 'bin', 'app.ts'), [
      'import { App, Stack } from \'aws-cdk-lib\';',
      ...modules.map((trip) => `import { ${trip.className} as Backend${trip.index} } from '../lib/backend-${trip.index}';`),
      'const app = new App();',
      ...modules.map((trip) => `new Backend${trip.index}(new Stack(app, 'Stack${trip.index}'), 'Backend');`),
      '',
    ].join('\n'));
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        lib: ['es2022'],
        strict: true,
        noEmit: true,
        noUnusedLocals: true,
        noUnusedParameters: true,
        noImplicitReturns: true,
        noFallthroughCasesInSwitch: true,
        skipLibCheck: true,
        types: ['node'],
        paths: { 'cdk-amplify-backend': [path.join(ROOT, 'src', 'index.ts')] },
      },
      include: ['bin/**/*.ts', 'lib/**/*.ts'],
    }, null, 2));
    return spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
