import { createRequire } from 'module';
import { App } from 'aws-cdk-lib';
import * as ts from 'typescript';
import * as library from '../src';

const requireHere = createRequire(__filename);

/** Runs a README example with `cdk-amplify-backend` resolved to this repository's sources; returns its `app`. */
export function runReadmeExample(source: string): App {
  const js = ts.transpileModule(`${source}\nexports.__app = app;`, { compilerOptions: { module: ts.ModuleKind.CommonJS } }).outputText;
  const exports: { __app?: App } = {};
  const localRequire = (name: string) => (name === 'cdk-amplify-backend' ? library : requireHere(name));
  new Function('exports', 'require', js)(exports, localRequire);
  return exports.__app!;
}
