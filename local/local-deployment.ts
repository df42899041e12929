import * as fs from 'fs';
import * as path from 'path';
import { AmplifyBackendEmulator, EmulatorOptions } from './emulator';
import {
  DEFAULT_LOCATION, HandlerLogLine, LambdaHandler, LocalCloudFormation, OperationOptions, ReplacementRule, ResourceChange, ResourceEvent,
  restoreHostEnvironment, StackArtifact, StackLocation, StackResult, StackState,
} from './runner';
import { LocalSecretsManager } from './secrets-manager';

/** How to run stacks locally. */
export interface LocalDeploymentOptions {
  /** The emulator's account: seeded environments and buckets (or a saved world), job durations, faults; its Region is the location's. */
  readonly emulator?: Omit<EmulatorOptions, 'region'>;
  /**
   * The account and Region the stacks are deployed in: their pseudo parameters and ARNs, the handlers'
   * AWS_REGION and the emulator's Region (a saved world must be of that Region). @default DEFAULT_LOCATION
   */
  readonly location?: StackLocation;
  /** Stacks deployed before, e.g. by an earlier process (read from a state folder). @default - none */
  readonly stacks?: readonly StackState[];
  /** Multiplies every provider time (query interval, total timeout). @default 1 */
  readonly timeScale?: number;
  readonly onEvent?: (event: ResourceEvent) => void;
  /** Each line a handler prints. @default - printed */
  readonly onLog?: (line: HandlerLogLine) => void;
  /** Each line the Provider framework's own functions log (aws-cdk-lib's runtime). @default - dropped */
  readonly onFrameworkLog?: (line: HandlerLogLine) => void;
  /** Wraps every handler invocation (e.g. to kill one mid-call). @default - calls the handler */
  readonly invoke?: (handler: LambdaHandler, payload: object) => Promise<unknown>;
  /** More environment for the handlers, e.g. `AWS_MAX_ATTEMPTS`. @default - none */
  readonly environment?: Record<string, string>;
  /**
   * Secrets the handlers may read (social sign-in secrets), by ARN or name, served by a local Secrets
   * Manager. @default - none: reading a secret fails as for a secret that does not exist
   */
  readonly secrets?: Record<string, string>;
  /**
   * A folder where each function's log is kept, `<function name>.log` (CloudWatch Logs' `/aws/lambda/<function name>`);
   * failure reasons point there. @default - no log files: reasons say the log is not kept
   */
  readonly logDir?: string;
}

/**
 * An emulated AmplifyBackend account (with a local Secrets Manager for the secrets it was given) and a
 * local CloudFormation that deploys stacks into it through the shipped handler bundles, remembering each
 * stack between deployments as CloudFormation would.
 */
export class LocalDeployment {
  static async start(options: LocalDeploymentOptions = {}): Promise<LocalDeployment> {
    const location = options.location ?? DEFAULT_LOCATION;
    const world = options.emulator?.world;
    if (world && world.region !== location.region) {
      throw new Error(`The saved world is of Region ${world.region}, not ${location.region}: deploy there, or start from another world.`);
    }
    const emulator = await AmplifyBackendEmulator.start({ ...options.emulator, ...world ? {} : { region: location.region } });
    return new LocalDeployment(emulator, await LocalSecretsManager.start(options.secrets ?? {}), location, options);
  }

  readonly cloudFormation: LocalCloudFormation;
  private readonly stacks: Map<string, StackState>;

