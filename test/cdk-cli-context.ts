/**
 * The context `cdk synth` (and so `local`, through the CDK's toolkit) gives an app by default, for tests that
 * synthesize apps in-process: path metadata names the constructs in what `local` prints.
 */
export const CDK_CLI_CONTEXT = { 'aws:cdk:enable-path-metadata': true, 'aws:cdk:enable-asset-metadata': true };
