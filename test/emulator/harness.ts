import {
  AmplifyBackendClient,
  BackendJobRespObj,
  CreateBackendAuthCommand,
  CreateBackendStorageCommand,
  CreateBackendStorageCommandInput,
  ListBackendJobsCommand,
  ListBackendJobsCommandInput,
} from '@aws-sdk/client-amplifybackend';
import { AmplifyBackendEmulator, EmulatorOptions, WorldImage } from '../../local/emulator';

// The SDK warns once per process that Node 20 will lose support; it is noise in test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** The app and environment most tests work in (seeded unless a test says otherwise). */
export const APP_ID = 'd2abc3def4';
export const ENV = 'dev';

/** A clock that moves only when a test says so. */
export class TestClock {
  now = 1_700_000_000_000;
  readonly read = (): number => this.now;

  advance(ms: number): void {
    this.now += ms;
  }
}

/** An emulator, a client that does not retry, and the clock that decides when jobs end. */
export interface Harness {
  emulator: AmplifyBackendEmulator;
  client: AmplifyBackendClient;
  clock: TestClock;
}

/** Starts an emulator (with `APP_ID`/`ENV` seeded unless `options.environments` says otherwise) and a client for it. */
export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
  const clock = new TestClock();
  const emulator = await AmplifyBackendEmulator.start({
    environments: [{ appId: APP_ID, appName: 'photo-app', backendEnvironmentName: ENV }],
    clock: clock.read,
    seed: 42,
    ...options,
  });
  return { emulator, clock, client: new AmplifyBackendClient({ ...emulator.clientConfig(), maxAttempts: 1 }) };
}

/** Closes the client and the emulator. */
export async function stopHarness(harness: Harness): Promise<void> {
  harness.client.destroy();
  await harness.emulator.close();
}

/** Gives every test of the enclosing describe a fresh harness and stops it afterwards. */
export function useEmulator(options: EmulatorOptions = {}): Harness {
  const harness = {} as Harness;
  beforeEach(async () => {
    Object.assign(harness, await startHarness(options));
  });
  afterEach(async () => {
    await stopHarness(harness);
  });
  return harness;
}

/** Sends CreateBackendStorage for `photos` in `ENV` (authenticated READ unless overridden). */
export function createStorage(client: AmplifyBackendClient, overrides: Partial<CreateBackendStorageCommandInput> = {}) {
  return client.send(new CreateBackendStorageCommand({
    AppId: APP_ID,
    BackendEnvironmentName: ENV,
    ResourceName: 'photos',
    ResourceConfig: { ServiceName: 'S3', BucketName: 'photos', Permissions: { Authenticated: ['READ'] } },
    ...overrides,
  }));
}

/** Sends CreateBackendAuth for a user pool and, when `guests` is given, an identity pool with that guest setting. */
export function createAuth(client: AmplifyBackendClient, guests?: boolean) {
  return client.send(new CreateBackendAuthCommand({
    AppId: APP_ID,
    BackendEnvironmentName: ENV,
    ResourceName: 'userpool',
    ResourceConfig: {
      AuthResources: guests === undefined ? 'USER_POOL_ONLY' : 'IDENTITY_POOL_AND_USER_POOL',
      Service: 'COGNITO',
      UserPoolConfigs: { RequiredSignUpAttributes: ['EMAIL'], SignInMethod: 'EMAIL', UserPoolName: 'users' },
      IdentityPoolConfigs: guests === undefined ? undefined : { IdentityPoolName: 'identities', UnauthenticatedLogin: guests },
    },
  }));
}

/** A saved world with auth (guests allowed) and storage `photos` (signed-in users may read) in ENV, every job ended. */
export async function savedWorldWithStorage(): Promise<WorldImage> {
  const harness = await startHarness({ seed: 7 });
  await createAuth(harness.client, true);
  await createStorage(harness.client);
  const image = harness.emulator.saveWorld();
  await stopHarness(harness);
  return image;
}

/** The last request the emulator recorded. */
export function lastRequest(harness: Harness) {
  return harness.emulator.requests().at(-1);
}

/** ListBackendJobs' filters and paging fields. */
export type ListFilters = Omit<ListBackendJobsCommandInput, 'AppId' | 'BackendEnvironmentName'>;

/** Follows nextToken (from `filters.NextToken`, if given) to the end; returns every job listed and the size of each page. */
export async function listAllJobs(
  harness: Harness, filters: ListFilters = {}, appId = APP_ID, environment = ENV,
): Promise<{ jobs: BackendJobRespObj[]; pageSizes: number[] }> {
  const jobs: BackendJobRespObj[] = [];
  const pageSizes: number[] = [];
  let token = filters.NextToken;
  do {
    const input = { AppId: appId, BackendEnvironmentName: environment, ...filters, NextToken: token };
    const page = await harness.client.send(new ListBackendJobsCommand(input));
    jobs.push(...page.Jobs!);
    pageSizes.push(page.Jobs!.length);
    token = page.NextToken;
  } while (token !== undefined);
  return { jobs, pageSizes };
}

/** The message an emulator start fails with, or undefined (after closing it) if it starts. */
export async function startFailure(options: EmulatorOptions): Promise<string | undefined> {
  try {
    await (await AmplifyBackendEmulator.start(options)).close();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

export const jobIds = (jobs: readonly BackendJobRespObj[]): string[] => jobs.map((job) => job.JobId!);
export const createTimes = (jobs: readonly BackendJobRespObj[]): number[] => jobs.map((job) => Number(job.CreateTime));
export const ascending = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b);
export const descending = (values: readonly number[]): number[] => [...values].sort((a, b) => b - a);
