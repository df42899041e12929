// Loaded with `node -r` by integ-runner: every require of aws-cdk-lib (from the integ app, from src/ and
// from integ-tests-alpha) resolves to the peer floor, aws-cdk-lib 2.257.0. The newest integ-runner reads
// cloud assembly schema 53 at most, which 2.257 writes and current releases do not.
const Module = require('module');

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const floor = request === 'aws-cdk-lib' || request.startsWith('aws-cdk-lib/')
    ? request.replace(/^aws-cdk-lib/, 'aws-cdk-lib-floor')
    : request;
  return resolve.call(this, floor, ...rest);
};
