import { awscdk, DependencyType, javascript, JsonFile } from 'projen';

/** The SDK clients the handler bundle carries inside (pinned by the lock file). */
const SDK_VERSION = '3.1138.0';
const SDK_CLIENT = `@aws-sdk/client-amplifybackend@${SDK_VERSION}`;
// Reads social sign-in secrets at deploy time, so they never appear in the template.
const SECRETS_CLIENT = `@aws-sdk/client-secrets-manager@${SDK_VERSION}`;
// `drift` reads each stack's resources and deployed template; bundled into the command only.
const CLOUDFORMATION_CLIENT = `@aws-sdk/client-cloudformation@${SDK_VERSION}`;

// Suites that run at full size in tasks of their own (test:soak, test:adopt), not in npm test: the soak's lifecycles
// and the adopt round trip are hundreds of deploys, and npm test must stay within 90 s on a 2-core machine.
const FULL_SIZE_SUITES = ['<rootDir>/test/soak/', '<rootDir>/test/adopt/'];
// Suites CI runs (test:slow) and npm test leaves out for its time: the command run as separate processes (local try,
// the toolkit's synthesis, drift across processes, help and usage errors) and the cdk-nag lint of the templates, some
// 50 s of CPU.
const SLOW_SUITES = [
  '<rootDir>/test/cli/local.test.ts', '<rootDir>/test/cli/local-synth.test.ts', '<rootDir>/test/cli/local-synth-checks.test.ts',
  '<rootDir>/test/cli/local-drift-processes.test.ts', '<rootDir>/test/cli/main.test.ts', '<rootDir>/test/nag.test.ts',
];
/** jest over `paths`, which may be suites npm test leaves out (the option comes last: it takes every word after it). */
const fullSizeJest = (paths: string) => `jest ${paths} --testPathIgnorePatterns=/node_modules/`;

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-amplify-backend',
  description: 'AWS CDK constructs for Amplify (Gen 1) backend environments and their storage, driven through the AmplifyBackend API',
  author: 'cdk-amplify-backend maintainers',
  authorAddress: 'maintainers@users.noreply.example',
  repositoryUrl: 'https://github.com/cdk-amplify-backend/cdk-amplify-backend.git',
  keywords: ['cdk', 'awscdk', 'aws-cdk', 'amplify'],
  defaultReleaseBranch: 'main',
  projenrcTs: true,
  packageManager: javascript.NodePackageManager.NPM,
  jsiiVersion: '~6.0.0',

  // The peer floor is the oldest aws-cdk-lib whose Provider framework runs on a supported
  // Node.js runtime; development and tests use a current 2.x.
  cdkVersion: '2.257.0',
  peerDependencyOptions: { pinnedDevDependency: false },
  // The reference implementation of GraphQL parses API schemas at synth (errors with line and column), and the
  // handler and drift compare schemas as parsed documents. jsii libraries ship their dependencies bundled.
  bundledDeps: ['graphql@^17.1.0'],
  devDeps: [
    'aws-cdk-lib@2.276.0',
    SDK_CLIENT,
    SECRETS_CLIENT,
    CLOUDFORMATION_CLIENT,
    // The SDK's paginator factory (the AmplifyBackend client ships no paginators) and its types.
    '@smithy/core@^3.41.0',
    '@smithy/types@^4.20.0',
    'aws-sdk-client-mock@^4.1.0',
    // jest transforms TypeScript with swc (see below).
    '@swc/core@^1.16.0',
    '@swc/jest@^0.2.39',
    '@types/aws-lambda@^8',
    'esbuild@^0.28',
    'cdk-nag@^3.0.2',
    'awslint@^2.72.1',
    // The command line of the cdk-amplify-backend command, bundled into it; 14 is the newest major that runs on Node 20.
    'commander@^14.0.3',
    // The CDK's own toolkit: the local commands synthesize apps with it exactly as `cdk synth` does (bundled, loaded lazily).
    '@aws-cdk/toolkit-lib@^1.43.0',
    // The CDK CLI, for the test that compares `local deploy`'s templates with `cdk synth`'s: a 2.x (`latest` is 3.x)
    // that reads the cloud assembly schema aws-cdk-lib 2.276 writes (integ-runner's own 2.1115 does not).
    'aws-cdk@^2.1149.0',
    // The console's browser test (test:console): drives Debian's chromium (never a downloaded browser) and runs axe-core in it.
    'playwright-core@^1.65.1',
    'axe-core@^4.14.1',
  ],

  // test/integ/integ.*.ts: IntegTest cases whose committed snapshots integ-runner verifies offline in npm test.
  experimentalIntegRunner: true,

  // Every jsii language, as cdklabs projects publish them (Go from a separate -go module).
  publishToPypi: { distName: 'cdk-amplify-backend', module: 'cdk_amplify_backend' },
  publishToMaven: {
    javaPackage: 'io.github.cdkamplifybackend',
    mavenGroupId: 'io.github.cdk-amplify-backend',
    mavenArtifactId: 'cdk-amplify-backend',
  },
  publishToNuget: { dotNetNamespace: 'CdkAmplifyBackend', packageId: 'CdkAmplifyBackend' },
  publishToGo: { moduleName: 'github.com/cdk-amplify-backend/cdk-amplify-backend-go' },

  // Handlers live in a top-level lambda/ folder and are bundled explicitly below.
  lambdaAutoDiscover: false,
  eslintOptions: { dirs: ['src'], devdirs: ['test', 'lambda', 'cli', 'local', 'tools'] },
  // Three workers on two cores: the wire tests mostly wait on polls while construct tests compute.
  // A first CDK synth takes seconds; on a loaded machine jest's 5 s default fails tests for no reason.
  // Coverage instrumentation made the tests a third slower; `npx jest --coverage` collects it on demand.
  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      // One more worker than the two cores CI and the team have: the wire suites wait on emulated jobs part of the time.
      maxWorkers: 4,
      testTimeout: 30_000,
      collectCoverage: false,
      setupFiles: ['<rootDir>/test/setup-env.ts'],
      // The soak, the adopt round trip and the slow suites run in tasks of their own (test:soak, test:adopt, test:slow), which CI runs.
      testPathIgnorePatterns: ['/node_modules/', ...FULL_SIZE_SUITES, ...SLOW_SUITES],
    },
  },
});

