import * as fs from 'fs';
import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import { freshOutdir, localDeployment, synth } from './harness';
import { customResources, HandlerLogLine, LambdaHandler } from '../../local/runner';
import { AmplifyBackend, StoragePermission } from '../../src';

jest.setTimeout(30_000);

const EXISTING = { environments: [{ appId: 'd1', backendEnvironmentName: 'dev' }] };

/** Storage on the existing environment d1/dev. */
const storageStack = () => synth((app) => {
  const stack = new Stack(app, 'Storage');
  AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: 'd1', environmentName: 'dev' })
    .addStorage('Photos', { resourceName: 'photos', permissions: { authenticated: [StoragePermission.READ] } });
});

const isCompleteCall = (payload: object) => 'AmplifyBackendWait' in payload;

describe('the local runner runs aws-cdk-lib\'s Provider-framework runtime, from the stack\'s own asset', () => {
  test('a handler\'s failure reason ends with the framework\'s pointer to the handler\'s log, which points at the file that keeps it', async () => {
    const logDir = path.join(freshOutdir(), 'logs');
    const local = await localDeployment({ emulator: EXISTING, logDir });
    try {
      local.emulator.injectFault('CreateBackendStorage', { kind: 'jobFails', error: 'S3 bucket limit reached' });
      const result = await local.deploy(storageStack());
      expect(result.status).toBe('ROLLBACK_COMPLETE');
      const reason = result.failures[0].reason!;
      expect(reason).toMatch(
        /^Storage "photos" \(app d1, environment dev\): CreateBackendStorage job \S+ FAILED: S3 bucket limit reached\n\nLogs: \S+\/logs\/Storage-AmplifyBackendProviderHandler[0-9A-F]{8}-[A-Z0-9]{13}\.log\n$/,
      );
      const file = /^Logs: (\S+)$/m.exec(reason)![1];
      expect(fs.readFileSync(file, 'utf8')).toMatch(/"decision":"fail","reason":"CreateBackendStorage job \S+ FAILED: S3 bucket limit reached"/);
    } finally {
      await local.close();
    }
  });

  test('without a folder for logs, the pointer says the log is not kept instead of naming a log group that exists nowhere', async () => {
    const local = await localDeployment({ emulator: EXISTING });
    try {
      local.emulator.injectFault('CreateBackendStorage', { kind: 'jobFails', error: 'S3 bucket limit reached' });
      const result = await local.deploy(storageStack());
      expect(result.failures[0].reason).toMatch(/FAILED: S3 bucket limit reached\n\nLogs: not kept \(this local run keeps no log files\)\n$/);
    } finally {
      await local.close();
    }
  });

  test('an isComplete answering "not yet" with Data fails with the framework\'s own error, thrown by framework.js of the stack\'s asset', async () => {
    const invoke = async (handler: LambdaHandler, payload: { RequestType?: string }) =>
      (isCompleteCall(payload) && payload.RequestType === 'Create' ? { IsComplete: false, Data: { BucketName: 'early' } } : handler(payload));
    const local = await localDeployment({ emulator: EXISTING, invoke });
    try {
      const result = await local.deploy(storageStack());
      expect(result.status).toBe('ROLLBACK_COMPLETE');
      expect(result.failures[0].reason).toMatch(/^Error: "Data" is not allowed if "IsComplete" is "False"\n +at .*\/asset\.[0-9a-f]{64}\/framework\.js:/);
    } finally {
      await local.close();
    }
  });

  test('an onEvent answer with NoEcho keeps its Data out of the framework\'s log, and CloudFormation still gets it', async () => {
    const frameworkLog: HandlerLogLine[] = [];
    const invoke = async (handler: LambdaHandler, payload: object) => {
      const answer = await handler(payload) as { Data?: Record<string, string> };
      return isCompleteCall(payload) ? answer : { ...answer, NoEcho: true, Data: { ...answer.Data, Token: 'token-7f3a' } };
    };
    const local = await localDeployment({ emulator: EXISTING, invoke, onFrameworkLog: (line) => frameworkLog.push(line) });
    try {
      const result = await local.deploy(storageStack());
      expect(result.status).toBe('CREATE_COMPLETE');
      const [storage] = customResources(result.state);
      expect(storage.attributes.Token).toBe('token-7f3a');
      expect(frameworkLog.map((log) => log.line)).toContainEqual(expect.stringMatching(/^\[provider-framework\] redacted onEvent returned: [^]*"Token": "\*\*\*\*\*"/));
      expect(frameworkLog.filter((log) => log.line.includes('token-7f3a'))).toEqual([]);
      expect(new Set(frameworkLog.map((log) => log.logicalResourceId))).toEqual(new Set([storage.logicalId]));
    } finally {
      await local.close();
    }
  });
});
