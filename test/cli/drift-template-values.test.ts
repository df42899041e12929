import { UnknownValue } from '../../cli/drift/declared';
import { resolveTemplateValue, StackValues } from '../../cli/drift/template-values';

const STACK: StackValues = {
  pseudoParameters: { 'AWS::Region': 'eu-west-1', 'AWS::AccountId': '123456789012', 'AWS::URLSuffix': 'amazonaws.com' },
  parameters: { Env: 'staging', Buckets: ['a', 'b'], Hidden: new UnknownValue('Ref Hidden, a NoEcho parameter') },
  resources: { Bucket: { type: 'AWS::S3::Bucket', physicalId: 'team-files-1a2b' } },
};
const resolve = (value: unknown) => resolveTemplateValue(value, STACK);
const reason = (value: unknown) => (value instanceof UnknownValue ? value.reason : `not unknown: ${JSON.stringify(value)}`);

describe('deployed template values, resolved as CloudFormation would as far as the command can', () => {
  test('literals, pseudo parameters, parameters (lists too) and the functions that combine them', () => {
    expect(resolve({
      Name: 'photos',
      Region: { Ref: 'AWS::Region' },
      Url: { 'Fn::Sub': 'https://s3.${AWS::Region}.${AWS::URLSuffix}/${Env}/${!Literal}' },
      SubVariables: { 'Fn::Sub': ['${Prefix}-${Env}', { Prefix: { 'Fn::Join': ['-', ['team', { Ref: 'AWS::AccountId' }]] } }] },
      Second: { 'Fn::Select': [1, { Ref: 'Buckets' }] },
      Gone: { Ref: 'AWS::NoValue' },
      List: ['x', { Ref: 'AWS::NoValue' }, { Ref: 'Env' }],
    })).toEqual({
      Name: 'photos',
      Region: 'eu-west-1',
      Url: 'https://s3.eu-west-1.amazonaws.com/staging/${Literal}',
      SubVariables: 'team-123456789012-staging',
      Second: 'b',
      List: ['x', 'staging'],
    });
  });

  test.each([
    [{ Ref: 'Bucket' }, 'Ref Bucket (AWS::S3::Bucket team-files-1a2b)'],
    [{ 'Fn::GetAtt': ['Bucket', 'Arn'] }, 'Fn::GetAtt Bucket.Arn (AWS::S3::Bucket team-files-1a2b)'],
    [{ 'Fn::Sub': 'arn:aws:s3:::${Bucket}/*' }, 'Ref Bucket (AWS::S3::Bucket team-files-1a2b)'],
    [{ 'Fn::Sub': '${Bucket.Arn}/*' }, 'Fn::GetAtt Bucket.Arn (AWS::S3::Bucket team-files-1a2b)'],
    [{ 'Fn::ImportValue': 'shared-bucket' }, 'Fn::ImportValue, which CloudFormation evaluates at deploy time'],
    [{ 'Fn::If': ['Prod', 'a', 'b'] }, 'Fn::If, which CloudFormation evaluates at deploy time'],
    [{ Ref: 'Hidden' }, 'Ref Hidden, a NoEcho parameter'],
    ['{{resolve:ssm:/photo-share/bucket}}', 'the dynamic reference {{resolve:ssm:/photo-share/bucket}}'],
    [['READ', { Ref: 'Bucket' }], 'Ref Bucket (AWS::S3::Bucket team-files-1a2b)'],
    [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': ['Bucket', 'DomainName'] }]] }, 'Fn::GetAtt Bucket.DomainName (AWS::S3::Bucket team-files-1a2b)'],
  ])('%j is unknown: %s', (value, why) => {
    expect(reason(resolve(value))).toBe(why);
  });

  test('an object keeps its known members beside an unknown one', () => {
    const resolved = resolve({ BucketName: { Ref: 'Bucket' }, Env: { Ref: 'Env' } }) as Record<string, unknown>;
    expect(resolved.Env).toBe('staging');
    expect(resolved.BucketName).toBeInstanceOf(UnknownValue);
  });
});
