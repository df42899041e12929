import {
  CreateBackendStorageCommand,
  DeleteBackendStorageCommand,
  GetBackendCommand,
  ImportBackendStorageCommand,
  ListBackendJobsCommand,
  ListS3BucketsCommand,
} from '@aws-sdk/client-amplifybackend';
import { amplify, nextPoll, notFound, pollOf, request, START, T0, testRuntime } from './harness';
import { ResourceRequest } from '../../lambda/events';
import { BUCKET_PAGES, importedBackendStorage } from '../../lambda/imported-backend-storage';
import { isComplete, onEvent } from '../../lambda/reconcile';
import { IMPORTED_STORAGE_RESOURCE_TYPE } from '../../src/private/contract';

const PROPS = { AppId: 'd1', EnvironmentName: 'dev', BucketName: 'team-files' };
const PROVISIONAL = 'd1/dev/importing:team-files';

const create = (props: Record<string, unknown> = PROPS) => request('Create', IMPORTED_STORAGE_RESOURCE_TYPE, props);
const update = (props: Record<string, unknown>, id: string, old: Record<string, unknown> = PROPS) =>
  request('Update', IMPORTED_STORAGE_RESOURCE_TYPE, props, { PhysicalResourceId: id, OldResourceProperties: old });
const remove = (id: string, props: Record<string, unknown> = PROPS) => request('Delete', IMPORTED_STORAGE_RESOURCE_TYPE, props, { PhysicalResourceId: id });

/** GetBackend's answer with these storage entries in amplifyMetaConfig. */
function meta(storage: Record<string, { bucket: string; imported?: boolean; service?: string }> = {}) {
  const entries = Object.fromEntries(Object.entries(storage).map(([name, s]) => [name, {
    service: s.service ?? 'S3', providerPlugin: 'awscloudformation', ...(s.imported === false ? {} : { serviceType: 'imported' }), output: { BucketName: s.bucket },
  }]));
  return { AppId: 'd1', BackendEnvironmentName: 'dev', BackendEnvironmentList: ['dev'], AmplifyMetaConfig: JSON.stringify({ providers: {}, storage: entries }) };
}
const buckets = (...names: string[]) => ({ Buckets: names.map((Name) => ({ Name })) });
const mutatingCalls = () => amplify.calls()
  .map((call) => (call.args[0] as object).constructor.name.replace(/Command$/, ''))
  .filter((name) => /^(Create|Update|Delete|Import)/.test(name));

async function deploy(req: ResourceRequest, runtime = testRuntime()) {
  const started = await onEvent(importedBackendStorage, req, runtime);
  return { started, poll: pollOf(req, started.PhysicalResourceId, started.AmplifyBackendWait), runtime: nextPoll(runtime) };
}

/** onEvent and the first isComplete, which the framework runs at once: it sends the first call that starts a job. */
async function deployAndPoll(req: ResourceRequest) {
  const deployed = await deploy(req);
  return { ...deployed, first: await isComplete(importedBackendStorage, deployed.poll, deployed.runtime) };
}

beforeEach(() => {
  amplify.reset();
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  amplify.on(ListBackendJobsCommand).resolves({ Jobs: [] });
});

