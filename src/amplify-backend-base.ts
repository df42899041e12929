import { Resource } from 'aws-cdk-lib';
import { AmplifyBackendApi, BackendApiOptions } from './amplify-backend-api';
import { AmplifyBackendAuth, BackendAuthOptions } from './amplify-backend-auth';
import { AmplifyBackendStorage, BackendStorageOptions } from './amplify-backend-storage';
import { IAmplifyBackend } from './i-amplify-backend';
import { ImportedBackendAuth, ImportAuthOptions } from './imported-backend-auth';
import { ImportedBackendStorage, ImportStorageOptions } from './imported-backend-storage';

/** What created and referenced environments have in common: adding resources to them. */
export abstract class AmplifyBackendBase extends Resource implements IAmplifyBackend {
  public abstract readonly appId: string;
  public abstract readonly environmentName: string;

  public addAuth(id: string, options: BackendAuthOptions): AmplifyBackendAuth {
    return new AmplifyBackendAuth(this, id, { ...options, backend: this });
  }

  public importAuth(id: string, options: ImportAuthOptions): ImportedBackendAuth {
    return new ImportedBackendAuth(this, id, { ...options, backend: this });
  }

  public addStorage(id: string, options: BackendStorageOptions): AmplifyBackendStorage {
    return new AmplifyBackendStorage(this, id, { ...options, backend: this });
  }

  public importStorage(id: string, options: ImportStorageOptions): ImportedBackendStorage {
    return new ImportedBackendStorage(this, id, { ...options, backend: this });
  }

  public addApi(id: string, options: BackendApiOptions): AmplifyBackendApi {
    return new AmplifyBackendApi(this, id, { ...options, backend: this });
  }
}