// integ-runner: the apps in test/integ, synthesized with the peer floor of aws-cdk-lib (see below).
const INTEG_RUNNER = 'integ-runner --directory test/integ --language typescript '
  + '--app "node -r ts-node/register/transpile-only -r ./test/integ/synth-with-floor.js {filePath}"';
project.tasks.tryFind('integ')!.reset(INTEG_RUNNER, { receiveArgs: true });
project.tasks.tryFind('integ:update')!.reset(`${INTEG_RUNNER} --update-on-failed`, { receiveArgs: true });
project.addTask('integ:snapshot', {
  description: 'Rewrite changed integ snapshots without deploying (integ:update deploys them to an AWS account first)',
  exec: `${INTEG_RUNNER} --update-on-failed --dry-run`,
  receiveArgs: true,
});
// Snapshots compare templates with asset hashes masked; the bundles themselves are build output.
project.gitignore.exclude('/test/integ/*.snapshot/asset.*');

// The integ-runner component asks for `latest`; pin what the lock file was made with.
project.deps.removeDependency('@aws-cdk/integ-runner');
project.deps.addDependency('@aws-cdk/integ-runner@^2.197.10', DependencyType.DEVENV);
project.deps.removeDependency('@aws-cdk/integ-tests-alpha');
project.deps.addDependency('@aws-cdk/integ-tests-alpha@^2.245.0-alpha.0', DependencyType.DEVENV);
// The newest integ-runner (2.197) reads cloud assembly schema 53 at most; aws-cdk-lib 2.276 writes 55.
// The integ apps are synthesized with the peer floor instead, which also proves the floor works.
project.deps.addDependency('aws-cdk-lib-floor@npm:aws-cdk-lib@2.257.0', DependencyType.DEVENV);
// Its assembly schema, named explicitly: npm ci would give the floor the hoisted (current) schema.
project.deps.addDependency('cloud-assembly-schema-floor@npm:@aws-cdk/cloud-assembly-schema@^53.25.0', DependencyType.DEVENV);

