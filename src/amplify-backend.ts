import { Construct } from 'constructs';
import { AmplifyBackendAttributes, IAmplifyBackend } from './i-amplify-backend';
import { validateAppId, validateEnvironmentName } from './private/validate';

/** Amplify (Gen 1) backend environments. */
export class AmplifyBackend extends Construct {
  /** References a backend environment that already exists. Nothing is created or removed. */
  public static fromEnvironmentAttributes(scope: Construct, id: string, attrs: AmplifyBackendAttributes): IAmplifyBackend {
    return new ImportedEnvironment(scope, id, attrs);
  }

  private constructor(scope: Construct, id: string) {
    super(scope, id);
  }
}

class ImportedEnvironment extends Construct implements IAmplifyBackend {
  public readonly appId: string;
  public readonly environmentName: string;

  constructor(scope: Construct, id: string, attrs: AmplifyBackendAttributes) {
    super(scope, id);
    validateAppId(this, attrs.appId);
    validateEnvironmentName(this, attrs.environmentName);
    this.appId = attrs.appId;
    this.environmentName = attrs.environmentName;
  }
}
