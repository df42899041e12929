import { dependencyOrder, locationOf, selectStacks } from '../../cli/local/app';
import { StackArtifact } from '../../local/runner';

/** A stack as the selection reads it: a name, the stacks it depends on, and its `env`. */
const stack = (name: string, dependencies: string[] = [], environment: StackArtifact['environment'] = {}) =>
  ({ name, dependencies, environment, template: { Resources: {} }, assets: new Map() }) as StackArtifact;

// Envs <- Storage <- Api; Other stands alone.
const STACKS = [stack('Envs'), stack('Storage', ['Envs']), stack('Api', ['Storage']), stack('Other')];
const names = (stacks: readonly StackArtifact[]) => stacks.map((s) => s.name);

describe('which stacks a local command works on, and where', () => {
  test('--stack picks stacks as cdk does: deploy adds what they depend on, destroy what depends on them, diff only them', () => {
    expect(names(selectStacks(STACKS, [], 'upstream'))).toEqual(['Envs', 'Storage', 'Api', 'Other']);
    expect(names(selectStacks(STACKS, ['Api'], 'upstream'))).toEqual(['Envs', 'Storage', 'Api']);
    expect(names(selectStacks(STACKS, ['Envs'], 'downstream'))).toEqual(['Envs', 'Storage', 'Api']);
    expect(names(selectStacks(STACKS, ['Storage', 'Other'], 'none'))).toEqual(['Storage', 'Other']);
    expect(() => selectStacks(STACKS, ['Envs', 'Nope'], 'none')).toThrow('No stack "Nope"; the stacks: Envs, Storage, Api, Other.');
  });

  test('saved stacks, read in any order, are put back in dependency order', () => {
    expect(names(dependencyOrder([STACKS[2], STACKS[3], STACKS[1], STACKS[0]]))).toEqual(['Envs', 'Storage', 'Api', 'Other']);
  });

  test('the stacks\' env is the location; agnostic stacks get the local defaults; two Regions cannot share one emulated account', () => {
    expect(locationOf([stack('A'), stack('B', [], { region: 'eu-west-1' })])).toEqual({ account: '123456789012', region: 'eu-west-1' });
    expect(locationOf([stack('A')])).toEqual({ account: '123456789012', region: 'us-east-1' });
    expect(() => locationOf([stack('A', [], { region: 'eu-west-1' }), stack('B', [], { region: 'us-east-1' }), stack('C')]))
      .toThrow('The stacks name different Regions: A (eu-west-1), B (us-east-1), C (any). One local stack emulates one account in one Region: '
        + 'pick stacks of one with --stack, and give each its own --state-dir.');
  });
});
