/**
 * The declarations built with the library's real classes and synthesized, in this process: what the written module
 * declares, for the self-check to compare with the live backend. The same expression tree the module is rendered
 * from is evaluated here, so the check sees what the user gets.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { IConstruct } from 'constructs';
import { Declarations } from './declarations';
import { Expr, Module } from './expressions';
import { Library } from './library';
import { resolveTemplateValue, StackValues } from '../drift/template-values';

/** One custom resource of the synthesized declarations, and the live resource it declares. */
export interface SynthesizedResource {
  /** The construct's path under the module's class, as `cdk diff` and `preview` name it: `Staging/Auth`. */
  readonly path: string;
  readonly logicalId: string;
  readonly type: string;
  /**
   * Its properties in the template (the service token left out), references resolved as far as they can be before a
   * deployment: what CloudFormation resolves from another resource (an API's user pool, the auth's) is an `UnknownValue`.
   */
  readonly properties: Record<string, unknown>;
  /** The live resource's physical id, as the handler names it. */
  readonly physicalId: string;
  readonly description: string;
}

export interface Synthesized {
  readonly resources: SynthesizedResource[];
  /** Warnings the declarations' synth reported, as `cdk synth` prints them (e.g. storage without auth). */
  readonly warnings: string[];
}

/** The declarations do not synthesize: an error the library reports at synth (a name it refuses, a setting it cannot declare). */
export class DeclarationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeclarationError';
  }
}

/** Builds the declarations in a fresh app (one stack in the backend's Region) and synthesizes it into a folder removed afterwards. */
export function synthesizeDeclarations(declarations: Declarations, library: Library): Synthesized {
  const { cdk, constructs } = library;
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-amplify-backend-adopt-'));
  // Template validation (a WebAssembly engine that takes most of a synth's time) has nothing to say about these properties.
  const validation = process.env.CDK_VALIDATION;
  process.env.CDK_VALIDATION = 'false';
  try {
    const app = new cdk.App({ outdir, analyticsReporting: false, context: { 'aws:cdk:disable-asset-staging': true } });
    const stack = new cdk.Stack(app, 'AdoptCheck', { env: { region: declarations.region } });
    const root = new constructs.Construct(stack, declarations.className);
    const declared: Array<{ construct: IConstruct; physicalId: string; description: string }> = [];
    try {
      for (const environment of declarations.environments) {
        const scopes = new Map<string, IConstruct>();
        const backend = new library.lib.AmplifyBackend(root, environment.id, evaluate(environment.props, library, scopes) as any);
        declared.push({ construct: backend, physicalId: environment.physicalId, description: `environment "${environment.environmentName}"` });
        if (environment.variable) scopes.set(environment.variable, backend);
        for (const child of environment.children) {
          const add = backend[child.method] as (id: string, props: unknown) => IConstruct;
          const construct = add.call(backend, child.id, evaluate(child.props, library, scopes));
          declared.push({ construct, physicalId: child.physicalId, description: child.description });
        }
      }
      const assembly = app.synth();
      const artifact = assembly.getStackArtifact(stack.artifactId);
      const errors = artifact.messages.filter((message) => message.level === 'error').map((message) => `${message.id}: ${message.entry.data}`);
      if (errors.length > 0) throw new DeclarationError(errors.join('\n'));
      const template = artifact.template as { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> };
      const values: StackValues = {
        pseudoParameters: { 'AWS::Region': declarations.region },
        parameters: {},
        resources: Object.fromEntries(Object.entries(template.Resources).map(([logicalId, resource]) => [logicalId, { type: resource.Type }])),
      };
      const resources = declared.map(({ construct, physicalId, description }): SynthesizedResource => {
        const logicalId = stack.getLogicalId(construct.node.defaultChild as InstanceType<typeof cdk.CfnElement>);
        const resolved = resolveTemplateValue(template.Resources[logicalId].Properties ?? {}, values) as Record<string, unknown>;
        const { ServiceToken: _token, ...properties } = resolved;
        return { path: construct.node.path.split('/').slice(2).join('/'), logicalId, type: template.Resources[logicalId].Type, properties, physicalId, description };
      });
      const warnings = artifact.messages.filter((message) => message.level === 'warning').map((message) => `${message.id}: ${message.entry.data}`);
      return { resources, warnings };
    } catch (error) {
      if (error instanceof DeclarationError) throw error;
      throw new DeclarationError((error as Error).message);
    }
  } finally {
    if (validation === undefined) delete process.env.CDK_VALIDATION;
    else process.env.CDK_VALIDATION = validation;
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** An expression's value, made with the library's classes; `scopes` are the constructs the variables name. */
function evaluate(expr: Expr, library: Library, scopes: ReadonlyMap<string, IConstruct>): unknown {
  if (typeof expr !== 'object') return expr;
  switch (expr.kind) {
    case 'list':
      return expr.items.map((item) => evaluate(item, library, scopes));
    case 'object':
      return Object.fromEntries(expr.entries.map(([key, item]) => [key, evaluate(item, library, scopes)]));
    case 'member':
      return (moduleOf(expr.module, library) as Record<string, Record<string, unknown>>)[expr.name][expr.member];
    case 'secret':
      return library.cdk.SecretValue.secretsManager(expr.name, { jsonField: expr.jsonField });
    case 'call': {
      const module = moduleOf(expr.module, library) as Record<string, Record<string, (...args: unknown[]) => unknown>>;
      return module[expr.name][expr.method](...expr.args.map((arg) => evaluate(arg, library, scopes)));
    }
    case 'schemaFile':
      // What the module reads from the file adopt writes beside it.
      return library.lib.ApiSchema.fromString(expr.text);
    case 'cognito': {
      const scope = scopes.get(expr.scope) as InstanceType<typeof library.constructs.Construct>;
      return expr.what === 'UserPool'
        ? library.cognito.UserPool.fromUserPoolId(scope, expr.id, expr.value)
        : library.cognito.UserPoolClient.fromUserPoolClientId(scope, expr.id, expr.value);
    }
  }
}

function moduleOf(module: Module, library: Library): unknown {
  switch (module) {
    case 'cdk-amplify-backend': return library.lib;
    case 'aws-cdk-lib': return library.cdk;
    case 'aws-cdk-lib/aws-cognito': return library.cognito;
    case 'node:path': throw new Error('adopt declares nothing with node:path but a schema file');
  }
}
