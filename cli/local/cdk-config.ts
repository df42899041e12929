import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LocalUsageError } from './errors';
import type { CdkSynthSettings } from './synth-request';

/** What the local commands read of the CDK CLI's configuration (its `context` is read by the toolkit itself). */
export interface CdkConfig {
  /** `app`, as the CLI finds it; undefined when neither file has one. */
  readonly app?: string;
  /** The file `app` was expected in, for messages: cdk.json in the app's folder. */
  readonly file: string;
  readonly settings: CdkSynthSettings;
}

/**
 * cdk.json in `cwd` over ~/.cdk.json, as the CDK CLI merges them. Of the settings that change synthesis, `cdk synth`
 * takes pathMetadata, assetMetadata and versionReporting from them (each truthy or not, as the CLI reads it); its
 * command line always wins for `staging` and `bundlingStacks`, so theirs in cdk.json change nothing and are not read.
 */
export function readCdkConfig(cwd: string): CdkConfig {
  const file = path.join(cwd, 'cdk.json');
  const merged = { ...readJsonFile(path.join(os.homedir(), '.cdk.json')), ...readJsonFile(file) };
  const flag = (value: unknown) => (value === undefined ? undefined : Boolean(value));
  const app = merged.app;
  if (app !== undefined && (typeof app !== 'string' || app === '')) {
    throw new LocalUsageError(`"app" of ${file} (or ~/.cdk.json) is ${JSON.stringify(app)}: make it the app's command, e.g. "node bin/app.js", or give --app.`);
  }
  return {
    app,
    file,
    settings: { pathMetadata: flag(merged.pathMetadata), assetMetadata: flag(merged.assetMetadata), versionReporting: flag(merged.versionReporting) },
  };
}

/** A JSON object file's keys; none when there is no such file. */
function readJsonFile(file: string): Record<string, unknown> {
  if (!fs.existsSync(file)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new LocalUsageError(`Cannot read ${file}: ${(error as Error).message}. Fix it: the CDK CLI reads it too.`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new LocalUsageError(`${file} holds ${JSON.stringify(parsed)}, not a JSON object: fix it, the CDK CLI reads it too.`);
  }
  return parsed as Record<string, unknown>;
}