describe('imported storage Create', () => {
  test('a bucket the account does not have fails fast, naming it, before any import', async () => {
    amplify.on(GetBackendCommand).resolves(meta());
    amplify.on(ListS3BucketsCommand).resolvesOnce({ ...buckets('a', 'b'), NextToken: 'p2' }).resolves(buckets('c'));
    await expect(deploy(create())).rejects.toThrow(
      'Imported bucket "team-files" (app d1, environment dev): bucket "team-files" is not in this account (ListS3Buckets does not list it)');
    expect(amplify.commandCalls(ListS3BucketsCommand)).toHaveLength(2);
    expect(mutatingCalls()).toEqual([]);
  });

  test(`an account with more than ${BUCKET_PAGES} pages of buckets is not searched to the end: the import's own answer decides`, async () => {
    amplify.on(GetBackendCommand).resolves(meta());
    amplify.on(ListS3BucketsCommand).resolves({ ...buckets('other'), NextToken: 'more' });
    amplify.on(ImportBackendStorageCommand).resolves({ JobId: 'imp-1' });
    const { first } = await deployAndPoll(create());
    expect(first).toEqual({ IsComplete: false });
    expect(amplify.commandCalls(ListS3BucketsCommand)).toHaveLength(BUCKET_PAGES);
    expect(mutatingCalls()).toEqual(['ImportBackendStorage']);
  });

  test('an existing bucket is imported, and the generated resource name is read from amplifyMetaConfig into the final id', async () => {
    amplify.on(GetBackendCommand).resolves(meta());
    amplify.on(ListS3BucketsCommand).resolvesOnce({ ...buckets('other'), NextToken: 'p2' }).resolves(buckets('team-files'));
    amplify.on(ImportBackendStorageCommand).resolves({ JobId: 'imp-1' });

    const { started, poll, runtime, first } = await deployAndPoll(create());
    expect(started).toEqual({ PhysicalResourceId: PROVISIONAL, AmplifyBackendWait: { startedAt: START } });
    expect(first).toEqual({ IsComplete: false });
    expect(amplify.commandCalls(ImportBackendStorageCommand)[0].args[0].input)
      .toEqual({ AppId: 'd1', BackendEnvironmentName: 'dev', BucketName: 'team-files', ServiceName: 'S3' });

    amplify.on(GetBackendCommand).resolves(meta({ s3a1b2c3d4: { bucket: 'team-files' } }));
    expect(await isComplete(importedBackendStorage, poll, nextPoll(runtime))).toEqual({
      IsComplete: true,
      PhysicalResourceId: 'd1/dev/s3a1b2c3d4',
      Data: { ResourceName: 's3a1b2c3d4', BucketName: 'team-files' },
    });
  });

  test('a bucket already linked before anything started is a conflict', async () => {
    amplify.on(GetBackendCommand).resolves(meta({ s3old: { bucket: 'team-files' } }));
    amplify.on(ListS3BucketsCommand).resolves(buckets('team-files'));
    await expect(deploy(create())).rejects.toThrow('bucket "team-files" is already linked to the environment as storage "s3old"');
    expect(mutatingCalls()).toEqual([]);
  });

  test('an environment that already has other storage is refused with what to do (one storage per environment)', async () => {
    amplify.on(GetBackendCommand).resolves(meta({ photos: { bucket: 'photos123-dev', imported: false } }));
    amplify.on(ListS3BucketsCommand).resolves(buckets('team-files'));
    await expect(deploy(create())).rejects.toThrow('the environment already has storage "photos" (bucket photos123-dev) and allows one');
    expect(mutatingCalls()).toEqual([]);
  });

  test('a DynamoDB table in the storage category is not S3 storage and does not block the import', async () => {
    amplify.on(GetBackendCommand).resolves(meta({ notes: { bucket: 'unused', service: 'DynamoDB' } }));
    amplify.on(ListS3BucketsCommand).resolves(buckets('team-files'));
    amplify.on(ImportBackendStorageCommand).resolves({ JobId: 'imp-9' });
    await deployAndPoll(create());
    expect(mutatingCalls()).toEqual(['ImportBackendStorage']);
  });

  test('a retried import that finds its bucket linked converges on it', async () => {
    amplify.on(GetBackendCommand).resolves(meta({ s3new: { bucket: 'team-files' } }));
    const result = await isComplete(importedBackendStorage, pollOf(create(), PROVISIONAL, { startedAt: T0 }), testRuntime());
    expect(result).toEqual({ IsComplete: true, PhysicalResourceId: 'd1/dev/s3new', Data: { ResourceName: 's3new', BucketName: 'team-files' } });
    expect(mutatingCalls()).toEqual([]);
  });
});

describe('imported storage taken over (adopt)', () => {
  const ADOPT = { ...PROPS, Adopt: 'true' };
  const ADOPTED_ID = 'd1/dev/s3abcdef01 (adopted)';

  test('a bucket already linked is taken over: no call, the physical id names the link and says adopted', async () => {
    amplify.on(GetBackendCommand).resolves(meta({ s3abcdef01: { bucket: 'team-files' } }));
    amplify.on(ListS3BucketsCommand).resolves(buckets('team-files'));
    const { started, first } = await deployAndPoll(create(ADOPT));
    expect(started.PhysicalResourceId).toBe(ADOPTED_ID);
    expect(first).toEqual({ IsComplete: true, Data: { ResourceName: 's3abcdef01', BucketName: 'team-files' }, PhysicalResourceId: ADOPTED_ID });
    expect(mutatingCalls()).toEqual([]);
  });

  test('its Delete forgets the link: nothing read, nothing unlinked', async () => {
    const { started, poll, runtime } = await deploy(remove(ADOPTED_ID, ADOPT));
    expect(started.PhysicalResourceId).toBe(ADOPTED_ID);
    expect(await isComplete(importedBackendStorage, poll, runtime)).toEqual({ IsComplete: true, Data: {} });
    expect(amplify.calls()).toHaveLength(0);
  });

  test('linking another bucket instead is refused before anything starts: the stack never unlinks what it took over', async () => {
    amplify.on(GetBackendCommand).resolves(meta({ s3abcdef01: { bucket: 'team-files' } }));
    amplify.on(ListS3BucketsCommand).resolves(buckets('team-files', 'other-files'));
    await expect(deploy(update({ ...ADOPT, BucketName: 'other-files' }, ADOPTED_ID, ADOPT)))
      .rejects.toThrow('Linking bucket "other-files" instead would first remove the link of bucket "team-files", which this stack took over (adopt) and never removes');
    expect(mutatingCalls()).toEqual([]);
  });
});

