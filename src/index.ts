export * from './storage-permissions';
export * from './i-amplify-backend';
export * from './amplify-backend';
export * from './backend-storage';
export * from './amplify-backend-storage';
