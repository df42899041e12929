import { Aws, CfnOutput, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { localDeployment, synth } from './harness';
import { AmplifyBackendEmulator } from '../../local/emulator';
import { LocalDeployment } from '../../local/local-deployment';
import { AmplifyBackend } from '../../src';

jest.setTimeout(30_000);

const EU = { account: '111122223333', region: 'eu-west-1' };

/** An environment with auth, and outputs that read the deployed auth, pseudo parameters, Fn::Sub, and a function the runner does not evaluate. */
const stack = synth((app) => {
  const scope = new Stack(app, 'Located', { env: EU });
  const auth = new AmplifyBackend(scope, 'Staging', { appId: 'd1', appName: 'photos', environmentName: 'staging', removalPolicy: RemovalPolicy.DESTROY })
    .addAuth('Users', { resourceName: 'users', removalPolicy: RemovalPolicy.DESTROY });
  new CfnOutput(scope, 'UserPoolId', { value: auth.userPoolId });
  new CfnOutput(scope, 'Where', { value: `${Aws.ACCOUNT_ID}/${Aws.REGION}` });
  new CfnOutput(scope, 'Substituted', { value: Fn.sub('${AWS::Region}:${Pool}:${!Literal}', { Pool: auth.userPoolId }) });
  new CfnOutput(scope, 'Cidrs', { value: Fn.join(',', Fn.cidr('10.0.0.0/16', 2, '8')) });
});

describe('where a local stack is deployed, and what it outputs', () => {
  test('the stack\'s account and Region are the pseudo parameters\', and the emulator\'s Region; outputs resolve against what is deployed', async () => {
    const local = await localDeployment({ location: EU });
    try {
      expect((await local.deploy(stack)).status).toBe('CREATE_COMPLETE');
      const outputs = local.outputs('Located');
      expect(outputs.Where).toBe('111122223333/eu-west-1');
      expect(outputs.UserPoolId).toMatch(/^eu-west-1_[A-Z0-9]{9}$/);
      expect(outputs.UserPoolId).toBe(local.emulator.inspect().environments[0].auth?.outputs.UserPoolId);
      expect(outputs.Substituted).toBe(`eu-west-1:${outputs.UserPoolId}:\${Literal}`);
      expect(outputs.Cidrs).toBe('(not resolved locally: the local runner does not evaluate Fn::Cidr)');
    } finally {
      await local.close();
    }
  });

  test('a saved world of another Region is refused, naming both', async () => {
    const emulator = await AmplifyBackendEmulator.start({ region: 'us-east-1' });
    const world = emulator.saveWorld();
    await emulator.close();
    await expect(LocalDeployment.start({ location: EU, emulator: { world } }))
      .rejects.toThrow('The saved world is of Region us-east-1, not eu-west-1: deploy there, or start from another world.');
  });
});
