import { createHash } from 'node:crypto';
import { AuthResourceConfig } from './state';

/** The keys of a social provider's secret in `oAuth.socialProviderSettings` (snake case, as on the wire). */
export const SECRET_KEYS: readonly string[] = ['client_secret', 'private_key'];

/** A fingerprint, as the emulator keeps one; never fingerprinted again. */
const FINGERPRINT = /^sha256:[0-9a-f]{64}$/;

/** What the emulator keeps of a secret value: `sha256:<hex>`, which tells values apart without holding one. */
export function secretFingerprint(value: string): string {
  return `sha256:${createHash('sha256').update(value, 'utf8').digest('hex')}`;
}

/**
 * An auth `resourceConfig` with each social provider's `client_secret` and `private_key` replaced by its
 * fingerprint: the emulator keeps no secret, since its world is saved to a file others may read.
 */
export function withoutSecrets<T extends AuthResourceConfig>(config: T): T {
  const oAuth = config.userPoolConfigs?.oAuth as { socialProviderSettings?: Record<string, Record<string, unknown> | undefined> } | undefined;
  const providers = oAuth?.socialProviderSettings;
  if (!providers) return config;
  const fingerprinted = Object.fromEntries(Object.entries(providers).map(([name, settings]) => [name, settings && Object.fromEntries(
    Object.entries(settings).map(([key, value]) => [key, SECRET_KEYS.includes(key) && typeof value === 'string' && !FINGERPRINT.test(value)
      ? secretFingerprint(value) : value]),
  )]));
  return { ...config, userPoolConfigs: { ...config.userPoolConfigs, oAuth: { ...oAuth, socialProviderSettings: fingerprinted } } };
}
