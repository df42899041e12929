import { createRequire } from 'module';
import { App } from 'aws-cdk-lib';
import * as ts from 'typescript';
import * as library from '../src';

const requireHere = createRequire(__filename);

/**
 * Runs a README example with `cdk-amplify-backend` resolved to this repository's sources, giving it the values
 * it only declares (`declare const stack: Stack`) by name; returns its `app`, if it makes one.
 */
export function runReadmeExample(source: string, declared: Record<string, unknown> = {}): App {
  const js = ts.transpileModule(`${source}\nexports.__app = typeof app === 'undefined' ? undefined : app;`,
    { compilerOptions: { module: ts.ModuleKind.CommonJS } }).outputText;
  const exports: { __app?: App } = {};
  const localRequire = (name: string) => (name === 'cdk-amplify-backend' ? library : requireHere(name));
  new Function('exports', 'require', ...Object.keys(declared), js)(exports, localRequire, ...Object.values(declared));
  return exports.__app!;
}
