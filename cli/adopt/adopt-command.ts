import * as path from 'node:path';
import type { AmplifyBackendClient } from '@aws-sdk/client-amplifybackend';
import { Command, Option } from 'commander';
import { adoptBackend } from './adopt';
import { checkOutFile, OutFileError, reportAdoption } from './adopt-report';
import { checkClassName } from './declarations';
import { UnknownEnvironmentError } from './live-backend';
import { awsOptions, AwsOptions, withClient } from '../aws-client';
import { CliCommand } from '../command';
import { EXIT } from '../exit-codes';
import { CliIo } from '../io';
import { ValueOption } from '../options';

/** What `adopt` and `local adopt` take besides where the backend is. */
export interface AdoptCommandOptions {
  readonly appId: string;
  readonly environment: string[];
  readonly out?: string;
  readonly className?: string;
  readonly json?: boolean;
}

/** The options of both adopt commands, in the order help lists them. */
export function adoptOptions(): Option[] {
  return [
    new ValueOption('--app-id <id>', 'The Amplify app whose backend to declare').makeOptionMandatory(),
    new ValueOption('--environment <name>', 'Declare only this environment. Default: every environment of the app', { repeatable: true }),
    new ValueOption('--out <file>', 'Write the module to this file (a new file, or one adopt wrote before). Default: stdout'),
    new ValueOption('--class-name <name>', 'The construct class the module exports. Default: from the app\'s name, e.g. PhotoShareBackend', { check: checkClassName }),
    new Option('--json', 'Print one JSON document on stdout: what was read, declared and left, the secrets to create, the findings'),
  ];
}

/** The description both adopt commands share: what adopt reads, writes and checks, and its exit codes. */
export const ADOPT_DESCRIPTION = [
  'Reads the Amplify app\'s backend environments and, in each, its auth, storage and GraphQL API, with the AmplifyBackend API\'s read '
  + 'operations only (GetBackend, GetBackendAuth, GetBackendStorage, GetBackendAPI, GetBackendAPIModels), and writes one TypeScript module '
  + 'that exports a construct class declaring them with the library\'s public API: each environment (RemovalPolicy.RETAIN), created auth, '
  + 'storage and API with every live setting, imported auth and storage as imports, each with adopt: true, so that the first deploy takes '
  + 'it over as it is. An API\'s schema goes to <module>.<environment>.graphql beside --out (inline without --out).',
  'Before writing, it checks its own output: the declarations are synthesized in this process with the library and aws-cdk-lib of '
  + 'the folder it runs in, and each resource is compared field by field with the live backend, and decided by the handler\'s own '
  + 'code, which must call nothing. If anything would change on the first deploy, nothing is written: it names the resource, the '
  + 'field, the declared and the live value.',
  'Social sign-in secrets are never read: they become Secrets Manager references with generated names, listed on stderr as secrets '
  + 'to create. Categories the library does not declare (functions, hosting, ...) are listed as comments in the module and on '
  + 'stderr: left as they are, not declared.',
  'Exit 0 when the module was written; 1 when the self-check found a change (nothing written) or a call failed; 2 for bad arguments '
  + '(an --environment the app does not have, an --out that is not adopt\'s); 4 for an incomplete AWS configuration and 5 for an '
  + 'endpoint that does not answer, as the jobs commands.',
];

/** Runs adopt against the backend `client` reaches, checking --out first; returns the exit code. */
export async function runAdopt(client: AmplifyBackendClient, options: AdoptCommandOptions, io: CliIo): Promise<number> {
  try {
    checkOutFile(options.out, io.cwd);
    const { appId, environment: environments, className } = options;
    const moduleName = options.out === undefined ? undefined : path.basename(options.out).replace(/\.[cm]?tsx?$/, '');
    const adoption = await adoptBackend(client, { appId, environments, className, moduleName, now: io.now });
    return reportAdoption(adoption, { out: options.out, json: options.json === true }, io);
  } catch (error) {
    if (!(error instanceof UnknownEnvironmentError) && !(error instanceof OutFileError)) throw error;
    io.stderr(`${error.message}\n`);
    return EXIT.usage;
  }
}

/** `adopt`: the declarations of a live backend, checked against it before they are written. */
export const adoptCommand: CliCommand<AdoptCommandOptions & AwsOptions> = {
  define: () => {
    const command = new Command('adopt')
      .summary('Write the declarations of an existing Amplify backend, checked to change nothing on the first deploy')
      .description(ADOPT_DESCRIPTION.join('\n\n'));
    for (const option of [...adoptOptions(), ...awsOptions()]) command.addOption(option);
    return command;
  },
  run: (options, _args, io) => withClient(options, (client) => runAdopt(client, options, io)),
};
