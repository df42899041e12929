export * from './storage-permissions';
export * from './i-amplify-backend';
export * from './amplify-backend-base';
export * from './amplify-backend';
export * from './backend-storage';
export * from './amplify-backend-storage';
export * from './imported-backend-storage';
export * from './provider';
