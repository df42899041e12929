import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DEMO, demoApp, DemoVersion, INITIAL, PERMISSIONS_CHANGED, RENAMED, WITH_GOOGLE } from './app';
import { DeploymentReport } from '../../cli/local/deployment-report';
import { AmplifyBackendEmulator, EmulatorSnapshot, secretFingerprint } from '../../local/emulator';
import { LocalDeployment } from '../../local/local-deployment';
import { readAssembly } from '../../local/runner';

/** Provider times are scaled by this (the 3 s query interval becomes 0.3 s); each job takes JOB_MS. */
const TIME_SCALE = 0.1;
const JOB_MS = 1500;
/** The Google client secret in the local Secrets Manager: it must reach the service and appear nowhere else. */
const GOOGLE_CLIENT_SECRET = 'GOCSPX-demo-client-secret-5e1b7c';

/**
 * `npm run demo`: the example app synthesized and deployed on the embedded emulator through the shipped
 * handler bundle, then a permissions change, a rename, Google sign-in, and a destroy. The emulator
 * refuses storage without auth, as the service does. Exits 0 only if every step ended in the expected
 * stack status and the emulator holds what it should.
 */
async function main(): Promise<boolean> {
  const report = new DeploymentReport(() => local.emulator.inspect().jobs);
  /** What anyone could read: templates, handler logs, the resources' attributes and failure reasons. */
  const visible: string[] = [];
  const local = await LocalDeployment.start({
    emulator: {
      jobDurationMs: JOB_MS,
      environments: [{ appId: DEMO.appId, appName: DEMO.appName, backendEnvironmentName: DEMO.consoleEnvironment }],
      buckets: [DEMO.existingBucket],
      requireAuthForStorage: true,
    },
    secrets: { [DEMO.googleClientSecretArn]: JSON.stringify({ clientSecret: GOOGLE_CLIENT_SECRET }) },
    timeScale: TIME_SCALE,
    onLog: (log) => {
      visible.push(log.line);
      report.handlerLog(log.line);
    },
    onEvent: (event) => report.resource(event),
  });
  const emulator = local.emulator;
  const workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-amplify-backend-demo-'));
  const synth = (version: DemoVersion, n: number) => readAssembly(demoApp(path.join(workdir, `v${n}`), version).synth().directory)[0];

  console.info('cdk-amplify-backend demo: the example app deployed on the embedded AmplifyBackend emulator');
  console.info(`  emulator  ${emulator.endpoint}, app ${DEMO.appId} with environment "${DEMO.consoleEnvironment}" (as the console creates it), `
    + `user pool ${DEMO.existingUserPool.userPoolId}, bucket ${DEMO.existingBucket}; storage needs auth`);
  console.info(`  secrets   ${local.secretsManager.endpoint} (a local Secrets Manager) holds the Google client secret`);
  console.info(`  timing    every job takes ${JOB_MS / 1000} s; provider times scaled by ${TIME_SCALE} (isComplete every 0.3 s)`);

  const results: Array<{ title: string; status: string; checks: Check[] }> = [];
  const total = 5;
  try {
    const steps: Array<[string, DemoVersion, (s: EmulatorSnapshot, before: EmulatorSnapshot) => Check[]]> = [
      ['Deploy: create the stack', INITIAL, afterCreate],
      ['Update: signed-in users may also delete', PERMISSIONS_CHANGED, afterPermissionChange],
      ['Update: rename the storage photos → media', RENAMED, afterRename],
      ['Update: sign in with Google too', WITH_GOOGLE, afterGoogle],
    ];
    for (const [index, [title, version, expect]] of steps.entries()) {
      const stack = synth(version, index);
      report.step(index + 1, total, title, stack);
      const before = emulator.inspect();
      const result = await local.deploy(stack);
      visible.push(JSON.stringify(stack.template), ...[...result.state.resources.values()].map((r) => JSON.stringify(r.attributes)));
      visible.push(...result.failures.map((failure) => failure.reason ?? ''));
      const wanted = index === 0 ? 'CREATE_COMPLETE' : 'UPDATE_COMPLETE';
      const checks = [{ description: `stack ${result.status}`, ok: result.status === wanted }, ...expect(emulator.inspect(), before)];
      report.outcome(result.status, checks.map(describeCheck));
      results.push({ title, status: result.status, checks });
    }

    report.step(total, total, 'Destroy the stack');
    const before = emulator.inspect();
    const destroyed = await local.destroy('AmplifyDemo');
    visible.push(...destroyed.failures.map((failure) => failure.reason ?? ''));
    const checks = [
      { description: `stack ${destroyed.status}`, ok: destroyed.status === 'DELETE_COMPLETE' },
      ...afterDestroy(emulator.inspect(), before),
      {
        description: 'the Google client secret appears in no template, handler log line, attribute or failure reason',
        ok: visible.length > 0 && visible.every((text) => !text.includes(GOOGLE_CLIENT_SECRET)),
      },
    ];
    report.outcome(destroyed.status, checks.map(describeCheck));
    results.push({ title: 'Destroy the stack', status: destroyed.status, checks });
  } finally {
    await local.close();
    fs.rmSync(workdir, { recursive: true, force: true });
  }
  return summarize(results, emulator);
}

