import * as path from 'path';
import { DeployedCode, FunctionDeclaration } from './deployed-code';
import { FrameworkOutbound, FrameworkRuntime } from './framework-runtime';
import { Containers, InvocationOptions, Invocation, lambdaError, userFunction } from './user-function';

/** The framework's calls that do not go to Lambda: they belong to the custom resource request being served. */
export type RequestCalls = Pick<FrameworkOutbound, 'startExecution' | 'httpRequest'>;

/** Lambda's pauses before it runs a failed asynchronous invocation again (two retries). */
const ASYNC_RETRY_DELAYS_MS = [60_000, 120_000];

/** Code kept loaded between deployments, as Lambda keeps containers warm: bundles by file, framework runtimes by folder. */
export interface WarmCode {
  readonly bundles: Containers;
  readonly frameworks: Map<string, FrameworkRuntime>;
}

/**
 * Lambda for the functions of one stack as deployed, found by ARN: the Provider framework's own functions
 * run aws-cdk-lib's runtime from their asset folder with `outbound` bound in-process; every other function
 * runs its bundle as a user function.
 */
export class LocalLambda {
  constructor(
    private readonly code: DeployedCode,
    private readonly options: InvocationOptions,
    private readonly warm: WarmCode,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  /** Whether the function runs the Provider framework (so that custom resources can name it as their ServiceToken). */
  runsFramework(arn: string): boolean {
    const declaration = this.code.function(arn);
    return declaration !== undefined && this.isFramework(declaration);
  }

  /** A synchronous invocation (RequestResponse), as the framework invokes user functions and Step Functions its tasks. */
  async invoke(arn: string, payload: object, calls: RequestCalls): Promise<Invocation> {
    const declaration = this.code.function(arn);
    if (!declaration) throw new Error(`No function ${arn} is deployed`);
    if (!this.isFramework(declaration)) return userFunction(this.userCode(declaration), this.options, this.warm.bundles)(payload);
    return this.invokeFramework(declaration, payload, calls);
  }

  /**
   * An asynchronous invocation (Event), as CloudFormation invokes a ServiceToken: an invocation that fails
   * or is killed is run again with the same event, after one and then two minutes (scaled).
   */
  async invokeEvent(arn: string, payload: object, calls: RequestCalls): Promise<void> {
    for (const delay of [0, ...ASYNC_RETRY_DELAYS_MS]) {
      if (delay > 0) await this.sleep(delay * this.options.timeScale);
      if ('answer' in await this.invoke(arn, payload, calls)) return;
    }
  }

  /**
   * Runs a framework handler with `outbound` bound to this Lambda and the request's calls. A user function
   * killed under it takes this invocation with it: it never answers, and whoever invoked it retries.
   */
  private async invokeFramework(declaration: FunctionDeclaration, payload: object, calls: RequestCalls): Promise<Invocation> {
    let die!: () => void;
    const death = new Promise<Invocation>((resolveDeath) => (die = () => resolveDeath({ killed: true })));
    const outbound: FrameworkOutbound = {
      ...calls,
      invokeFunction: async (request) => {
        const invocation = await this.invoke(request.FunctionName, JSON.parse(request.Payload), calls);
        if ('killed' in invocation) {
          die();
          return new Promise(() => undefined);
        }
        return 'answer' in invocation
          ? { Payload: Buffer.from(invocation.answer) }
          : { FunctionError: 'Unhandled', Payload: Buffer.from(JSON.stringify(invocation.error)) };
      },
    };
    const onFrameworkLog = this.options.onFrameworkLog;
    const logicalResourceId = String((payload as { LogicalResourceId?: unknown }).LogicalResourceId ?? '');
    const handler = this.framework(declaration).handler(declaration.exportName, {
      outbound,
      environment: declaration.variables,
      log: (line) => onFrameworkLog?.({ logicalResourceId, functionName: declaration.name, line }),
    });
    const run = handler(payload).then(
      (answer): Invocation => ({ answer: JSON.stringify(answer ?? null) }),
      (error): Invocation => ({ error: lambdaError(error) }),
    );
    return Promise.race([run, death]);
  }

  private isFramework({ folder, handlerModule }: FunctionDeclaration): boolean {
    return folder !== undefined && FrameworkRuntime.isFramework(folder, handlerModule);
  }

  /** The framework runtime of a function that runs it (its code is then a file asset), compiled once per folder. */
  private framework(declaration: FunctionDeclaration): FrameworkRuntime {
    const folder = declaration.folder!;
    if (!this.warm.frameworks.has(folder)) this.warm.frameworks.set(folder, new FrameworkRuntime(folder));
    return this.warm.frameworks.get(folder)!;
  }

  private userCode(declaration: FunctionDeclaration) {
    const { name, folder, handlerModule, exportName, variables } = declaration;
    if (!folder) throw new Error(`Function ${name}: its code is not a file asset of this assembly, which is all the runner can run`);
    return { file: path.join(folder, `${handlerModule}.js`), exportName, environment: variables, functionName: name };
  }
}
