import { App, CfnResource, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';

/** 100 S3 buckets and 100 plain custom resources, synthesized: the baseline of the synth benchmark. */
const app = new App({ outdir: process.argv[2] });
const stack = new Stack(app, 'SynthBaseline');
for (let i = 0; i < 100; i++) {
  new s3.Bucket(stack, `Bucket${i}`);
  new CfnResource(stack, `Resource${i}`, { type: 'Custom::Thing', properties: { ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:x', Index: i } });
}
app.synth();
