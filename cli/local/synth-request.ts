/**
 * What the command and its toolkit bundle (`toolkit-synth.ts`, loaded only to synthesize) hand each other:
 * plain data and callbacks, no classes, since each bundle has its own copy of every module.
 */

/** Where the app comes from: a command to run (with the CLI settings it is run with), or a cloud assembly folder to read. */
export type AppSource = { readonly command: string; readonly settings: CdkSynthSettings } | { readonly assembly: string };

/** The settings of cdk.json and ~/.cdk.json that `cdk synth` passes on to the app (each undefined: the CLI's default, on). */
export interface CdkSynthSettings {
  readonly pathMetadata?: boolean;
  readonly assetMetadata?: boolean;
  readonly versionReporting?: boolean;
}

/** One synthesis, as `cdk synth -o <outdir>` would run it in `cwd`. */
export interface SynthRequest {
  readonly app: AppSource;
  /** The app's folder: where cdk.json and cdk.context.json are, and where the command runs. */
  readonly cwd: string;
  /** Where the app writes the cloud assembly; for an assembly folder, that folder. */
  readonly outdir: string;
  /** `-c key=value`: wins over cdk.json, cdk.context.json and ~/.cdk.json. */
  readonly context: Readonly<Record<string, string>>;
  /** The app's environment: the command's, with the account and Region `local` deploys in. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** A finding of a construct annotation or a validation plugin, as `--json` reports it. */
export interface Annotation {
  readonly level: 'error' | 'warning' | 'info';
  readonly message: string;
  /** Who reported it: `Construct Annotations`, or the validation plugin's name. */
  readonly plugin: string;
  readonly rule: string;
  /** The construct paths it is about. */
  readonly constructs: readonly string[];
}

/** Where the toolkit's messages go, as they arrive. */
export interface SynthListener {
  /** A line the app printed. */
  appOutput(stream: 'stdout' | 'stderr', line: string): void;
  /** The annotations and validation findings, as `cdk synth` prints them (`text`) and one by one. */
  findings(text: string, annotations: readonly Annotation[]): void;
  /** Any other warning or error the toolkit reports. */
  warning(text: string): void;
}

/** A synthesized cloud assembly, read-locked until released. */
export interface SynthesizedAssembly {
  readonly directory: string;
  release(): Promise<void>;
}

/** What a synthesis ended with: the assembly, or why there is none (its messages went to the listener already). */
export type SynthOutcome =
  | { readonly assembly: SynthesizedAssembly }
  | { readonly failure: string; readonly findings: boolean };

/** What the toolkit bundle exports (`toolkit-synth.ts`), typed here so that the command's code needs none of the toolkit's types. */
export interface ToolkitBundle {
  synthesize(request: SynthRequest, listener: SynthListener): Promise<SynthOutcome>;
}
