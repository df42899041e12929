import { AmplifyBackendClient } from '@aws-sdk/client-amplifybackend';
import { CONSTRUCTS, SECRETS } from './prop-sets';
import { formatFigures, runProperty } from './run';
import { AmplifyBackendEmulator } from '../../local/emulator';
import { LocalSecretsManager } from '../../local/secrets-manager';

/**
 * The property: every random prop set of every construct, valid or invalid, either fails synth with a message
 * naming a prop it breaks, or passes synth and deploys on the emulator. None passes synth and is then refused.
 *
 * PROPS_PER_CONSTRUCT sets the number of sets per construct: `npm test` runs 25, `npx projen test:props` (run by
 * CI) 1,000. PROPS_SEED=<n> runs another draw; a failure names the set's index, which the same seed replays. The
 * constructs are run in two shards (props.test.ts, props-odd.test.ts), which jest runs side by side, one core each.
 */
const SEED = Number(process.env.PROPS_SEED ?? 20260505);
const PER_CONSTRUCT = Number(process.env.PROPS_PER_CONSTRUCT ?? 25);


/** The property for constructs `shard`, `shard + shards`, ... of CONSTRUCTS, each on one emulator of the suite. */
export function propertySuite(shard: number, shards: number): void {
  jest.setTimeout(Math.max(60_000, PER_CONSTRUCT * 200));

  // The handler reads social sign-in secrets with the SDK's default configuration, as it does in Lambda.
  const ENVIRONMENT = {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'property-test',
    AWS_SECRET_ACCESS_KEY: 'property-test',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  const saved = { ...process.env };
  let emulator: AmplifyBackendEmulator;
  let secrets: LocalSecretsManager;
  let client: AmplifyBackendClient;

  beforeAll(async () => {
    emulator = await AmplifyBackendEmulator.start({ requireAuthForStorage: true });
    secrets = await LocalSecretsManager.start(SECRETS);
    Object.assign(process.env, ENVIRONMENT, { AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint });
    client = new AmplifyBackendClient({ ...emulator.clientConfig(), maxAttempts: 1 });
  });

  afterAll(async () => {
    client.destroy();
    await Promise.all([emulator.close(), secrets.close()]);
    process.env = saved;
  });

  describe('random prop sets: refused at synth naming the prop, or deployed on the emulator', () => {
    test.each(CONSTRUCTS.filter((_, index) => index % shards === shard))(`%s: ${PER_CONSTRUCT} prop sets (seed ${SEED})`, async (construct) => {
      const figures = await runProperty(construct, SEED, PER_CONSTRUCT, emulator, client);
      process.stdout.write(`${formatFigures(construct, SEED, figures)}\n`);
      expect(figures.failures.slice(0, 5)).toEqual([]);
      expect(figures.refusedAfterSynth).toBe(0);
      // Both halves of the property are exercised: valid sets that deploy, invalid ones refused at synth.
      expect(figures.deployed).toBeGreaterThanOrEqual(Math.floor(PER_CONSTRUCT * 0.2));
      expect(figures.refusedAtSynth).toBeGreaterThanOrEqual(Math.floor(PER_CONSTRUCT * 0.2));
    });
  });
}
