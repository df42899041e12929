import * as fs from 'fs';
import * as path from 'path';
import { deflateRawSync } from 'zlib';
import { buildSync } from 'esbuild';
import { Row } from './stats';

const ROOT = path.join(__dirname, '..', '..');

/** Size of a one-file zip archive (deflate at level 9), as Lambda receives the asset. */
export function zippedSize(code: Buffer, fileName = 'index.js'): number {
  const LOCAL_HEADER = 30; const CENTRAL_HEADER = 46; const END_RECORD = 22;
  return deflateRawSync(code, { level: 9 }).length + LOCAL_HEADER + CENTRAL_HEADER + END_RECORD + 2 * fileName.length;
}

/** The floor: the SDK clients and the commands the handler sends, bundled and minified the same way, doing nothing else. */
function sdkFloor(): Buffer {
  const result = buildSync({
    stdin: {
      contents: `export { AmplifyBackendClient, CreateBackendCommand, DeleteBackendCommand, GetBackendCommand, CreateBackendStorageCommand,
        UpdateBackendStorageCommand, DeleteBackendStorageCommand, GetBackendStorageCommand, ImportBackendStorageCommand,
        ListS3BucketsCommand, GetBackendJobCommand, ListBackendJobsCommand, CreateBackendAuthCommand, UpdateBackendAuthCommand,
        DeleteBackendAuthCommand, GetBackendAuthCommand, ImportBackendAuthCommand } from '@aws-sdk/client-amplifybackend';
        export { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';`,
      resolveDir: ROOT,
    },
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node24',
    mainFields: ['module', 'main'],
    write: false,
    logLevel: 'error',
  });
  return Buffer.from(result.outputFiles[0].contents);
}

/** The handler asset, zipped, against the SDK alone bundled the same way. */
export function handlerSizeRow(): Row {
  const ours = zippedSize(fs.readFileSync(path.join(ROOT, 'assets', 'lambda', 'provider', 'index.js')));
  const floor = zippedSize(sdkFloor());
  return {
    metric: 'handler asset, zipped',
    baseline: `SDK clients and the commands the handler sends, bundled and minified: ${(floor / 1024).toFixed(1)} KB`,
    ours: `${(ours / 1024).toFixed(1)} KB (${(ours / floor).toFixed(2)}× the floor)`,
    goal: '≤ 150 KB',
    met: ours <= 150 * 1024,
  };
}