// pinnedDevDependency is off so that development runs on a current aws-cdk-lib; constructs stays at its floor.
project.deps.addDependency('constructs@10.5.1', DependencyType.BUILD);

// The registry reachable here has unrs-resolver 1.13 bindings for linux only; 1.12.2 has every
// platform, so `npm ci` accepts the lock file on any machine.
project.package.addField('overrides', { 'unrs-resolver': '1.12.2' });

// Known, harmless on these machines: jsii's Node 20 end-of-life banner and the SDK's Node 22 notice.
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');
project.tasks.addEnvironment('AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED', 'true');

// One bundle serves both the onEvent and the isComplete role of the provider's single function.
// The SDK clients' ES module builds let esbuild drop the commands and schemas the handler never sends
// (their CommonJS builds are one file each): two clients then weigh less than one did.
project.bundler.addBundle('lambda/provider.ts', {
  platform: 'node',
  target: 'node24',
  externals: [],
  minify: true,
  sourcemap: false,
  mainFields: ['module', 'main'],
});
// Who each top-level folder is for. Shipped: src/ (the library, compiled by jsii), lambda/ (the handler,
// bundled into assets/), cli/ (the command, bundled into assets/ with local/ inside: the local deployment
// engine, emulator and runner). Development only: tools/ (demo, benchmarks), test/, projenrc/.
// Only the bundles ship, not the sources; test/dependencies.test.ts keeps shipped code off tools/.
for (const dir of ['lambda', 'cli', 'local', 'tools', '.ci']) project.addPackageIgnore(`/${dir}/`);
// The import rules (check:dependencies below) are for this repository only.
project.addPackageIgnore('/.dependency-cruiser.json');

// Everything jsii does not compile gets a project of its own for the editor, eslint and the type check.
for (const dir of ['lambda', 'cli', 'local', 'tools']) {
  new javascript.TypescriptConfig(project, {
    fileName: `${dir}/tsconfig.json`,
    extends: javascript.TypescriptConfigExtends.fromPaths(['../tsconfig.json']),
    compilerOptions: { rootDir: '..', noEmit: true },
    include: ['**/*.ts'],
  });
}

