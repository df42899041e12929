import { IConstruct } from 'constructs';

/** An Amplify backend environment: the unit the AmplifyBackend API runs one job at a time on. */
export interface IAmplifyBackend extends IConstruct {
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

/** Identifies a backend environment that already exists (created in the console, the CLI or another stack). */
export interface AmplifyBackendAttributes {
  /** The Amplify app id, e.g. `d1a2b3c4d5e6f7`. */
  readonly appId: string;
  /** The backend environment name, e.g. `dev`. */
  readonly environmentName: string;
}
