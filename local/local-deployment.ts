import { AmplifyBackendEmulator, EmulatorOptions } from './emulator';
import {
  HandlerLogLine, LambdaHandler, LocalCloudFormation, ResourceEvent, restoreHostEnvironment, StackArtifact, StackResult, StackState,
} from './runner';
import { LocalSecretsManager } from './secrets-manager';

/** How to run stacks locally. */
export interface LocalDeploymentOptions {
  /** The emulator's account: seeded environments and buckets, job durations, faults. */
  readonly emulator?: EmulatorOptions;
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
    const emulator = await AmplifyBackendEmulator.start(options.emulator);
    return new LocalDeployment(emulator, await LocalSecretsManager.start(options.secrets ?? {}), options);
  }

  readonly cloudFormation: LocalCloudFormation;
  private readonly stacks = new Map<string, StackState>();

  private constructor(readonly emulator: AmplifyBackendEmulator, readonly secretsManager: LocalSecretsManager, options: LocalDeploymentOptions) {
    this.cloudFormation = new LocalCloudFormation({
      invocation: {
        timeScale: options.timeScale ?? 1,
        environment: {
          AWS_ENDPOINT_URL_AMPLIFYBACKEND: emulator.endpoint,
          AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsManager.endpoint,
          AWS_REGION: 'us-east-1',
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

  /** Stops the emulator and the local Secrets Manager, and puts back the environment variables the handlers were given. */
  async close(): Promise<void> {
    restoreHostEnvironment();
    await Promise.all([this.emulator.close(), this.secretsManager.close()]);
  }
}