// ts-jest runs with isolatedModules and does not type-check: the test task does, before jest, in one
// tsc run over everything jsii does not compile, including the README's examples (written to a
// git-ignored folder inside test/).
const README_EXAMPLES = 'test/readme-examples';
/** The command's module that uses the CDK toolkit (a bundle of its own), type-checked apart: see tsconfig.toolkit.json. */
const TOOLKIT_SYNTH = 'cli/local/toolkit-synth.ts';
project.gitignore.exclude(`/${README_EXAMPLES}/`);
project.eslint?.addIgnorePattern(`${README_EXAMPLES}/`);
new javascript.TypescriptConfig(project, {
  fileName: 'tsconfig.dev.json',
  extends: javascript.TypescriptConfigExtends.fromPaths(['./tsconfig.json']),
  compilerOptions: { rootDir: '.', noEmit: true, isolatedModules: true },
  include: ['lambda/**/*.ts', 'cli/**/*.ts', 'local/**/*.ts', 'tools/**/*.ts', 'test/**/*.ts', 'projenrc/**/*.ts'],
  exclude: [TOOLKIT_SYNTH],
});
project.addTask('typecheck', {
  description: 'Type-check the handlers, the local tooling, the tests and the README examples (ts-jest does not)',
  steps: [
    { exec: 'ts-node --transpile-only --project projenrc/tsconfig.json projenrc/readme-examples.ts' },
    { exec: 'tsc -p tsconfig.dev.json' },
  ],
});
// The toolkit's module is type-checked on its own, in the build: its declarations (the toolkit and some twenty SDK
// clients, 3,000 files) would double the time of the type check above, which npm test runs.
new javascript.TypescriptConfig(project, {
  fileName: 'tsconfig.toolkit.json',
  extends: javascript.TypescriptConfigExtends.fromPaths(['./tsconfig.json']),
  compilerOptions: { rootDir: '.', noEmit: true },
  include: [TOOLKIT_SYNTH],
});
project.postCompileTask.exec('tsc -p tsconfig.toolkit.json');
// The cdk-amplify-backend command (jobs, local): one bundle with the SDK, the emulator and the runner inside.
// The CDK toolkit that synthesizes apps is a bundle of its own, four times the size of the rest and a second to load,
// required only when an app is synthesized: the command's bundle leaves out the path it is required by
// (cli/local/synth.ts), which names the toolkit bundle from assets/cli/bin/ and its source from cli/local/.
const TOOLKIT_BUNDLE = '../local/toolkit-synth';
project.bundler.addBundle('cli/bin.ts', {
  platform: 'node',
  target: 'node20',
  externals: [TOOLKIT_BUNDLE],
  minify: true,
  sourcemap: false,
  banner: '#!/usr/bin/env node',
  executable: true,
});
project.bundler.addBundle('cli/local/toolkit-synth.ts', {
  platform: 'node',
  target: 'node20',
  externals: [],
  minify: true,
  sourcemap: false,
});
project.addBins({ 'cdk-amplify-backend': 'assets/cli/bin/index.js' });

// `local serve`'s console: a plain page (HTML, CSS, one script, an icon; no build step) copied beside the command's bundle, where
// cli/local/console/page-files.ts finds it (assets/cli/console/page/). Its script is plain JavaScript checked by tsc
// through JSDoc types (cli/local/console/document.ts), with the browser's library and no Node.js types.
const CONSOLE_PAGE = 'cli/local/console/page';
const bundleConsole = project.addTask('bundle:cli/console', {
  description: `Copy the console's page (${CONSOLE_PAGE}) beside the command's bundle`,
  steps: [
    { exec: 'rm -rf assets/cli/console/page && mkdir -p assets/cli/console/page' },
    { exec: ['html', 'css', 'js', 'svg'].map((ext) => `cp ${CONSOLE_PAGE}/*.${ext} assets/cli/console/page/`).join(' && ') },
  ],
});
project.bundler.bundleTask.spawn(bundleConsole);
// The bundles do not depend on each other: built at once they take a third of the time, and every npm test starts
// with them (projenrc/parallel-tasks.ts; a failed one fails the task).
const bundleTasks = project.bundler.bundleTask.steps.map((step) => step.spawn).filter((name): name is string => name !== undefined);
project.bundler.bundleTask.reset(`ts-node --transpile-only --project projenrc/tsconfig.json projenrc/parallel-tasks.ts ${bundleTasks.join(' ')}`);
new javascript.TypescriptConfig(project, {
  fileName: `${CONSOLE_PAGE}/tsconfig.json`,
  compilerOptions: {
    allowJs: true,
    checkJs: true,
    noEmit: true,
    strict: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    target: 'ES2022',
    lib: ['ES2022', 'DOM', 'DOM.Iterable'],
    module: 'preserve',
    moduleResolution: javascript.TypeScriptModuleResolution.BUNDLER,
    types: [],
    skipLibCheck: true,
  },
  include: ['console.js'],
});

