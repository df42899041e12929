import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { runReadmeExample } from './readme-app';
import { readmeExamples } from '../projenrc/readme-examples';

// The examples are type-checked by the typecheck task (projenrc/readme-examples.ts); here they run.
const examples = readmeExamples();

describe('README', () => {
  test('has a TypeScript example', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  test('the first example synthesizes a whole environment behind one provider', () => {
    const app = runReadmeExample(examples[0]);
    const template = Template.fromStack(app.node.children.find((c) => c.node.id === 'AmplifyBackends') as Stack);
    template.resourceCountIs('Custom::AmplifyBackend', 1);
    template.resourceCountIs('Custom::AmplifyBackendStorage', 1);
    template.resourceCountIs('Custom::AmplifyImportedBackendStorage', 1);
    template.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
  });
});
