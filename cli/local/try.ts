import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Command, Option } from 'commander';
import { CliCommand } from '../command';
import { constructNames, DeploymentReport } from './deployment-report';
import { EXIT } from '../exit-codes';
import { PROGRAM } from '../help';
import { CliIo, interrupted } from '../io';
import { findApp, locationOf, synthesisOf, withStacks } from './app';
import { runLocal } from './errors';
import { Interruption, INTERRUPTED_EXIT } from './interruption';
import { addRunOptions, addSecretOptions, addSeedOptions, addSynthOptions, AppOptions, appOption, RunOptions, SecretOptions, SynthOptions } from './options';
import { describeFailure } from './reporter';
import { localSecrets } from './secrets';
import { SeedOptions, seedsFromApp } from './seeds';
import { LocalDeployment } from '../../local/local-deployment';
import { ResourceEvent, StackArtifact, StackStatus } from '../../local/runner';

/** What happened to one stack. */
interface StackOutcome {
  readonly stack: StackArtifact;
  readonly action: 'Deploy' | 'Destroy';
  readonly status: StackStatus;
  readonly expected: StackStatus;
  readonly failures: readonly ResourceEvent[];
}

type TryOptions = Omit<AppOptions, 'stateDir' | 'stack' | 'json'> & SynthOptions & RunOptions & SeedOptions & SecretOptions & { readonly keep?: boolean };

/** `local try`: synthesize the user's app, deploy it in a throw-away emulated account, destroy it (or keep it). */
export const tryCommand: CliCommand<TryOptions> = {
  define: () => addSecretOptions(addSeedOptions(addRunOptions(addSynthOptions(new Command('try')
    .summary('Deploy the app in a throw-away emulated account, then destroy it (or --keep it running)')
    .description([
      'Synthesizes the app (cdk.json\'s "app", or --app) as "cdk synth" does, with the same context and settings, stopping before '
      + 'anything is deployed if an annotation or a validation plugin reports an error. Then it starts an embedded AmplifyBackend emulator with an '
      + 'account of its own, and deploys every stack in dependency order through the library\'s own handler bundle. '
      + 'Each resource step is printed: resource, operation, job id, status and elapsed time. Then the stacks are destroyed in '
      + 'reverse order, unless --keep. Nothing is saved: for a local stack that lasts between commands, use local deploy.',
      'The emulated account starts with what the app references but does not create, as local deploy seeds it (--seed auto, the '
      + 'default: the environments the app\'s storage and auth live in, with auth when the app declares none for storage, and the '
      + 'buckets imported storage links), plus --environment (with +auth, one that also has auth: a user pool and an identity pool '
      + 'that lets guests in) and --bucket; --seed none seeds only those. As the service does, the emulator refuses storage in an '
      + 'environment without auth. Secrets (--secret, --secrets-file) last for this run only, and no log file is kept. No AWS account '
      + 'is used.',
      'Ctrl-C stops the deploys (nothing more starts, the steps in flight end) and destroys what was deployed; a second Ctrl-C stops '
      + 'at once. With --keep, once the stacks are deployed, Ctrl-C stops the emulator, and the exit code is that of the deploys.',
      'Exit 0 only if every stack reached CREATE_COMPLETE (and DELETE_COMPLETE when destroying); 1 if the app did not synthesize, '
      + 'or a stack failed: the failures are printed with the service\'s text, and the first stack that fails ends the deployment. '
      + '2 for bad arguments; 130 when stopped by Ctrl-C before the end.',
    ].join('\n\n'))
    .addOption(appOption()), 'a temporary folder, removed when the command ends')
    .addOption(new Option('--keep', 'Do not destroy: keep the stacks and the emulator, print its endpoint, and run until Ctrl-C'))), ''), 'run'),
  run: (options, _args, io) => runLocal(io, async () => {
    const source = findApp(options.app, io.cwd);
    const secrets = localSecrets(options.secret, options.secretsFile);
    // Nothing is kept: without --output, the app is synthesized into a folder removed at the end.
    const synthesis = synthesisOf(source, options, io.cwd, () => ({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-amplify-backend-try-')), kept: false }));
    const removeOutdir = () => {
      if (!synthesis.kept) fs.rmSync(synthesis.outdir, { recursive: true, force: true });
    };
    const interruption = new Interruption(io, () => 'local try keeps nothing, so nothing needs a rerun.');
    interruption.onHardStop(removeOutdir);
    try {
      if ('command' in source) io.stdout(`Synthesizing: ${source.command}\n`);
      return await withStacks(source, synthesis, io, (stacks) => deployAll(stacks, secrets, options, interruption, io));
    } finally {
      interruption.dispose();
      removeOutdir();
    }
  }),
};

/**
 * Deploys every stack, then destroys them (unless --keep). A first Ctrl-C stops the deploys (starting nothing more),
 * and what was deployed is destroyed as usual; a second stops at once.
 */
async function deployAll(
  stacks: StackArtifact[], secrets: Record<string, string>, options: TryOptions, interruption: Interruption, io: CliIo,
): Promise<number> {
  const print = (line: string) => io.stdout(`${line}\n`);
  const { keep, timeScale, jobDuration: jobDurationMs } = options;
  const { environments, buckets, described } = seedsFromApp(stacks, options);
  const report = new DeploymentReport(() => local.emulator.inspect().jobs, print);
  const local: LocalDeployment = await LocalDeployment.start({
    emulator: { environments, buckets, jobDurationMs, requireAuthForStorage: true },
    location: locationOf(stacks),
    secrets,
    timeScale,
    onEvent: (event) => report.resource(event),
    onLog: (log) => report.handlerLog(log.line),
  });
  try {
    print(`${PROGRAM} local try: ${stacks.length} stack${stacks.length > 1 ? 's' : ''} (${stacks.map((stack) => stack.name).join(', ')}) `
      + 'on the embedded AmplifyBackend emulator');
    print(`  emulator  ${local.emulator.endpoint} (account ${local.location.account}, Region ${local.location.region})`);
    print(`  existing  ${described.length > 0 ? described.join('\n            ') : 'nothing: an empty account'}`);
    print(`  timing    every job takes ${jobDurationMs / 1000} s; provider times scaled by ${timeScale}`);

    const outcomes: StackOutcome[] = [];
    const total = keep ? stacks.length : stacks.length * 2;
    let step = 0;
    for (const stack of stacks) {
      if (interruption.requested) break;
      report.step(++step, total, `Deploy ${stack.name}`, stack);
      const result = await local.deploy(stack, { signal: interruption.signal });
      report.outcome(result.status);
      outcomes.push({ stack, action: 'Deploy', status: result.status, expected: 'CREATE_COMPLETE', failures: result.failures });
      if (result.status !== 'CREATE_COMPLETE') break;
    }
    if (!keep || interruption.requested) {
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
    if (interruption.requested) return INTERRUPTED_EXIT;
    if (keep) {
      interruption.dispose();
      await keepRunning(local, io);
    }
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
    for (const failure of outcome.failures) io.stderr(`    ${describeFailure(failure, names)}\n`);
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
    `  AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local ${PROGRAM} jobs list --endpoint-url ${endpoint} --region ${local.location.region} `
    + `--app-id ${environments[0]?.appId ?? '<id>'} --env ${environments[0]?.backendEnvironmentName ?? '<name>'}`,
    '',
  ].join('\n'));
  await interrupted(io);
  io.stdout('Stopping the emulator.\n');
}
