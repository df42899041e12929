import { createRequire } from 'module';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ts from 'typescript';
import { readmeExamples } from '../projenrc/readme-examples';
import * as library from '../src';

// The examples are type-checked by the typecheck task (projenrc/readme-examples.ts); here they run.
const examples = readmeExamples();
const requireHere = createRequire(__filename);

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

  test('the first example synthesizes a whole environment behind one provider', () => {
    const app = run(examples[0]);
    const template = Template.fromStack(app.node.children.find((c) => c.node.id === 'AmplifyBackends') as Stack);
    template.resourceCountIs('Custom::AmplifyBackend', 1);
    template.resourceCountIs('Custom::AmplifyBackendStorage', 1);
    template.resourceCountIs('Custom::AmplifyImportedBackendStorage', 1);
    template.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
  });
});
