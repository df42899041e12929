import { runProjenTask } from './projen-task';

// jsii-pacmak generates the Python, Java, .NET and Go code, the Python wheel builds, and the README's
// Python example uses only what the binding declares (`npx projen test:bindings`).
test('every jsii language binding generates, and the Python wheel builds', () => {
  runProjenTask('test:bindings');
}, 180_000);
