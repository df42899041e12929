import { Token } from 'aws-cdk-lib';
import type { IBackendEnvironment } from '../i-backend-environment';

/**
 * The synth-time checks of a clone's source (`cloneFrom`): CloneBackend copies an environment into another one of
 * the same Amplify app (its path names the app and the source, its body only the target's name), and the clone
 * waits for what the app declares of its source, which needs the source in this CDK app's construct tree. Values
 * known only at deploy time (tokens) are not compared.
 */
export function validateCloneSource(clone: IBackendEnvironment, source: IBackendEnvironment): void {
  const where = `Invalid cloneFrom at ${clone.node.path}`;
  const label = `environment ${show(source.environmentName)} of app ${showApp(source.appId)} (${source.node.path})`;
  if (source.node.root !== clone.node.root) {
    throw new Error(`${where}: ${label} belongs to another CDK app; declare the source in this app, `
      + 'or refer to it with AmplifyBackend.fromEnvironmentAttributes().');
  }
  if (known(source.appId) && known(clone.appId) && source.appId !== clone.appId) {
    throw new Error(`${where}: ${label} is in another Amplify app than this environment (${clone.appId}); `
      + `CloneBackend copies an environment within its app: give an environment of app ${clone.appId}.`);
  }
  if (source.appId === clone.appId && source.environmentName === clone.environmentName) {
    throw new Error(`${where}: it names environment ${show(clone.environmentName)} itself; give another environment of app `
      + `${showApp(clone.appId)} to clone from.`);
  }
}

function known(value: string): boolean {
  return !Token.isUnresolved(value);
}

/** An environment name as messages quote it. */
function show(value: string): string {
  return known(value) ? `"${value}"` : '(a name known at deploy time)';
}

function showApp(value: string): string {
  return known(value) ? value : '(an id known at deploy time)';
}