function summarize(results: Array<{ title: string; status: string; checks: Check[] }>, emulator: AmplifyBackendEmulator): boolean {
  const jobs = emulator.inspect().jobs;
  const byOperation = new Map<string, number>();
  for (const job of jobs) byOperation.set(job.operation, (byOperation.get(job.operation) ?? 0) + 1);
  const overlapping = emulator.requests().filter((request) => request.mutating && request.jobPendingOnArrival);
  const ordering: Check = { description: 'no job was started while another was pending on its environment', ok: overlapping.length === 0 };
  const allOk = results.every((result) => result.checks.every((check) => check.ok)) && ordering.ok;

  console.info('');
  console.info('━━ Summary ' + '━'.repeat(59));
  for (const [index, result] of results.entries()) {
    const passed = result.checks.filter((check) => check.ok).length;
    console.info(`  ${index + 1}. ${result.title.padEnd(44)} ${result.status.padEnd(17)} ${passed}/${result.checks.length} checks`);
  }
  console.info(`  jobs on the emulator: ${jobs.length} (${[...byOperation].map(([op, n]) => `${op} ${n}`).join(', ')}), `
    + `${jobs.filter((job) => job.status === 'COMPLETED').length} COMPLETED, ${jobs.filter((job) => job.status === 'FAILED').length} FAILED`);
  console.info(`  ${ordering.ok ? '✔' : '✘'} ${ordering.description}`);
  console.info(allOk ? '  Every step reached the expected state.' : '  Some steps did not reach the expected state (✘ above).');
  return allOk;
}

const storageIn = (snapshot: EmulatorSnapshot, environment: string) =>
  snapshot.environments.find((env) => env.appId === DEMO.appId && env.backendEnvironmentName === environment)?.storage;
const authIn = (snapshot: EmulatorSnapshot, environment: string) =>
  snapshot.environments.find((env) => env.appId === DEMO.appId && env.backendEnvironmentName === environment)?.auth;
const environmentExists = (snapshot: EmulatorSnapshot, environment: string) =>
  snapshot.environments.some((env) => env.appId === DEMO.appId && env.backendEnvironmentName === environment);
const sameSet = (a: readonly string[] = [], b: readonly string[] = []) => a.length === b.length && a.every((x) => b.includes(x));

function storageHas(snapshot: EmulatorSnapshot, version: DemoVersion): Check {
  const storage = storageIn(snapshot, DEMO.newEnvironment);
  const ok = storage?.resourceName === version.resourceName && !storage.imported
    && sameSet(storage.permissions?.authenticated, version.authenticated) && sameSet(storage.permissions?.unAuthenticated, version.guests);
  return {
    description: `storage "${version.resourceName}" in ${DEMO.newEnvironment}: signed-in ${version.authenticated.join(', ')}; guests ${version.guests.join(', ')}`
      + (storage ? ` (bucket ${storage.bucketName})` : ''),
    ok,
  };
}

