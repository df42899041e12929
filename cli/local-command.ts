import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Command, Option } from 'commander';
import { CliCommand } from './command';
import { constructNames, DeploymentReport } from './deployment-report';
import { EXIT } from './exit-codes';
import { PROGRAM } from './help';
import { CliIo } from './io';
import { checkBucketName, checkEnvironmentSeed, describeEnvironmentSeed, environmentSeed } from './local-seeds';
import { LOCAL_ACCOUNT, LOCAL_REGION, SynthError, synthesizeApp } from './local-synth';
import { ValueOption } from './options';
import { LocalDeployment } from '../local/local-deployment';
import { readAssembly, ResourceEvent, StackArtifact, StackStatus } from '../local/runner';

/** What happened to one stack. */
interface StackOutcome {
  readonly stack: StackArtifact;
  readonly action: 'Deploy' | 'Destroy';
  readonly status: StackStatus;
  readonly expected: StackStatus;
  readonly failures: readonly ResourceEvent[];
}

interface LocalOptions {
  readonly app: string;
  readonly keep?: boolean;
  readonly timeScale: number;
  /** Milliseconds. */
  readonly jobDuration: number;
  readonly bucket: string[];
  readonly environment: string[];
}

/** `local`: synthesize the user's app, deploy it on the embedded emulator, destroy it (or keep it). */
export const localCommand: CliCommand<LocalOptions> = {
  define: () => new Command('local')
    .summary('Deploy a CDK app on an embedded AmplifyBackend emulator, then destroy it (or --keep it)')
    .description([
      'Runs the app command with CDK_OUTDIR set to a temporary folder, as the CDK CLI does, reads the cloud assembly, starts an '
      + 'embedded AmplifyBackend emulator, and deploys every stack in dependency order through the library\'s own handler bundle. '
      + 'Each resource step is printed: resource, operation, job id, status and elapsed time. Then the stacks are destroyed in '
      + 'reverse order, unless --keep.',
      'The emulated account starts empty but for what --environment and --bucket add: the environments the Amplify console created '
      + 'with the app (with +auth, one that also has auth: a user pool and an identity pool that lets guests in), and buckets that '
      + 'exist before the stacks. As the service does, the emulator refuses storage in an environment without auth. Social sign-in '
      + 'secrets cannot be read: there is no Secrets Manager here. No AWS account is used.',
      'Exit 0 only if every stack reached CREATE_COMPLETE (and DELETE_COMPLETE when destroying); otherwise the failures are '
      + 'printed with the service\'s text and the exit code is 1. The first stack that fails ends the deployment.',
    ].join('\n\n'))
    .addOption(new ValueOption('--app <command>', 'The CDK app command, as in cdk.json\'s "app", e.g. "npx ts-node bin/app.ts"').makeOptionMandatory())
    .addOption(new Option('--keep', 'Do not destroy: keep the stacks and the emulator, print its endpoint, and run until Ctrl-C'))
    .addOption(new ValueOption('--time-scale <n>', 'Multiplies the provider\'s times (the 3 s query interval, the total timeout)',
      { number: { integer: false, min: 0, exclusive: true } }).default(0.1))
    .addOption(new ValueOption('--job-duration <ms>', 'How long every emulated job runs, in milliseconds', { number: { integer: true, min: 0 } }).default(1500))
    .addOption(new ValueOption('--bucket <name>', 'An S3 bucket that already exists in the account', { repeatable: true, check: checkBucketName }))
    .addOption(new ValueOption('--environment <appId>/<env>[+auth]', 'A backend environment that already exists (created by the console); +auth: it has auth too',
      { repeatable: true, check: checkEnvironmentSeed })),
  async run(options, _args, io) {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-amplify-backend-local-'));
    try {
      const { app } = options;
      io.stdout(`Synthesizing: ${app}\n`);
      try {
        await synthesizeApp(app, outdir, io);
      } catch (error) {
        if (!(error instanceof SynthError)) throw error;
        io.stderr(`${error.message}\n`);
        return EXIT.failed;
      }
      const stacks = readAssembly(outdir);
      if (stacks.length === 0) {
        io.stderr(`The app command "${app}" synthesized no stacks; nothing to deploy.\n`);
        return EXIT.failed;
      }
      return await deployAll(stacks, options, io);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  },
};

async function deployAll(stacks: StackArtifact[], options: LocalOptions, io: CliIo): Promise<number> {
  const print = (line: string) => io.stdout(`${line}\n`);
  const { keep, bucket: buckets, timeScale, jobDuration: jobDurationMs } = options;
  const environments = options.environment.map(environmentSeed);
  const report = new DeploymentReport(() => local.emulator.inspect().jobs, print);
  const local: LocalDeployment = await LocalDeployment.start({
    emulator: { environments, buckets, jobDurationMs, requireAuthForStorage: true },
    timeScale,
    onEvent: (event) => report.resource(event),
    onLog: (log) => report.handlerLog(log.line),
  });
  try {
    print(`${PROGRAM} local: ${stacks.length} stack${stacks.length > 1 ? 's' : ''} (${stacks.map((stack) => stack.name).join(', ')}) `
      + 'on the embedded AmplifyBackend emulator');
    print(`  emulator  ${local.emulator.endpoint} (account ${LOCAL_ACCOUNT}, Region ${LOCAL_REGION})`);
    print(`  existing  environments: ${environments.map(describeEnvironmentSeed).join(', ') || 'none'}; `
      + `buckets: ${buckets.join(', ') || 'none'}`);
    print(`  timing    every job takes ${jobDurationMs / 1000} s; provider times scaled by ${timeScale}`);

    const outcomes: StackOutcome[] = [];
    const total = keep ? stacks.length : stacks.length * 2;
    let step = 0;
    for (const stack of stacks) {
      report.step(++step, total, `Deploy ${stack.name}`, stack);
      const result = await local.deploy(stack);
      report.outcome(result.status);
      outcomes.push({ stack, action: 'Deploy', status: result.status, expected: 'CREATE_COMPLETE', failures: result.failures });
      if (result.status !== 'CREATE_COMPLETE') break;
    }
    if (!keep) {
      // Every stack still known, in reverse dependency order: a failed rollback leaves resources to delete too.
      for (const stack of [...stacks].reverse().filter((s) => local.stack(s.name) !== undefined)) {
        report.step(++step, total, `Destroy ${stack.name}`, stack);
        const result = await local.destroy(stack.name);
        report.outcome(result.status);
        outcomes.push({ stack, action: 'Destroy', status: result.status, expected: 'DELETE_COMPLETE', failures: result.failures });
      }
    }

    const ok = outcomes.length > 0 && outcomes.filter((o) => o.action === 'Deploy').length === stacks.length
      && outcomes.every((outcome) => outcome.status === outcome.expected);
    summarize(outcomes, stacks, ok, io);
    if (keep) await keepRunning(local, io);
    return ok ? EXIT.ok : EXIT.failed;
  } finally {
    await local.close();
  }
}

function summarize(outcomes: readonly StackOutcome[], stacks: readonly StackArtifact[], ok: boolean, io: CliIo): void {
  const print = (line: string) => io.stdout(`${line}\n`);
  print('');
  print(`━━ Summary ${'━'.repeat(59)}`);
  const width = Math.max(...stacks.map((stack) => stack.name.length));
  for (const stack of stacks) {
    const statuses = outcomes.filter((outcome) => outcome.stack === stack).map((outcome) => outcome.status);
    print(`  ${stack.name.padEnd(width)}  ${statuses.join(' → ') || 'not deployed (an earlier stack failed)'}`);
  }
  if (ok) {
    print('  Every stack reached the expected state.');
    return;
  }
  io.stderr('Failed:\n');
  for (const outcome of outcomes.filter((o) => o.status !== o.expected)) {
    io.stderr(`  ${outcome.action} ${outcome.stack.name}: ${outcome.status} (expected ${outcome.expected})\n`);
    const names = constructNames(outcome.stack);
    for (const failure of outcome.failures) {
      const rollback = failure.rollback ? ' during rollback' : '';
      io.stderr(`    ${names.get(failure.logicalId) ?? failure.logicalId} (${failure.type}) ${failure.action} failed${rollback}: ${failure.reason ?? '(no reason given)'}\n`);
    }
  }
}

/** `--keep`: the emulator stays up until Ctrl-C, with what it takes to read it with this tool. */
async function keepRunning(local: LocalDeployment, io: CliIo): Promise<void> {
  const endpoint = local.emulator.endpoint;
  const environments = local.emulator.inspect().environments;
  io.stdout([
    '',
    `Emulator running at ${endpoint}; the stacks stay deployed. Press Ctrl-C to stop.`,
    ...environments.map((env) => {
      const parts = [
        env.auth && `auth ${env.auth.resourceName}, user pool ${env.auth.outputs.UserPoolId}`,
        env.storage && `storage ${env.storage.resourceName}, bucket ${env.storage.bucketName}`,
      ].filter(Boolean);
      return `  ${env.appId}/${env.backendEnvironmentName}${parts.length ? `: ${parts.join('; ')}` : ''}`;
    }),
    'Read its jobs with (any credentials do):',
    `  AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local ${PROGRAM} jobs list --endpoint-url ${endpoint} --region ${LOCAL_REGION} `
    + `--app-id ${environments[0]?.appId ?? '<id>'} --env ${environments[0]?.backendEnvironmentName ?? '<name>'}`,
    '',
  ].join('\n'));
  await io.interrupted();
  io.stdout('Stopping the emulator.\n');
}
