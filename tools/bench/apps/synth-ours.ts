import { App, Stack } from 'aws-cdk-lib';
import { AmplifyBackend, StoragePermission } from '../../../src';

/** 100 backend environments with storage, synthesized: this library's side of the synth benchmark. */
const app = new App({ outdir: process.argv[2] });
const stack = new Stack(app, 'SynthOurs');
for (let i = 0; i < 100; i++) {
  const name = `env${String.fromCharCode(97 + Math.floor(i / 26), 97 + (i % 26))}`;
  new AmplifyBackend(stack, `Env${i}`, { appId: 'd1bench', appName: 'bench', environmentName: name })
    .addStorage('Storage', { resourceName: 'files', permissions: { authenticated: [StoragePermission.READ] } });
}
app.synth();
