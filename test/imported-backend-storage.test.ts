import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AmplifyBackend, ImportedBackendStorage } from '../src';
import { DEFAULT_SERVICE_TOKEN, policyStatements, testStack } from './template-helpers';

function setup() {
  const stack = testStack();
  const backend = AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: 'd1', environmentName: 'dev' });
  return { stack, backend };
}

describe('ImportedBackendStorage', () => {
  test('adopt: true tells the handler to take a bucket already linked over (Adopt); without it the property is absent', () => {
    const stack = testStack();
    AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: 'd1', environmentName: 'dev' }).importStorage('Files', { bucketName: 'team-files', adopt: true });
    AmplifyBackend.fromEnvironmentAttributes(stack, 'Prod', { appId: 'd1', environmentName: 'prod' }).importStorage('Files', { bucketName: 'prod-files' });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::AmplifyImportedBackendStorage', { BucketName: 'team-files', Adopt: true });
    template.hasResourceProperties('Custom::AmplifyImportedBackendStorage', { BucketName: 'prod-files', Adopt: Match.absent() });
  });

  test('links a bucket by IBucket, keeps that IBucket, and reads the generated name from the resource', () => {
    const { stack, backend } = setup();
    const bucket = new s3.Bucket(stack, 'TeamFiles');
    const storage = backend.importStorage('Files', { bucket });
    Template.fromStack(stack).hasResourceProperties('Custom::AmplifyImportedBackendStorage', {
      AppId: 'd1', EnvironmentName: 'dev', BucketName: { Ref: stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket) },
    });
    expect(storage.bucket).toBe(bucket);
    expect(stack.resolve(storage.resourceName)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^DevFiles/), 'ResourceName'] });
  });

  test('links a bucket by name, and grants work on it', () => {
    const { stack, backend } = setup();
    const storage = new ImportedBackendStorage(stack, 'Files', { backend, bucketName: 'team-files' });
    storage.grantRead(new iam.Role(stack, 'Reader', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }));
    Template.fromStack(stack).hasResource('Custom::AmplifyImportedBackendStorage', { Properties: { BucketName: 'team-files' }, DeletionPolicy: 'Delete' });
    expect(policyStatements(stack).flatMap((s) => [s.Action].flat())).toContain('s3:GetObject*');
  });

  test('ListS3Buckets is the only action on a bare *; the import actions are scoped to the app', () => {
    const { stack, backend } = setup();
    backend.importStorage('Files', { bucketName: 'team-files' });
    const amplify = policyStatements(stack).filter((s) => [s.Action].flat().some((a) => a.startsWith('amplifybackend:')));
    expect(amplify.filter((s) => [s.Resource].flat().includes('*'))).toEqual([expect.objectContaining({ Action: 'amplifybackend:ListS3Buckets' })]);
    expect(amplify).toContainEqual(expect.objectContaining({
      Action: ['amplifybackend:ImportBackendStorage', 'amplifybackend:GetBackend', 'amplifybackend:DeleteBackendStorage',
        'amplifybackend:GetBackendJob', 'amplifybackend:ListBackendJobs'],
    }));
  });

  test.each([
    [{}, 'give exactly one of bucket and bucketName'],
    [{ bucketName: 'a', bucket: 'both' }, 'give exactly one of bucket and bucketName'],
    [{ bucketName: 'Team_Files' }, 'Invalid bucketName "Team_Files" at TestStack/Files: use an S3 bucket name'],
  ])('%p is refused at synth', (bad, message) => {
    const { stack, backend } = setup();
    const props: any = { backend, ...bad };
    if (props.bucket === 'both') props.bucket = s3.Bucket.fromBucketName(stack, 'B', 'bbb');
    expect(() => new ImportedBackendStorage(stack, 'Files', props)).toThrow(message);
  });

  test('its custom resource, whole: the properties, the default provider\'s service token, unlinked on delete', () => {
    const { stack, backend } = setup();
    backend.importStorage('Files', { bucketName: 'team-files' });
    expect(Object.values(Template.fromStack(stack).findResources('Custom::AmplifyImportedBackendStorage'))).toEqual([{
      Type: 'Custom::AmplifyImportedBackendStorage',
      Properties: { ServiceToken: DEFAULT_SERVICE_TOKEN, ServiceTimeout: '2100', AppId: 'd1', EnvironmentName: 'dev', BucketName: 'team-files' },
      UpdateReplacePolicy: 'Delete',
      DeletionPolicy: 'Delete',
    }]);
  });
});
