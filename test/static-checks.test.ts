import { runProjenTask } from './projen-task';

// Run as suites beside the others rather than as steps before them: tsc alone leaves a core idle.

// tsc over everything jsii does not compile (the handler, the command, the engine, the tools, the tests)
// and over the README's TypeScript examples; ts-jest itself does not type-check.
test('everything type-checks, the README examples included', () => {
  runProjenTask('typecheck');
}, 120_000);

// dependency-cruiser: no import circle, shipped code imports no development-only code, the emulator stands alone.
test('who imports whom keeps the layout', () => {
  runProjenTask('check:dependencies');
}, 60_000);