// Python, Java, .NET and Go cannot be published from here: prove their code generates and the wheel builds.
// The build checks it once jsii has written the assembly (about 45 s of CPU, too much for `npm test`).
const checkBindings = project.addTask('check:bindings', {
  description: 'Generate the Python, Java, .NET and Go code from the jsii assembly and build the Python wheel',
  exec: 'ts-node --transpile-only --project projenrc/tsconfig.json projenrc/check-bindings.ts',
});
project.addTask('test:bindings', {
  description: 'Compile the jsii assembly, then check:bindings',
  steps: [{ exec: 'jsii --silence-warnings=reserved-word' }, { spawn: checkBindings.name }],
});
// integ-runner verifies the committed integ snapshots in the build (CI), after the compile: about 25 s of CPU,
// which npm test cannot spare. npm test keeps a fast check that no snapshot holds an absolute path.
const integStep = project.testTask.steps.findIndex((step) => step.spawn === 'integ');
project.testTask.removeStep(integStep);
project.postCompileTask.spawn(project.tasks.tryFind('integ')!);

// Who may import whom, type-only imports included: no import circles; shipped code (src/, lambda/,
// cli/, local/) never imports development-only code (tools/, test/, projenrc/); the emulator models the
// service on its own and never imports the library or the handler it is there to test.
project.addDevDeps('dependency-cruiser@^17.3.9');
const shipped = '^(src|lambda|cli|local)/';
new JsonFile(project, '.dependency-cruiser.json', {
  // No "//" marker key: dependency-cruiser refuses keys it does not know.
  marker: false,
  obj: {
    forbidden: [
      { name: 'no-circular', severity: 'error', comment: 'An import circle, type-only ones included', from: {}, to: { circular: true } },
      {
        name: 'shipped-code-imports-no-dev-tools',
        severity: 'error',
        comment: 'Shipped code (src, lambda, cli, local) imports nothing from tools, test or projenrc',
        from: { path: shipped },
        to: { path: '^(tools|test|projenrc)/' },
      },
      {
        name: 'emulator-is-independent',
        severity: 'error',
        comment: 'The emulator models the service from the API facts; sharing the code it tests would make it agree by construction',
        from: { path: '^local/emulator/' },
        to: { path: '^(src|lambda|cli)/' },
      },
      {
        name: 'library-and-handler-stand-alone',
        severity: 'error',
        comment: 'The library and the handler do not import the command or the local engine',
        from: { path: '^(src|lambda)/' },
        to: { path: '^(cli|local|tools)/' },
      },
    ],
    options: {
      tsPreCompilationDeps: true,
      tsConfig: { fileName: 'tsconfig.dev.json' },
      doNotFollow: { path: 'node_modules' },
      exclude: { path: '(^|/)(node_modules|assets|lib|dist|cdk\\.out|test/readme-examples)/|\\.snapshot/' },
    },
  },
});
project.addTask('check:dependencies', {
  description: 'Check who imports whom: no import circles, no shipped code importing development-only code, an independent emulator',
  exec: 'depcruise --config .dependency-cruiser.json --output-type err src lambda cli local tools test projenrc',
});

// The emulator checks requests against the SDK's service model; which members take an enum is read from the SDK's
// declarations into local/emulator/sdk-enum-members.json (test/emulator/service-model.test.ts fails when it is stale).
project.addTask('sdk-model', {
  description: 'Rewrite local/emulator/sdk-enum-members.json from the AmplifyBackend SDK\'s declarations (after an SDK upgrade)',
  exec: 'ts-node --transpile-only --project projenrc/tsconfig.json projenrc/sdk-enum-members.ts',
});

