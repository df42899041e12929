import * as path from 'path';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { Template } from './template';

/** A stack of a synthesized cloud assembly, as the runner needs it. */
export interface StackArtifact {
  /** The artifact id, which is also the stack name here. */
  readonly name: string;
  /** The stack's name in CloudFormation (its `stackName`, which may differ from the artifact id). @default - `name` */
  readonly stackName?: string;
  readonly template: Template;
  /** File assets by hash (the template's S3Key is `<hash>.zip`), as absolute paths of their unpacked folders. */
  readonly assets: ReadonlyMap<string, string>;
  /** Stacks this one depends on (deployed before it, destroyed after it). */
  readonly dependencies: readonly string[];
  /** The account and Region the stack names (its `env`); each undefined where the stack is environment-agnostic. */
  readonly environment: { readonly account?: string; readonly region?: string };
}

/**
 * Reads the stacks of a cloud assembly folder (`cdk.out`) with aws-cdk-lib's own reader, dependencies
 * first. The schema version check is skipped: the `local` command reads assemblies that the user's
 * aws-cdk-lib wrote, which may be newer than the one bundled into the command, and the runner reads only
 * templates, dependencies and file assets.
 */
export function readAssembly(dir: string): StackArtifact[] {
  return new cxapi.CloudAssembly(dir, { skipVersionCheck: true }).stacks.map((stack) => ({
    name: stack.id,
    stackName: stack.stackName,
    // A stack with no resources synthesizes without a Resources section.
    template: { Resources: {}, ...stack.template },
    assets: fileAssets(stack),
    dependencies: stack.dependencies.filter(cxapi.CloudFormationStackArtifact.isCloudFormationStackArtifact).map((dependency) => dependency.id),
    environment: {
      account: stack.environment.account === cxapi.UNKNOWN_ACCOUNT ? undefined : stack.environment.account,
      region: stack.environment.region === cxapi.UNKNOWN_REGION ? undefined : stack.environment.region,
    },
  }));
}

/** The file assets of a stack's asset manifests, by hash. */
function fileAssets(stack: cxapi.CloudFormationStackArtifact): Map<string, string> {
  const assets = new Map<string, string>();
  for (const manifest of stack.dependencies.filter(cxapi.AssetManifestArtifact.isAssetManifestArtifact)) {
    for (const [hash, file] of Object.entries(manifest.contents.files ?? {})) {
      if (file.source.path) assets.set(hash, path.resolve(path.dirname(manifest.file), file.source.path));
    }
  }
  return assets;
}
