import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AmplifyBackendClient, GetBackendJobCommand } from '@aws-sdk/client-amplifybackend';
import { App, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ConstructName, PropSet, propSet, Scoped } from './prop-sets';
import { amplifyBackendEnvironment } from '../../lambda/amplify-backend';
import { amplifyBackendAuth } from '../../lambda/amplify-backend-auth';
import { amplifyBackendStorage } from '../../lambda/amplify-backend-storage';
import { ResourceRequest } from '../../lambda/events';
import { importedBackendAuth } from '../../lambda/imported-backend-auth';
import { importedBackendStorage } from '../../lambda/imported-backend-storage';
import { ResourceKind } from '../../lambda/reconcile';
import { AmplifyBackendEmulator } from '../../local/emulator';
import { AmplifyBackend, AmplifyBackendAuth, AmplifyBackendStorage, ImportedBackendAuth, ImportedBackendStorage } from '../../src';
import {
  AUTH_RESOURCE_TYPE, ENVIRONMENT_RESOURCE_TYPE, IMPORTED_AUTH_RESOURCE_TYPE, IMPORTED_STORAGE_RESOURCE_TYPE, STORAGE_RESOURCE_TYPE,
} from '../../src/private/contract';

/**
 * One prop set, from synth to the emulator. The set is synthesized as a user's app would be (a fresh app and
 * stack, `app.synth()`, which runs the synth-time checks and validations). If synth passes, the custom
 * resource's properties, as CloudFormation hands them over (every scalar a string), go through the handler's
 * own `plan`, `observe` and `decide` for a Create, and the call it decides is sent with the real SDK client to
 * the emulator, whose job must complete. That is what the first deployment of the construct would do, without
 * the Provider framework's polling around it.
 */

interface Subject {
  readonly resourceType: string;
  readonly kind: ResourceKind<any, any>;
  readonly declare: (stack: Stack, props: any) => Construct;
}

const SUBJECTS: Record<ConstructName, Subject> = {
  AmplifyBackend: { resourceType: ENVIRONMENT_RESOURCE_TYPE, kind: amplifyBackendEnvironment, declare: (stack, props) => new AmplifyBackend(stack, 'Subject', props) },
  AmplifyBackendStorage: {
    resourceType: STORAGE_RESOURCE_TYPE, kind: amplifyBackendStorage, declare: (stack, props) => new AmplifyBackendStorage(stack, 'Subject', props),
  },
  ImportedBackendStorage: {
    resourceType: IMPORTED_STORAGE_RESOURCE_TYPE, kind: importedBackendStorage, declare: (stack, props) => new ImportedBackendStorage(stack, 'Subject', props),
  },
  AmplifyBackendAuth: { resourceType: AUTH_RESOURCE_TYPE, kind: amplifyBackendAuth, declare: (stack, props) => new AmplifyBackendAuth(stack, 'Subject', props) },
  ImportedBackendAuth: {
    resourceType: IMPORTED_AUTH_RESOURCE_TYPE, kind: importedBackendAuth, declare: (stack, props) => new ImportedBackendAuth(stack, 'Subject', props),
  },
};

/** How one set ended. */
export type Outcome =
  | { readonly kind: 'refused-at-synth'; readonly message: string }
  | { readonly kind: 'deployed' }
  | { readonly kind: 'refused-after-synth'; readonly reason: string };

/** A set whose outcome breaks the property, and why. */
export interface Failure {
  readonly index: number;
  readonly problem: string;
  readonly broken: readonly string[];
  readonly props: string;
}

export interface Figures {
  readonly sets: number;
  readonly valid: number;
  readonly refusedAtSynth: number;
  readonly deployed: number;
  /** Passed synth, then refused by the handler or the emulator: the property says 0. */
  readonly refusedAfterSynth: number;
  readonly failures: Failure[];
  readonly ms: number;
}

/** Scoped values made in the stack; plain objects and lists looked into, anything else (a SecretValue) kept. */
function materialize(value: unknown, stack: Stack): unknown {
  if (value instanceof Scoped) return value.make(stack);
  if (Array.isArray(value)) return value.map((element) => materialize(element, stack));
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, element]) => [key, materialize(element, stack)]));
  }
  return value;
}

/** Properties as CloudFormation sends them to a custom resource: numbers and booleans become strings. */
function asCloudFormationSends(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asCloudFormationSends);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, element]) => [key, asCloudFormationSends(element)]));
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
}

/** Synthesizes the set: its error, or the properties of the construct's custom resource. */
function synthesize(set: PropSet, outdir: string): { error: Error } | { properties: Record<string, unknown> } {
  const subject = SUBJECTS[set.construct];
  try {
    const app = new App({ outdir, context: { 'aws:cdk:disable-asset-staging': true } });
    const stack = new Stack(app, 'PropertyStack', { env: { account: '123456789012', region: 'us-east-1' } });
    subject.declare(stack, materialize(set.props, stack));
    const template = app.synth().getStackArtifact(stack.artifactId).template as { Resources: Record<string, { Type: string; Properties: unknown }> };
    const resources = Object.values(template.Resources).filter((resource) => resource.Type === subject.resourceType);
    if (resources.length !== 1) throw new Error(`the template has ${resources.length} ${subject.resourceType}`);
    return { properties: asCloudFormationSends(resources[0].Properties) as Record<string, unknown> };
  } catch (error) {
    return { error: error as Error };
  }
}