describe('imported storage Update', () => {
  test('another bucket unlinks the old one first, then imports the new one under a new id', async () => {
    const swapped = { ...PROPS, BucketName: 'new-files' };
    amplify.on(GetBackendCommand).resolves(meta({ s3old: { bucket: 'team-files' } }));
    amplify.on(ListS3BucketsCommand).resolves(buckets('team-files', 'new-files'));
    amplify.on(DeleteBackendStorageCommand).resolves({ JobId: 'unlink-1' });
    const { first, poll, runtime } = await deployAndPoll(update(swapped, 'd1/dev/s3old'));
    expect(first).toEqual({ IsComplete: false });
    expect(amplify.commandCalls(DeleteBackendStorageCommand)[0].args[0].input)
      .toEqual({ AppId: 'd1', BackendEnvironmentName: 'dev', ResourceName: 's3old', ServiceName: 'S3' });

    amplify.on(GetBackendCommand).resolves(meta());
    amplify.on(ImportBackendStorageCommand).resolves({ JobId: 'imp-2' });
    expect(await isComplete(importedBackendStorage, poll, runtime)).toEqual({ IsComplete: false });

    amplify.on(GetBackendCommand).resolves(meta({ s3new: { bucket: 'new-files' } }));
    expect(await isComplete(importedBackendStorage, poll, runtime))
      .toEqual({ IsComplete: true, PhysicalResourceId: 'd1/dev/s3new', Data: { ResourceName: 's3new', BucketName: 'new-files' } });
    expect(mutatingCalls()).toEqual(['DeleteBackendStorage', 'ImportBackendStorage']);
  });

  test('a swap answers onEvent with a provisional id: the id becomes the generated name once the import completes', async () => {
    amplify.on(GetBackendCommand).resolves(meta({ s3old: { bucket: 'team-files' } }));
    amplify.on(ListS3BucketsCommand).resolves(buckets('team-files', 'new-files'));
    amplify.on(DeleteBackendStorageCommand).resolves({ JobId: 'unlink-1' });
    const { started } = await deploy(update({ ...PROPS, BucketName: 'new-files' }, 'd1/dev/s3old'));
    expect(started.PhysicalResourceId).toBe('d1/dev/importing:new-files');
  });

  test('the rollback of a swap whose unlink failed finds its own link, keeps the old id and calls nothing', async () => {
    // Forward team-files -> new-files failed at the unlink: team-files is still linked as s3old.
    amplify.on(GetBackendCommand).resolves(meta({ s3old: { bucket: 'team-files' } }));
    amplify.on(ListS3BucketsCommand).resolves(buckets('team-files', 'new-files'));
    const { started, poll, runtime } = await deploy(update(PROPS, 'd1/dev/s3old', { ...PROPS, BucketName: 'new-files' }));
    expect(started.PhysicalResourceId).toBe('d1/dev/s3old');
    expect(await isComplete(importedBackendStorage, poll, runtime))
      .toEqual({ IsComplete: true, PhysicalResourceId: 'd1/dev/s3old', Data: { ResourceName: 's3old', BucketName: 'team-files' } });
    expect(mutatingCalls()).toEqual([]);
  });

  test('the rollback of a swap whose import failed links the old bucket again and keeps the old id', async () => {
    // Forward team-files -> new-files unlinked team-files, then the import failed: nothing is linked. A new id
    // would make CloudFormation delete the old one, whose bucket is team-files: the link just made again.
    amplify.on(GetBackendCommand).resolves(meta());
    amplify.on(ListS3BucketsCommand).resolves(buckets('team-files', 'new-files'));
    amplify.on(ImportBackendStorageCommand).resolves({ JobId: 'imp-9' });
    const { started, poll, runtime } = await deployAndPoll(update(PROPS, 'd1/dev/s3old', { ...PROPS, BucketName: 'new-files' }));
    expect(started.PhysicalResourceId).toBe('d1/dev/s3old');
    expect(mutatingCalls()).toEqual(['ImportBackendStorage']);

    amplify.on(GetBackendCommand).resolves(meta({ s3again: { bucket: 'team-files' } }));
    expect(await isComplete(importedBackendStorage, poll, runtime))
      .toEqual({ IsComplete: true, PhysicalResourceId: 'd1/dev/s3old', Data: { ResourceName: 's3again', BucketName: 'team-files' } });
  });

  test('the same bucket needs nothing: imported storage is never updated in place', async () => {
    amplify.on(GetBackendCommand).resolves(meta({ s3a: { bucket: 'team-files' } }));
    const { poll, runtime } = await deploy(update(PROPS, 'd1/dev/s3a'));
    expect(await isComplete(importedBackendStorage, poll, runtime))
      .toEqual({ IsComplete: true, PhysicalResourceId: 'd1/dev/s3a', Data: { ResourceName: 's3a', BucketName: 'team-files' } });
    expect(mutatingCalls()).toEqual([]);
    expect(amplify.commandCalls(ListS3BucketsCommand)).toHaveLength(0);
  });

  test('another environment imports there and leaves the old link to CloudFormation\'s Delete', async () => {
    amplify.on(GetBackendCommand).resolves(meta());
    amplify.on(ListS3BucketsCommand).resolves(buckets('team-files'));
    amplify.on(ImportBackendStorageCommand).resolves({ JobId: 'imp-3' });
    const { started } = await deployAndPoll(update({ ...PROPS, EnvironmentName: 'prod' }, 'd1/dev/s3a'));
    expect(started.PhysicalResourceId).toBe('d1/prod/importing:team-files');
    expect(amplify.commandCalls(ImportBackendStorageCommand)[0].args[0].input.BackendEnvironmentName).toBe('prod');
    expect(mutatingCalls()).toEqual(['ImportBackendStorage']);
  });

  test('the rollback of a move to another environment finds its own link where the old id names it: no conflict, no call', async () => {
    amplify.on(GetBackendCommand).resolves(meta({ s3a: { bucket: 'team-files' } }));
    amplify.on(ListS3BucketsCommand).resolves(buckets('team-files'));
    const { started, poll, runtime } = await deploy(update(PROPS, 'd1/dev/s3a', { ...PROPS, EnvironmentName: 'prod' }));
    expect(started.PhysicalResourceId).toBe('d1/dev/s3a');
    expect(await isComplete(importedBackendStorage, poll, runtime))
      .toEqual({ IsComplete: true, PhysicalResourceId: 'd1/dev/s3a', Data: { ResourceName: 's3a', BucketName: 'team-files' } });
    expect(mutatingCalls()).toEqual([]);
  });
});

