import { Resource } from 'aws-cdk-lib';
import { AmplifyBackendStorage, BackendStorageOptions } from './amplify-backend-storage';
import { IAmplifyBackend } from './i-amplify-backend';
import { ImportedBackendStorage, ImportStorageOptions } from './imported-backend-storage';

/** What created and referenced environments have in common: adding resources to them. */
export abstract class AmplifyBackendBase extends Resource implements IAmplifyBackend {
  public abstract readonly appId: string;
  public abstract readonly environmentName: string;

  public addStorage(id: string, options: BackendStorageOptions): AmplifyBackendStorage {
    return new AmplifyBackendStorage(this, id, { ...options, backend: this });
  }

  public importStorage(id: string, options: ImportStorageOptions): ImportedBackendStorage {
    return new ImportedBackendStorage(this, id, { ...options, backend: this });
  }
}
