import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');

// integ-runner verifies the committed snapshots of test/integ/integ.*.ts offline in the build (`npx projen integ`).
test('no committed snapshot holds an absolute path, so every machine writes the same ones', () => {
  const snapshots = [
    ...fs.readdirSync(path.join(ROOT, 'test', 'integ')).filter((name) => name.endsWith('.snapshot')).map((name) => path.join('test', 'integ', name)),
    path.join('test', '__snapshots__'),
  ].flatMap((dir) => filesIn(dir));
  expect(snapshots.length).toBeGreaterThan(10);
  const absolute = /(^|["'\s(=])\/(home|Users|tmp|work|root|var|private|opt|mnt)\/|[A-Z]:\\\\/;
  const offending = snapshots.filter((file) => absolute.test(fs.readFileSync(path.join(ROOT, file), 'utf8')) || fs.readFileSync(path.join(ROOT, file), 'utf8').includes(ROOT));
  expect(offending).toEqual([]);
});

function filesIn(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesIn(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}