// jest transforms TypeScript with swc instead of ts-jest: on a fresh clone (no transform cache) ts-jest's transpiling
// cost npm test some 40 s of CPU. Neither type-checks (ts-jest ran with isolatedModules); the build's typecheck does.
project.jest!.config.transform = {
  '^.+\\.[t]sx?$': new javascript.Transform('@swc/jest', {
    jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true }, target: 'es2022' },
    module: { type: 'commonjs' },
  }),
};
project.deps.removeDependency('ts-jest');
// A fresh clone has no assets/: the tests synthesize stacks that reference the bundle.
project.testTask.prependSpawn(project.bundler.bundleTask);
// The type check (ts-jest does not type-check) and the import rules are part of the build (and so of CI), not of
// `npm test`: together some 30 s of CPU that npm test's 90 s on a 2-core machine cannot spare.
project.postCompileTask.spawn(project.tasks.tryFind('typecheck')!);
project.postCompileTask.spawn(project.tasks.tryFind('check:dependencies')!);
// Linting is part of the build (and so of CI), not of `npm test`: it takes as long as the tests.
const lintStep = project.testTask.steps.findIndex((step) => step.spawn === project.eslint?.eslintTask.name);
project.testTask.removeStep(lintStep);
project.postCompileTask.spawn(project.eslint!.eslintTask);

// awslint, the aws-cdk construct-library linter, checks the public API in .jsii once jsii has written it.
// Each exception is one finding, with the reason it does not apply; awslint reads them from package.json.
const AWSLINT_EXCEPTIONS: Record<string, string> = {
  'duration-prop-type:cdk-amplify-backend.AmplifyBackendProviderProps.totalTimeout':
    'awslint 2.x (the newest) still asks for the CDK v1 type @aws-cdk/core.Duration; the prop is aws-cdk-lib.Duration, its v2 successor',
  'duration-prop-type:cdk-amplify-backend.IAmplifyBackendProvider.serviceTimeout':
    'the same v1 type check; the attribute is aws-cdk-lib.Duration, as the CustomResource serviceTimeout it is passed to',
  'duration-prop-type:cdk-amplify-backend.AmplifyBackendProvider.serviceTimeout':
    'the same v1 type check, on the class that implements IAmplifyBackendProvider.serviceTimeout',
};
project.package.addField('awslint', { exclude: Object.keys(AWSLINT_EXCEPTIONS) });
const awslint = project.addTask('awslint', {
  description: 'Lint the public API with the aws-cdk construct-library linter (awslint) against .jsii',
  exec: 'awslint --no-compile',
});
project.postCompileTask.spawn(awslint);
project.postCompileTask.spawn(checkBindings);

// The front door: the example app deployed, changed and destroyed on the embedded emulator.
const demo = project.addTask('demo', {
  description: 'Deploy the example app on the embedded AmplifyBackend emulator: create, update, rename, destroy',
});
demo.spawn(project.bundler.bundleTask);
demo.exec('ts-node --transpile-only --project tools/tsconfig.json tools/demo/run.ts');

// A new user's path from the packed package (test/packed/user-app.ts): built, packed, installed into a fresh
// `cdk init` app, the README's examples run there as printed and their output compared with the README (local serve's
// console opened in headless Chromium while the drift example is served), and the templates local deploy keeps compared
// with the app's own cdk synth. A few minutes, most of them cdk init's npm install and the app's synths: CI runs it
// after the build, npm test does not.
const testPacked = project.addTask('test:packed', {
  description: 'Pack the library, install it into a fresh cdk init app, run the README\'s examples there as printed (its console '
    + 'opened in /usr/bin/chromium) and compare local deploy\'s templates with cdk synth\'s',
});
testPacked.spawn(project.bundler.bundleTask);
testPacked.spawn(project.compileTask);
testPacked.spawn(project.tasks.tryFind('package:js')!);
testPacked.exec('ts-node --transpile-only --project test/tsconfig.json test/packed/user-app.ts');

// Bringing an existing backend under code, as a user would (test/packed/adopt-user.ts): README "Bring an existing backend
// under code" run as printed in a fresh cdk init app with the packed package, against a backend made through the SDK on
// local serve; the transcript goes to test-reports/adopt-user.txt. test:packed ends with the same trial in its own app, so
// CI (which runs test:packed) installs no second app; this task runs the trial alone.
const testAdoptUser = project.addTask('test:adopt-user', {
  description: 'Pack the library and bring a backend made on local serve under code in a fresh CDK app: adopt, paste, preview, deploy, drift',
});
testAdoptUser.spawn(project.bundler.bundleTask);
testAdoptUser.spawn(project.compileTask);
testAdoptUser.spawn(project.tasks.tryFind('package:js')!);
testAdoptUser.exec('ts-node --transpile-only --project test/tsconfig.json test/packed/adopt-user.ts');

