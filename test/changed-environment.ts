import { RecordedRequest } from '../local/emulator';

/**
 * The environment a mutating call makes, changes or removes: CloneBackend's body names it (its path names the
 * source it reads), every other call's path or body.
 */
export function changedEnvironment(request: RecordedRequest): string | undefined {
  return request.operation === 'CloneBackend' ? (request.body as { targetEnvironmentName?: string }).targetEnvironmentName : request.backendEnvironmentName;
}
