/**
 * Synthesizes the app with the CDK's own toolkit (`@aws-cdk/toolkit-lib`), so that the app gets what `cdk synth`
 * gives it: the context of cdk.json, cdk.context.json, ~/.cdk.json and `-c`, the settings of cdk.json, and its
 * annotations checked after synthesis. Bundled on its own and loaded only when an app is synthesized: the
 * toolkit is four times the rest of the command.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  BaseCredentials, CachedCloudAssembly, CdkAppMultiContext, IIoHost, IoMessage, IReadableCloudAssembly, Toolkit, ToolkitError, ValidateResult,
} from '@aws-cdk/toolkit-lib';
import type { Annotation, SynthListener, SynthOutcome, SynthRequest, ToolkitBundle } from './synth-request';

/**
 * Synthesizes `request.app` (or reads the assembly folder it names), reporting the toolkit's messages to `listener`
 * as they arrive. No AWS call is made: no credentials, no default account lookup, no context lookups.
 */
export const synthesize: ToolkitBundle['synthesize'] = async (request: SynthRequest, listener: SynthListener): Promise<SynthOutcome> => {
  const toolkit = new Toolkit({
    ioHost: listeningHost(listener),
    color: false,
    emojis: false,
    sdkConfig: { baseCredentials: BaseCredentials.none() },
  });
  // The runner reads only templates, dependencies and assets: an assembly a newer aws-cdk-lib wrote is read all the same.
  const loadAssemblyOptions = { checkVersion: false };
  const { app } = request;
  const source = 'assembly' in app
    ? await toolkit.fromAssemblyDirectory(app.assembly, { loadAssemblyOptions })
    : await toolkit.fromCdkApp(app.command, {
      workingDirectory: request.cwd,
      outdir: request.outdir,
      contextStore: new CdkAppMultiContext(request.cwd, request.context),
      resolveDefaultEnvironment: false,
      lookups: false,
      env: request.env,
      synthOptions: app.settings,
      loadAssemblyOptions,
    });
  // The toolkit reads whatever manifest.json the folder holds: one the app did not write is an earlier synth's, or none.
  const manifest = path.join(request.outdir, 'manifest.json');
  const before = modified(manifest);
  const written = () => 'assembly' in app || modified(manifest) !== before;
  const noAssembly = {
    failure: `The app command "${'command' in app ? app.command : ''}" wrote no cloud assembly to CDK_OUTDIR: `
      + 'does it call app.synth() on an App created without an explicit outdir?',
    findings: false,
  };
  let produced: IReadableCloudAssembly | undefined;
  try {
    // Run the app, then check what it wrote (annotations, validation findings), as `toolkit.synth(source)` does in one go.
    produced = await source.produce();
    if (!written()) {
      await produced.dispose();
      return noAssembly;
    }
    // The toolkit borrows the assembly: its read lock is released with `produced`.
    await toolkit.synth(new CachedCloudAssembly(produced));
    const assembly = produced;
    return { assembly: { directory: assembly.cloudAssembly.directory, release: () => assembly.dispose() } };
  } catch (error) {
    await produced?.dispose();
    if (ToolkitError.isToolkitError(error)) {
      return { failure: error.message, findings: ToolkitError.isAssemblyError(error) && error.synthErrorCode === 'AnnotationErrors' };
    }
    if (!written()) return noAssembly;
    throw error;
  }
};

/** When the file was last written (undefined: there is no such file). */
function modified(file: string): number | undefined {
  return fs.existsSync(file) ? fs.statSync(file).mtimeMs : undefined;
}

/** An IoHost that passes the app's output, the findings and the toolkit's warnings on; its progress and debug messages are dropped. */
function listeningHost(listener: SynthListener): IIoHost {
  return {
    notify: async (message: IoMessage<unknown>) => {
      switch (message.code) {
        case 'CDK_ASSEMBLY_I1001': return listener.appOutput('stdout', message.message);
        case 'CDK_ASSEMBLY_E1002': return listener.appOutput('stderr', message.message);
        // Annotations and validation findings, with the report the toolkit made of them (a ValidateResult).
        case 'CDK_TOOLKIT_E9600': return listener.findings(message.message, annotationsOf(message.data as ValidateResult));
        default: if (message.level === 'warn' || message.level === 'error') listener.warning(message.message);
      }
    },
    requestResponse: async (request) => request.defaultResponse,
  };
}

/** The level of each severity a finding may have; a plugin's own (`custom`) counts as a warning. */
const LEVEL: Record<string, Annotation['level']> = { fatal: 'error', error: 'error', warning: 'warning', custom: 'warning', info: 'info' };

/** Each finding of each report, with the constructs it names. */
function annotationsOf(result: ValidateResult): Annotation[] {
  return result.pluginReports.flatMap((report) => report.violations.map((violation) => ({
    level: LEVEL[violation.severity] ?? 'error',
    message: violation.description,
    plugin: report.pluginName,
    rule: violation.ruleName,
    constructs: violation.violatingConstructs.map((construct) => construct.constructPath),
  })));
}