describe('imported storage Delete', () => {
  test('Delete only unlinks, found by bucket even after the service renamed the resource', async () => {
    amplify.on(GetBackendCommand).resolves(meta({ s3renamed: { bucket: 'team-files' } }));
    amplify.on(DeleteBackendStorageCommand).resolves({ JobId: 'unlink-2' });
    const { poll, runtime } = await deployAndPoll(remove('d1/dev/s3original'));
    expect(amplify.commandCalls(DeleteBackendStorageCommand)[0].args[0].input.ResourceName).toBe('s3renamed');
    amplify.on(GetBackendCommand).resolves(meta());
    expect(await isComplete(importedBackendStorage, poll, nextPoll(runtime))).toEqual({ IsComplete: true, Data: {} });
    expect(mutatingCalls()).toEqual(['DeleteBackendStorage']);
    expect(amplify.commandCalls(CreateBackendStorageCommand)).toHaveLength(0);
  });

  test.each([
    ['the bucket is no longer linked', () => amplify.on(GetBackendCommand).resolves(meta({ other: { bucket: 'other-bucket' } }))],
    ['the environment is gone', () => amplify.on(GetBackendCommand).rejects(notFound())],
  ])('already unlinked (%s) is success, also the second time', async (_what, given) => {
    given();
    for (let i = 0; i < 2; i++) {
      const { poll, runtime } = await deploy(remove('d1/dev/s3a'));
      expect(await isComplete(importedBackendStorage, poll, runtime)).toEqual({ IsComplete: true, Data: {} });
    }
    expect(mutatingCalls()).toEqual([]);
  });

  test('a rollback Delete with the provisional id finds the bucket and unlinks it', async () => {
    amplify.on(GetBackendCommand).resolves(meta({ s3late: { bucket: 'team-files' } }));
    amplify.on(DeleteBackendStorageCommand).resolves({ JobId: 'unlink-3' });
    await deployAndPoll(remove(PROVISIONAL));
    expect(amplify.commandCalls(DeleteBackendStorageCommand)[0].args[0].input.ResourceName).toBe('s3late');
  });

  test('a created storage with another bucket is never unlinked by an imported storage\'s Delete', async () => {
    amplify.on(GetBackendCommand).resolves(meta({ photos: { bucket: 'photos1-dev', imported: false } }));
    const { poll, runtime } = await deploy(remove('d1/dev/s3a'));
    expect(await isComplete(importedBackendStorage, poll, runtime)).toEqual({ IsComplete: true, Data: {} });
    expect(mutatingCalls()).toEqual([]);
  });
});
