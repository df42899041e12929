import * as fs from 'fs';
import { createRequire } from 'module';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ts from 'typescript';
import * as library from '../src';

const requireHere = createRequire(__filename);

const ROOT = path.join(__dirname, '..');
/** The README's TypeScript examples, in order. */
const examples = [...fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);

/** Type-checks an example as if it were a file of a user's app that depends on this package. */
function typeErrors(source: string): string[] {
  const file = path.join(ROOT, 'test', 'readme-example.ts');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
    types: [],
    paths: { 'cdk-amplify-backend': [path.join(ROOT, 'src', 'index.ts')] },
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile;
  host.readFile = (name) => (name === file ? source : readFile(name));
  host.fileExists = ((exists) => (name: string) => name === file || exists(name))(host.fileExists);
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(file))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

/** Runs an example with `cdk-amplify-backend` resolved to this repository's sources; returns its `app`. */
function run(source: string): App {
  const js = ts.transpileModule(`${source}\nexports.__app = app;`, { compilerOptions: { module: ts.ModuleKind.CommonJS } }).outputText;
  const exports: { __app?: App } = {};
  const localRequire = (name: string) => (name === 'cdk-amplify-backend' ? library : requireHere(name));
  new Function('exports', 'require', js)(exports, localRequire);
  return exports.__app!;
}

describe('README', () => {
  test('has a TypeScript example', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  test.each(examples.map((source, i) => [i + 1, source]))('example %i compiles against the public API', (_i, source) => {
    expect(typeErrors(source as string)).toEqual([]);
  });

  test('the first example synthesizes a whole environment behind one provider', () => {
    const app = run(examples[0]);
    const template = Template.fromStack(app.node.children.find((c) => c.node.id === 'AmplifyBackends') as Stack);
    template.resourceCountIs('Custom::AmplifyBackend', 1);
    template.resourceCountIs('Custom::AmplifyBackendStorage', 1);
    template.resourceCountIs('Custom::AmplifyImportedBackendStorage', 1);
    template.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
  });
});
