import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The package's bin, as `npm test` builds it: one bundle with the SDK, the emulator and the runner inside. */
const BIN = path.join(__dirname, '..', '..', 'assets', 'cli', 'bin', 'index.js');

describe('the packaged cdk-amplify-backend command', () => {
  test('runs on its own with a shebang, printing its usage', () => {
    const usage = execFileSync(BIN, ['--help'], { env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } }).toString();
    expect(usage).toContain('Usage: cdk-amplify-backend <command> [options]');
    expect(usage).toContain('jobs wait');
    expect(usage).toContain('local');
  });

  test('local secrets set reads the value from its standard input to the end', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bin-secrets-'));
    try {
      const result = spawnSync(process.execPath, [BIN, 'local', 'secrets', 'set', 'photo-share/apple-key', '--state-dir', dir],
        { input: '-----BEGIN PRIVATE KEY-----\nkey\n-----END PRIVATE KEY-----\n', encoding: 'utf8' });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(JSON.parse(fs.readFileSync(path.join(dir, 'secrets.json'), 'utf8')).secrets)
        .toEqual({ 'photo-share/apple-key': '-----BEGIN PRIVATE KEY-----\nkey\n-----END PRIVATE KEY-----' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('exits 2 on a bad argument, naming it', () => {
    const result = spawnSync(process.execPath, [BIN, 'jobs', 'list', '--app-id', 'd1'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Missing required option: --env <name>.');
  });
});