  private constructor(
    readonly emulator: AmplifyBackendEmulator, readonly secretsManager: LocalSecretsManager, readonly location: StackLocation,
    options: LocalDeploymentOptions,
  ) {
    this.stacks = new Map((options.stacks ?? []).map((stack) => [stack.name, stack]));
    const { logDir } = options;
    const logFile = (functionName: string) => (logDir ? path.join(logDir, `${functionName}.log`) : undefined);
    const keep = (forward?: (line: HandlerLogLine) => void) => (line: HandlerLogLine) => {
      const file = logFile(line.functionName);
      if (file) {
        fs.mkdirSync(logDir!, { recursive: true });
        fs.appendFileSync(file, `${new Date().toISOString()} ${line.logicalResourceId} ${line.line}\n`);
      }
      forward?.(line);
    };
    this.cloudFormation = new LocalCloudFormation({
      location,
      account: {
        createBucket: (name) => {
          // What S3 answers CloudFormation for a name the account holds already.
          if (emulator.hasBucket(name)) throw new Error(`${name} already exists (BucketAlreadyOwnedByYou: the account has a bucket of that name)`);
          emulator.seedBucket(name);
        },
        deleteBucket: (name) => emulator.deleteBucket(name),
        putSecret: (arn, value) => secretsManager.put(arn, value),
        deleteSecret: (arn) => secretsManager.remove(arn),
      },
      stacks: {
        output: (stackName, outputName) => this.stacks.get(stackName)?.outputs[outputName]?.value,
        exported: (name) => [...this.stacks.values()].flatMap((stack) => Object.values(stack.outputs))
          .find((output) => output.exportName === name)?.value,
      },
      invocation: {
        timeScale: options.timeScale ?? 1,
        environment: {
          AWS_ENDPOINT_URL_AMPLIFYBACKEND: emulator.endpoint,
          AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsManager.endpoint,
          AWS_REGION: location.region,
          AWS_ACCESS_KEY_ID: 'local',
          AWS_SECRET_ACCESS_KEY: 'local',
          ...options.environment,
        },
        onLog: logDir ? keep(options.onLog) : options.onLog,
        onFrameworkLog: logDir ? keep(options.onFrameworkLog) : options.onFrameworkLog,
        logLocation: logFile,
        invoke: options.invoke,
      },
      onEvent: options.onEvent,
    });
  }

  /**
   * Creates or updates a stack (with `options.parameters`, until `options.signal` stops it); a create that left
   * nothing (rolled back, or stopped before it began) leaves no stack, as after CloudFormation's rollback.
   */
  async deploy(stack: StackArtifact, options: OperationOptions = {}): Promise<StackResult> {
    const previous = this.stacks.get(stack.name);
    const result = await this.cloudFormation.deploy(stack, previous, options);
    this.keep(stack.name, result, !previous);
    return result;
  }

  /** Deletes a deployed stack (until `options.signal` stops it). */
  async destroy(stackName: string, options: Pick<OperationOptions, 'signal'> = {}): Promise<StackResult> {
    const state = this.stacks.get(stackName);
    if (!state) throw new Error(`Stack ${stackName} is not deployed`);
    const result = await this.cloudFormation.destroy(state, options);
    this.keep(stackName, result, true);
    return result;
  }

  /** Remembers a stack after an operation; one that has nothing left (`mayVanish`: it was being created or deleted) is forgotten. */
  private keep(stackName: string, result: StackResult, mayVanish: boolean): void {
    const empty = result.state.resources.size === 0 && result.state.leftovers.length === 0;
    if (mayVanish && empty && result.status !== 'CREATE_COMPLETE') this.stacks.delete(stackName);
    else this.stacks.set(stackName, result.state);
  }

  /** The deployed state of a stack, if it is deployed. */
  stack(stackName: string): StackState | undefined {
    return this.stacks.get(stackName);
  }


  /**
   * What deploying `stack` (with these parameter values) would do to its resources; `replaces` says which
   * property changes replace a custom resource.
   */
  changes(stack: StackArtifact, replaces: ReplacementRule, parameters: Readonly<Record<string, string>> = {}): ResourceChange[] {
    return this.cloudFormation.changes(stack, this.stacks.get(stack.name), replaces, parameters);
  }

  /** A deployed stack's outputs (`CfnOutput`), as resolved after its last deployment. */
  outputs(stackName: string): Record<string, string> {
    const state = this.stacks.get(stackName);
    if (!state) throw new Error(`Stack ${stackName} is not deployed`);
    return Object.fromEntries(Object.entries(state.outputs).map(([key, output]) => [key, output.value]));
  }

  /** Stops the emulator and the local Secrets Manager, and puts back the environment variables the handlers were given. */
  async close(): Promise<void> {
    restoreHostEnvironment();
    await Promise.all([this.emulator.close(), this.secretsManager.close()]);
  }
}
