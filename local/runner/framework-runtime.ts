import * as fs from 'fs';
import Module from 'module';
import * as path from 'path';
import { format } from 'util';
import * as vm from 'vm';
import { HOST_CONSOLE, HOST_PROCESS } from './host';

/**
 * The exports of the framework's `outbound` module (runtime/outbound.js), through which its runtime makes
 * every call that leaves the function: the runner supplies them, as aws-cdk's own tests of the framework
 * do. (outbound.js itself needs the SDK clients that only Lambda's Node.js runtime provides.)
 */
export interface FrameworkOutbound {
  invokeFunction(request: { FunctionName: string; Payload: string }): Promise<{ FunctionError?: string; Payload?: Uint8Array }>;
  startExecution(request: { stateMachineArn: string; input: string }): Promise<{ executionArn: string; startDate: Date }>;
  httpRequest(options: object, body: string): Promise<void>;
}

/** What one invocation of a framework function runs with, in place of a Lambda container's. */
export interface FrameworkContainer {
  readonly outbound: FrameworkOutbound;
  /** The function's environment variables (the user functions' and the state machine's ARNs). */
  readonly environment: Record<string, string>;
  /** Receives each line the framework logs. */
  readonly log: (line: string) => void;
}

/** The parameters of a CommonJS module's function, and the two globals each framework instance has of its own. */
const MODULE_PARAMETERS = ['exports', 'require', 'module', '__filename', '__dirname', 'process', 'console'];

/**
 * aws-cdk-lib's Provider-framework runtime as the synthesized stack ships it: the JavaScript files of the
 * framework functions' asset folder, compiled once (in Node's own context, as handler bundles are). Each
 * invocation runs in fresh instances of its modules, with its own `outbound`, `process.env` and `console`,
 * so concurrent invocations of different providers never see each other's environment or calls.
 */
export class FrameworkRuntime {
  /** Whether a function runs the framework: its handler module is `framework`, with `outbound.js` beside it. */
  static isFramework(folder: string, handlerModule: string): boolean {
    return handlerModule === 'framework' && fs.existsSync(path.join(folder, 'outbound.js'));
  }

  private readonly compiled = new Map<string, Function>();

  constructor(private readonly folder: string) {}

  /** One of framework.js's handlers (`onEvent`, `isComplete`, `onTimeout`), in module instances bound to `container`. */
  handler(exportName: string, container: FrameworkContainer): (event: object) => Promise<unknown> {
    const process = Object.assign(Object.create(HOST_PROCESS), { env: { ...container.environment } });
    const console = Object.assign(Object.create(HOST_CONSOLE), { log: (...args: unknown[]) => container.log(format(...args)) });
    const instances = new Map<string, Module>();
    const load = (name: string): unknown => {
      if (name === 'outbound') return container.outbound;
      const known = instances.get(name);
      if (known) return known.exports;
      const filename = path.join(this.folder, `${name}.js`);
      const instance = new Module(filename);
      instances.set(name, instance);
      const hostRequire = Module.createRequire(filename);
      const require = (id: string) => (id.startsWith('./') ? load(id.slice(2).replace(/\.js$/, '')) : hostRequire(id));
      this.compile(filename).call(instance.exports, instance.exports, require, instance, filename, this.folder, process, console);
      return instance.exports;
    };
    const handler = (load('framework') as Record<string, unknown>)[exportName];
    if (typeof handler !== 'function') throw new Error(`${this.folder}/framework.js has no handler ${exportName}`);
    return handler as (event: object) => Promise<unknown>;
  }

  private compile(filename: string): Function {
    if (!this.compiled.has(filename)) {
      this.compiled.set(filename, vm.compileFunction(fs.readFileSync(filename, 'utf8'), MODULE_PARAMETERS, { filename }));
    }
    return this.compiled.get(filename)!;
  }
}
