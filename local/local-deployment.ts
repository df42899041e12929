import { AmplifyBackendEmulator, EmulatorOptions } from './emulator';
import {
  DEFAULT_LOCATION, HandlerLogLine, LambdaHandler, LocalCloudFormation, ReplacementRule, ResourceChange, ResourceEvent, restoreHostEnvironment,
  StackArtifact, StackLocation, StackResult, StackState,
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
    this.cloudFormation = new LocalCloudFormation({
      location,
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
        onLog: options.onLog,
        onFrameworkLog: options.onFrameworkLog,
        invoke: options.invoke,
      },
      onEvent: options.onEvent,
    });
  }

  /** Creates or updates a stack; after a failed create it is gone, as after CloudFormation's rollback. */
  async deploy(stack: StackArtifact): Promise<StackResult> {
    const result = await this.cloudFormation.deploy(stack, this.stacks.get(stack.name));
    if (result.status === 'ROLLBACK_COMPLETE') this.stacks.delete(stack.name);
    else this.stacks.set(stack.name, result.state);
    return result;
  }

  /** Deletes a deployed stack. */
  async destroy(stackName: string): Promise<StackResult> {
    const state = this.stacks.get(stackName);
    if (!state) throw new Error(`Stack ${stackName} is not deployed`);
    const result = await this.cloudFormation.destroy(state);
    if (result.status === 'DELETE_COMPLETE') this.stacks.delete(stackName);
    else this.stacks.set(stackName, result.state);
    return result;
  }

  /** The deployed state of a stack, if it is deployed. */
  stack(stackName: string): StackState | undefined {
    return this.stacks.get(stackName);
  }


  /** What deploying `stack` would do to its custom resources; `replaces` says which property changes replace one. */
  changes(stack: StackArtifact, replaces: ReplacementRule): ResourceChange[] {
    return this.cloudFormation.changes(stack, this.stacks.get(stack.name), replaces);
  }

  /** A deployed stack's outputs (`CfnOutput`), resolved. */
  outputs(stackName: string): Record<string, string> {
    const state = this.stacks.get(stackName);
    if (!state) throw new Error(`Stack ${stackName} is not deployed`);
    return this.cloudFormation.outputs(state);
  }

  /** Stops the emulator and the local Secrets Manager, and puts back the environment variables the handlers were given. */
  async close(): Promise<void> {
    restoreHostEnvironment();
    await Promise.all([this.emulator.close(), this.secretsManager.close()]);
  }
}
