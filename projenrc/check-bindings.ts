/**
 * Proves what can be proven here about the Python, Java, .NET and Go packages: their registries are out
 * of reach, but jsii-pacmak must generate each binding's code from the compiled assembly, a Python
 * wheel must build from the generated code, and the Python binding must refuse, at the language level,
 * a call without a required prop or with a prop of the wrong type (check-python-props.py). Run after
 * `jsii` has compiled `.jsii`.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const TARGETS = ['python', 'java', 'dotnet', 'go'];
const PYTHON_MODULE = 'cdk_amplify_backend';

function run(command: string, args: string[], cwd?: string, quiet = false): void {
  execFileSync(command, args, { cwd, stdio: ['ignore', quiet ? 'ignore' : 'inherit', quiet ? 'ignore' : 'inherit'] });
}

/** The first Python on the machine that can build a wheel without reaching PyPI (setuptools and wheel installed). */
function wheelPython(): string {
  for (const candidate of ['python3', '/usr/bin/python3']) {
    try {
      run(candidate, ['-c', 'import setuptools, wheel'], undefined, true);
      return candidate;
    } catch {
      // try the next one
    }
  }
  throw new Error('No python3 with setuptools and wheel installed: install them (Debian: apt-get install python3-wheel) to build the wheel offline');
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bindings-'));
try {
  run('npx', ['jsii-pacmak', '--code-only', ...TARGETS.flatMap((target) => ['-t', target]), '-o', out]);
  for (const target of TARGETS) {
    const files = fs.existsSync(path.join(out, target)) ? filesUnder(path.join(out, target)) : [];
    const mentionsConstruct = files.some((file) => /AmplifyBackendStorage/.test(file)
      || fs.readFileSync(path.join(out, target, file), 'latin1').includes('AmplifyBackendStorage'));
    if (!mentionsConstruct) throw new Error(`jsii-pacmak generated no ${target} binding for AmplifyBackendStorage in ${path.join(out, target)}`);
    console.log(`${target.padEnd(7)} ${files.length} files generated`);
  }

  const wheels = path.join(out, 'wheels');
  const python = wheelPython();
  run(python, ['-m', 'pip', 'wheel', '--quiet', '--no-deps', '--no-build-isolation', '--no-index', '-w', wheels, '.'], path.join(out, 'python'));
  const wheel = fs.readdirSync(wheels).find((name) => name.endsWith('.whl'));
  if (!wheel) throw new Error(`no wheel was built in ${wheels}`);
  const listing = execFileSync(python, ['-m', 'zipfile', '-l', path.join(wheels, wheel)], { encoding: 'utf8' });
  if (!listing.includes(`${PYTHON_MODULE}/__init__.py`) || !listing.includes(`${PYTHON_MODULE}/_jsii/`)) {
    throw new Error(`${wheel} lacks the ${PYTHON_MODULE} module or its jsii assembly`);
  }
  console.log(`python  ${wheel} built`);
  const pythonModule = path.join(out, 'python', 'src', PYTHON_MODULE);
  run(python, [path.join(__dirname, 'check-python-examples.py'), path.join(__dirname, '..', 'README.md'), pythonModule]);
  run(python, [path.join(__dirname, 'check-python-props.py'), path.join(__dirname, '..', '.jsii'), pythonModule]);
} finally {
  fs.rmSync(out, { recursive: true, force: true });
}
