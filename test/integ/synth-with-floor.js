// Loaded with `node -r` by integ-runner: every require of aws-cdk-lib (from the integ app, from src/ and
// from integ-tests-alpha) resolves to the peer floor, aws-cdk-lib 2.257.0, and every require of the
// cloud assembly schema to the one that release writes (53). The newest integ-runner reads schema 53 at
// most, which current aws-cdk-lib releases no longer write.
const Module = require('module');

const FLOOR = [
  [/^aws-cdk-lib(?=\/|$)/, 'aws-cdk-lib-floor'],
  [/^@aws-cdk\/cloud-assembly-schema(?=\/|$)/, 'cloud-assembly-schema-floor'],
];

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const rule = FLOOR.find(([pattern]) => pattern.test(request));
  return resolve.call(this, rule ? request.replace(rule[0], rule[1]) : request, ...rest);
};
