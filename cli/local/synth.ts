import { DEFAULT_LOCATION } from '../../local/runner';
import { CliIo } from '../io';
import type { Annotation, AppSource, SynthesizedAssembly, SynthListener, ToolkitBundle } from './synth-request';

/** The app did not synthesize (it failed, or an annotation or a validation plugin found errors): the message says why. */
export class SynthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SynthError';
  }
}

/** `key=value` (the key ends at the first `=`): the value is a string, as `cdk synth -c` takes it. */
const CONTEXT = /^([^=]+)=([\s\S]*)$/;

/** Checks a `-c/--context` value as the CDK CLI does, refusing what the CLI would warn about and drop. */
export function checkContextOption(value: string): string | undefined {
  const key = CONTEXT.exec(value)?.[1];
  if (key === undefined) return 'use <key>=<value>, e.g. -c stage=dev (the value is a string; the key ends at the first "=").';
  if (/^aws:./.test(key)) return `keys that start with "aws:" are the CDK's own; name yours otherwise, e.g. "${key.slice(4)}".`;
  return undefined;
}

/** The `-c/--context` values as context, a later value for a key replacing an earlier one as with `cdk synth`. */
export function contextOf(values: readonly string[]): Record<string, string> {
  return Object.fromEntries(values.map((value) => {
    const match = CONTEXT.exec(value);
    if (!match) throw new Error(`Bug: the --context value "${value}" was not checked.`);
    return [match[1], match[2]];
  }));
}

/** How one command synthesizes the app. */
export interface SynthesisOptions {
  /** `-c/--context`, parsed. */
  readonly context: Readonly<Record<string, string>>;
  /** Where the cloud assembly is written. */
  readonly outdir: string;
  /** Whether `outdir` is still there after the command (a failure says where to look, or that nothing is kept). */
  readonly kept: boolean;
  /** Whether stdout is for JSON lines: the app's output and the human text then go to stderr. */
  readonly json: boolean;
}

/**
 * Synthesizes the app as `cdk synth -o <outdir>` does, or reads the cloud assembly folder it names, with the CDK's own
 * toolkit: the app's output is passed through, its annotations and validation findings printed on stderr (with
 * --json, also one `annotation` event each on stdout), and errors among them end the command before anything is
 * deployed. The account and Region of environment-agnostic stacks are the local ones unless the environment sets
 * CDK_DEFAULT_ACCOUNT or CDK_DEFAULT_REGION. No AWS call is made. Release the assembly once read.
 */
export async function synthesizeApp(app: AppSource, options: SynthesisOptions, io: CliIo): Promise<SynthesizedAssembly> {
  const outcome = await loadToolkit().synthesize({
    app,
    cwd: io.cwd,
    outdir: options.outdir,
    context: options.context,
    env: {
      ...io.env,
      CDK_DEFAULT_ACCOUNT: io.env.CDK_DEFAULT_ACCOUNT ?? DEFAULT_LOCATION.account,
      CDK_DEFAULT_REGION: io.env.CDK_DEFAULT_REGION ?? DEFAULT_LOCATION.region,
    },
  }, printer(options.json, io));
  if ('assembly' in outcome) return outcome.assembly;
  if (!outcome.findings) throw new SynthError(`${outcome.failure}\nNothing was deployed.`);
  const where = options.kept ? ` The cloud assembly is in ${options.outdir}.` : ' (local try keeps no cloud assembly: give --output <dir> to keep it.)';
  throw new SynthError(`Synthesis finished with errors (above): nothing was deployed.${where}`);
}

/**
 * The toolkit bundle, loaded on first use. The same relative path names `toolkit-synth.ts` from this folder and, from
 * the command's bundle (assets/cli/bin/index.js), the toolkit's own (assets/cli/local/toolkit-synth/index.js),
 * which the command's bundle leaves out.
 */
function loadToolkit(): ToolkitBundle {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../local/toolkit-synth');
}

/** Prints what the toolkit reports: the app's lines as it printed them, annotations and warnings on stderr. */
function printer(json: boolean, io: CliIo): SynthListener {
  return {
    appOutput: (stream, line) => (stream === 'stdout' && !json ? io.stdout : io.stderr)(`${line}\n`),
    findings: (text: string, annotations: readonly Annotation[]) => {
      io.stderr(`${text}\n`);
      if (json) annotations.forEach((annotation) => io.stdout(`${JSON.stringify({ event: 'annotation', ...annotation })}\n`));
    },
    warning: (text) => io.stderr(`${text}\n`),
  };
}
