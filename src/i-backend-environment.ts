import { IConstruct } from 'constructs';

/**
 * A backend environment as the auth and storage in it need it: which one it is, and the construct they
 * are ordered after (the service runs one job per environment at a time). Every `IAmplifyBackend` is one.
 */
export interface IBackendEnvironment extends IConstruct {
  /**
   * The Amplify app id, e.g. `d1a2b3c4d5e6f7`.
   * @attribute
   */
  readonly appId: string;
  /**
   * The backend environment name, e.g. `dev`.
   * @attribute
   */
  readonly environmentName: string;
}
