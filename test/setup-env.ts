// aws-cdk-lib validates every synthesized template against CloudFormation's rules, with a WebAssembly engine
// that takes most of a synth's time: off for the tests, which synthesize hundreds of stacks; one test
// (test/nag.test.ts) turns it on for a stack holding every construct and expects no finding.
process.env.CDK_VALIDATION ??= 'false';
