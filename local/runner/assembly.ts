import * as fs from 'fs';
import * as path from 'path';
import { Template } from './template';

/** A stack of a synthesized cloud assembly, as the runner needs it. */
export interface StackArtifact {
  /** The artifact id, which is also the stack name here. */
  readonly name: string;
  readonly template: Template;
  /** File assets by hash (the template's S3Key is `<hash>.zip`), as absolute paths of their unpacked folders. */
  readonly assets: ReadonlyMap<string, string>;
  /** Stacks this one depends on (deployed before it, destroyed after it). */
  readonly dependencies: readonly string[];
}

interface Manifest {
  readonly artifacts?: Record<string, {
    readonly type: string;
    readonly properties?: { readonly templateFile?: string; readonly file?: string };
    readonly dependencies?: string[];
  }>;
}

/** Reads the stacks of a cloud assembly folder (`cdk.out`), in an order where dependencies come first. */
export function readAssembly(dir: string): StackArtifact[] {
  const manifest: Manifest = readJson(path.join(dir, 'manifest.json'));
  const artifacts = manifest.artifacts ?? {};
  const stacks = Object.entries(artifacts)
    .filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack')
    .map(([name, artifact]): StackArtifact => {
      const assetManifests = (artifact.dependencies ?? [])
        .map((id) => artifacts[id])
        .filter((dep) => dep?.type === 'cdk:asset-manifest')
        .map((dep) => readJson<{ files?: Record<string, { source: { path: string } }> }>(path.join(dir, dep.properties!.file!)));
      const assets = new Map<string, string>();
      for (const assetManifest of assetManifests) {
        for (const [hash, file] of Object.entries(assetManifest.files ?? {})) assets.set(hash, path.resolve(dir, file.source.path));
      }
      return {
        name,
        template: readJson(path.join(dir, artifact.properties!.templateFile!)),
        assets,
        dependencies: (artifact.dependencies ?? []).filter((id) => artifacts[id]?.type === 'aws:cloudformation:stack'),
      };
    });
  return inDependencyOrder(stacks);
}

function inDependencyOrder(stacks: StackArtifact[]): StackArtifact[] {
  const ordered: StackArtifact[] = [];
  const visit = (stack: StackArtifact) => {
    if (ordered.includes(stack)) return;
    for (const dep of stack.dependencies) visit(stacks.find((s) => s.name === dep)!);
    ordered.push(stack);
  };
  stacks.forEach(visit);
  return ordered;
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}
