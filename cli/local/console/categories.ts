import type { ConsoleCategory, ConsoleSetting } from './document';
import { EnvironmentSnapshot, SECRET_KEYS } from '../../../local/emulator';

/** How one category of an environment is read for the console: its title, and its resource if the environment has one. */
interface CategoryReader {
  readonly category: string;
  read(environment: EnvironmentSnapshot): { readonly resourceName: string; readonly imported: boolean; readonly settings: object } | undefined;
}

/** The categories the console shows, in this order; another category (the API) is one more entry. */
const CATEGORIES: readonly CategoryReader[] = [
  {
    category: 'Auth',
    read: ({ auth }) => auth && {
      resourceName: auth.resourceName,
      imported: auth.imported,
      settings: { resourceConfig: auth.resourceConfig, outputs: auth.outputs },
    },
  },
  {
    category: 'Storage',
    read: ({ storage }) => storage && {
      resourceName: storage.resourceName,
      imported: storage.imported,
      settings: { bucketName: storage.bucketName, ...storage.permissions ? { permissions: storage.permissions } : {} },
    },
  },
];

/** A secret as the emulator keeps it (`secretFingerprint`): never shown, even under a key not known to hold secrets. */
const FINGERPRINT = /^sha256:[0-9a-f]{64}$/;

/** Each category the environment has, with every setting; secrets by name only. */
export function categoriesOf(environment: EnvironmentSnapshot): ConsoleCategory[] {
  return CATEGORIES.flatMap(({ category, read }) => {
    const resource = read(environment);
    return resource ? [{ category, resourceName: resource.resourceName, imported: resource.imported, settings: settingsOf(resource.settings) }] : [];
  });
}

/**
 * A configuration tree as one setting per leaf, named by its path (`resourceConfig.userPoolConfigs.signInMethod`);
 * a list of plain values is one setting (`READ, DELETE`), a list of objects one setting per item's leaf (`[0]`).
 * The values of secret keys (`client_secret`, `private_key`) and of fingerprints are left out: only their names stay.
 */
export function settingsOf(tree: object, prefix = ''): ConsoleSetting[] {
  return Object.entries(tree).flatMap(([key, value]): ConsoleSetting[] => {
    const name = Array.isArray(tree) ? `${prefix}[${key}]` : prefix ? `${prefix}.${key}` : key;
    if (value === undefined) return [];
    if (SECRET_KEYS.includes(key) || (typeof value === 'string' && FINGERPRINT.test(value))) return [{ name, secret: true }];
    if (Array.isArray(value) && value.every((item) => item === null || typeof item !== 'object')) {
      return [{ name, value: value.length === 0 ? '(none)' : value.map(String).join(', ') }];
    }
    if (value !== null && typeof value === 'object') return settingsOf(value, name);
    return [{ name, value: String(value) }];
  });
}