/** Runs the handler's first step for a Create of these properties against the emulator, and waits for the job it starts. */
async function deploy(
  set: PropSet, properties: Record<string, unknown>, emulator: AmplifyBackendEmulator, client: AmplifyBackendClient,
): Promise<Outcome> {
  const subject = SUBJECTS[set.construct];
  emulator.reset();
  const { environment, bucket } = set.world;
  if (environment) {
    const auth = environment.auth ? { allowGuests: true } : undefined;
    emulator.seedEnvironment({ appId: environment.appId, backendEnvironmentName: environment.name, auth });
  }
  if (bucket) emulator.seedBucket(bucket);
  const request: ResourceRequest = {
    RequestType: 'Create', ResourceType: subject.resourceType, LogicalResourceId: 'Subject', ResourceProperties: properties,
  };
  const refused = (reason: string): Outcome => ({ kind: 'refused-after-synth', reason });
  let plan: unknown;
  try {
    plan = subject.kind.plan(request);
  } catch (error) {
    return refused(`the handler refused the properties: ${(error as Error).message}`);
  }
  const next = subject.kind.decide(plan, await subject.kind.observe(client, plan, true), true);
  if (next.kind === 'refuse') return refused(`the handler refused: ${next.reason}`);
  if (next.kind !== 'call') return refused('the handler found nothing to do in an empty account');
  let jobId: string | undefined;
  try {
    jobId = (await next.call.send(client)).jobId;
  } catch (error) {
    return refused(`${next.call.operation} was refused: ${(error as Error).message}`);
  }
  const env = subject.kind.environment(plan)!;
  for (let poll = 0; poll < 20; poll++) {
    const job = await client.send(new GetBackendJobCommand({ AppId: env.appId, BackendEnvironmentName: env.environmentName, JobId: jobId }));
    if (job.Status === 'COMPLETED') return { kind: 'deployed' };
    if (job.Status === 'FAILED') return refused(`${next.call.operation} job failed: ${job.Error}`);
  }
  return refused(`${next.call.operation} job never ended`);
}

/** Props as a failure message shows them (secrets are references; no value is secret here). */
function describe(props: Record<string, unknown>): string {
  return JSON.stringify(props, (_key, value) => (value instanceof Scoped ? '<made in the stack>' : value)).slice(0, 600);
}

/**
 * Runs `count` sets of a construct. Each set must be refused at synth naming one of the props it breaks (and not
 * with a TypeError), or, if it breaks none, pass synth and deploy on the emulator.
 */
export async function runProperty(
  construct: ConstructName, seed: number, count: number, emulator: AmplifyBackendEmulator, client: AmplifyBackendClient,
): Promise<Figures> {
  const started = Date.now();
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'props-'));
  const failures: Failure[] = [];
  let valid = 0;
  let refusedAtSynth = 0;
  let deployed = 0;
  let refusedAfterSynth = 0;
  try {
    for (let index = 0; index < count; index++) {
      const set = propSet(construct, seed, index);
      if (set.broken.length === 0) valid++;
      const fail = (problem: string) => failures.push({ index, problem, broken: set.broken, props: describe(set.props) });
      const synthesized = synthesize(set, outdir);
      if ('error' in synthesized) {
        refusedAtSynth++;
        const { message } = synthesized.error;
        if (synthesized.error instanceof TypeError) fail(`a TypeError at synth: ${message}`);
        else if (set.broken.length === 0) fail(`a valid set was refused at synth: ${message}`);
        else if (!set.broken.some((prop) => message.includes(prop))) fail(`refused at synth without naming ${set.broken.join(' or ')}: ${message}`);
        continue;
      }
      const outcome = await deploy(set, synthesized.properties, emulator, client);
      if (outcome.kind === 'refused-after-synth') {
        refusedAfterSynth++;
        fail(`passed synth, then ${outcome.reason}`);
      } else {
        deployed++;
        if (set.broken.length > 0) fail(`passed synth and deployed, but the set breaks ${set.broken.join(', ')}`);
      }
    }
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
  return { sets: count, valid, refusedAtSynth, deployed, refusedAfterSynth, failures, ms: Date.now() - started };
}

/** One line of figures for the CI log. */
export function formatFigures(construct: ConstructName, seed: number, figures: Figures): string {
  return `${construct}: ${figures.sets} prop sets (seed ${seed}, ${figures.valid} valid): ${figures.deployed} deployed on the emulator, `
    + `${figures.refusedAtSynth} refused at synth naming the prop, ${figures.refusedAfterSynth} passed synth and were refused after it; `
    + `${(figures.ms / 1000).toFixed(1)} s`;
}