// The adopt round trip at full size (test/adopt): 200 random backends through adopt, synth, preview, deploy and drift, then
// every module written compiled with tsc --strict in a fresh CDK app folder; npm test runs 2 backends. With it, preview's
// row kinds of a deployed stack (ADOPT_FULL in test/cli/preview.test.ts), each against the deploy that follows.
project.addTask('test:adopt', {
  description: 'The adopt round trip at full size: 200 random backends, every module compiled with tsc --strict (ADOPT_SEED picks another draw); preview of a deployed stack, row by row',
  env: { ADOPT_BACKENDS: '200', ADOPT_COMPILE: 'true', ADOPT_FULL: 'true' },
  exec: fullSizeJest('test/adopt test/cli/preview.test.ts'),
}).prependSpawn(project.bundler.bundleTask);
// The console of `local serve` in headless Chromium (test/console/browser.ts): Debian's chromium driven by playwright-core,
// while a deploy runs through the served emulator; screenshots in test-reports/console/. About 20 s: CI runs it, npm test does not.
const testConsole = project.addTask('test:console', {
  description: 'Open local serve\'s console in headless Chromium (/usr/bin/chromium) while a deploy runs through it; screenshots in test-reports/console/',
});
testConsole.spawn(project.bundler.bundleTask);
testConsole.exec(`tsc -p ${CONSOLE_PAGE}/tsconfig.json`);
testConsole.exec('ts-node --transpile-only --project test/tsconfig.json test/console/browser.ts');

// Interruptions of the shipped command (test/interrupt): 30 SIGINTs at random moments of local deploy, update and destroy,
// each followed by a rerun that must converge. About two minutes of separate processes: CI runs it, npm test does not.
project.addTask('test:interruptions', {
  description: 'Interrupt local deploy, update and destroy 30 times at random moments; every rerun converges (INTERRUPTIONS, INTERRUPTIONS_SEED)',
  exec: 'ts-node --transpile-only --project test/tsconfig.json test/interrupt/interruptions.ts',
}).prependSpawn(project.bundler.bundleTask);

// The full fault-injection soak (test/soak): 200 lifecycles, which CI runs; npm test leaves the soak out.
project.addTask('test:soak', {
  description: 'The fault-injection soak at full size: 200 randomized lifecycles (SOAK_SEED picks another run)',
  env: { SOAK_LIFECYCLES: '200' },
  exec: fullSizeJest('test/soak'),
}).prependSpawn(project.bundler.bundleTask);
project.addTask('test:slow', {
  description: 'The suites npm test leaves out for time: the command as separate processes, and the cdk-nag lint of the templates',
  exec: fullSizeJest(SLOW_SUITES.map((suite) => suite.replace('<rootDir>/', '')).join(' ')),
}).prependSpawn(project.bundler.bundleTask);

// The property test at full size (test/property): 1,000 random prop sets per construct, each refused at synth naming
// the prop or deployed on the emulator; npm test runs 25 per construct. About 80 s: CI runs it after npm test.
project.addTask('test:props', {
  description: 'The prop-set property test at full size: 1,000 random sets per construct (PROPS_SEED picks another draw)',
  env: { PROPS_PER_CONSTRUCT: '1000' },
  exec: 'jest test/property',
}).prependSpawn(project.bundler.bundleTask);

// Performance figures against their baselines, measured in one run; writes BENCHMARKS.md.
const bench = project.addTask('bench', { description: 'Measure deploy time, polling, template and bundle size, synth cost and cold start against baselines' });
bench.spawn(project.bundler.bundleTask);
bench.exec('ts-node --transpile-only --project tools/tsconfig.json tools/bench/run.ts');
project.gitignore.exclude('/.bench/');

project.synth();
