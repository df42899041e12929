import { CommandNode } from './command';
import { listCommand } from './jobs/list';
import { showCommand } from './jobs/show';
import { updateCommand } from './jobs/update';
import { waitCommand } from './jobs/wait';
import { localCommand } from './local-command';

/** Every command of `cdk-amplify-backend`, in the order help lists them. */
export const COMMANDS: readonly CommandNode[] = [
  {
    kind: 'group',
    name: 'jobs',
    summary: 'Read, wait for and update the jobs of an Amplify backend environment (AmplifyBackend API)',
    commands: [listCommand, showCommand, waitCommand, updateCommand],
  },
  localCommand,
];