function afterCreate(snapshot: EmulatorSnapshot): Check[] {
  const imported = storageIn(snapshot, DEMO.consoleEnvironment);
  const auth = authIn(snapshot, DEMO.newEnvironment);
  const teamAuth = authIn(snapshot, DEMO.consoleEnvironment);
  return [
    { description: `environment "${DEMO.newEnvironment}" created`, ok: environmentExists(snapshot, DEMO.newEnvironment) },
    {
      description: `auth "photoshare" in ${DEMO.newEnvironment}: user pool ${auth?.outputs.UserPoolId}, identity pool ${auth?.outputs.IdentityPoolId} that lets guests in`,
      ok: auth?.imported === false && auth.resourceConfig.identityPoolConfigs?.unauthenticatedLogin === true,
    },
    storageHas(snapshot, INITIAL),
    {
      description: `user pool ${DEMO.existingUserPool.userPoolId} linked to "${DEMO.consoleEnvironment}" as ${teamAuth?.resourceName}`,
      ok: teamAuth?.imported === true && teamAuth.outputs.UserPoolId === DEMO.existingUserPool.userPoolId,
    },
    { description: `bucket ${DEMO.existingBucket} linked to "${DEMO.consoleEnvironment}" as ${imported?.resourceName}`, ok: imported?.imported === true && imported.bucketName === DEMO.existingBucket },
  ];
}

function afterPermissionChange(snapshot: EmulatorSnapshot, before: EmulatorSnapshot): Check[] {
  const bucket = storageIn(before, DEMO.newEnvironment)?.bucketName;
  return [
    storageHas(snapshot, PERMISSIONS_CHANGED),
    { description: `updated in place: same bucket ${bucket}`, ok: storageIn(snapshot, DEMO.newEnvironment)?.bucketName === bucket },
  ];
}

function afterRename(snapshot: EmulatorSnapshot, before: EmulatorSnapshot): Check[] {
  const oldBucket = storageIn(before, DEMO.newEnvironment)?.bucketName;
  return [
    storageHas(snapshot, RENAMED),
    { description: `old bucket ${oldBucket} unlinked and kept`, ok: snapshot.buckets.some((bucket) => bucket.name === oldBucket) },
  ];
}

function afterGoogle(snapshot: EmulatorSnapshot, before: EmulatorSnapshot): Check[] {
  const auth = authIn(snapshot, DEMO.newEnvironment);
  type WireOAuth = { socialProviderSettings?: { Google?: { client_id?: string; client_secret?: string } } };
  const google = (auth?.resourceConfig.userPoolConfigs?.oAuth as WireOAuth | undefined)?.socialProviderSettings?.Google;
  return [
    { description: `updated in place: same user pool ${auth?.outputs.UserPoolId}`, ok: auth?.outputs.UserPoolId === authIn(before, DEMO.newEnvironment)?.outputs.UserPoolId },
    {
      description: `Google sign-in (client ${google?.client_id}) at the service, its secret read from ${DEMO.googleClientSecretArn.split(':').pop()} at deploy time`,
      // The emulator keeps a fingerprint of the secret it was sent, never the value.
      ok: google?.client_secret === secretFingerprint(GOOGLE_CLIENT_SECRET),
    },
  ];
}

function afterDestroy(snapshot: EmulatorSnapshot, before: EmulatorSnapshot): Check[] {
  const createdBucket = storageIn(before, DEMO.newEnvironment)?.bucketName;
  return [
    { description: `environment "${DEMO.newEnvironment}" removed with its auth and storage (RemovalPolicy.DESTROY)`, ok: !environmentExists(snapshot, DEMO.newEnvironment) },
    { description: `environment "${DEMO.consoleEnvironment}" kept: it was adopted, not created`, ok: environmentExists(snapshot, DEMO.consoleEnvironment) },
    { description: `user pool ${DEMO.existingUserPool.userPoolId} unlinked, not deleted`, ok: !authIn(snapshot, DEMO.consoleEnvironment) },
    { description: `bucket ${DEMO.existingBucket} unlinked, not deleted`, ok: !storageIn(snapshot, DEMO.consoleEnvironment) && snapshot.buckets.some((b) => b.name === DEMO.existingBucket) },
    { description: `created bucket ${createdBucket} kept by the service`, ok: snapshot.buckets.some((bucket) => bucket.name === createdBucket) },
  ];
}

main().then((ok) => process.exit(ok ? 0 : 1), (error) => {
  console.error(error);
  process.exit(1);
});

/** An expectation about the emulator's state after a step. */
export interface Check {
  readonly description: string;
  readonly ok: boolean;
}

function describeCheck(check: Check): string {
  return `${check.ok ? '✔' : '✘'} ${check.description}`;
}
