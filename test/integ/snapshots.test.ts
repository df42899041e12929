import { runProjenTask } from '../projen-task';

// integ-runner verifies the committed snapshots of test/integ/integ.*.ts offline (`npx projen integ`).
test('integ-runner finds every integ snapshot as committed', () => {
  runProjenTask('integ');
}, 180_000);
