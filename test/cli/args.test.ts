import { ArgsSpec, parseArgs, ParsedArgs, UsageError } from '../../cli/args';

const SPEC: ArgsSpec = {
  positionals: [{ name: 'jobId', description: 'The job id' }],
  options: [
    { name: 'app-id', kind: 'string', placeholder: '<id>', description: 'App', required: true },
    { name: 'status', kind: 'string', placeholder: '<status>', description: 'Status' },
    { name: 'interval', kind: 'number', placeholder: '<seconds>', description: 'Interval', default: '5', number: { integer: false, min: 0, exclusive: true } },
    { name: 'max-items', kind: 'number', placeholder: '<n>', description: 'Max', number: { integer: true, min: 1 } },
    { name: 'json', kind: 'flag', description: 'JSON' },
    { name: 'bucket', kind: 'list', placeholder: '<name>', description: 'Bucket', check: (v) => (v.includes('_') ? 'no underscores.' : undefined) },
  ],
};

function parsed(argv: string[]): ParsedArgs {
  const result = parseArgs(argv, SPEC);
  if (result.help) throw new Error('expected arguments, got help');
  return result.args;
}

function problem(argv: string[]): string {
  try {
    parseArgs(argv, SPEC);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error(`expected a UsageError for ${argv.join(' ')}`);
}

describe('the argument parser', () => {
  test('reads values given as --name value and --name=value, flags, repeated list values and the positional', () => {
    const args = parsed(['job-1', '--app-id', 'd1', '--status=FAILED', '--json', '--bucket', 'a', '--bucket=b', '--max-items', '12']);
    expect(args.positionals).toEqual(['job-1']);
    expect(args.text('app-id')).toBe('d1');
    expect(args.optionalText('status')).toBe('FAILED');
    expect(args.flag('json')).toBe(true);
    expect(args.list('bucket')).toEqual(['a', 'b']);
    expect(args.optionalNumber('max-items')).toBe(12);
  });

  test('fills in defaults and leaves absent options empty', () => {
    const args = parsed(['job-1', '--app-id', 'd1']);
    expect(args.number('interval')).toBe(5);
    expect(args.optionalText('status')).toBeUndefined();
    expect(args.optionalNumber('max-items')).toBeUndefined();
    expect(args.flag('json')).toBe(false);
    expect(args.list('bucket')).toEqual([]);
  });

  test('options may come before the positional, and everything after -- is positional', () => {
    expect(parsed(['--app-id', 'd1', '--', '--job']).positionals).toEqual(['--job']);
    expect(parsed(['--app-id', 'd1', 'job-1']).positionals).toEqual(['job-1']);
  });

  test('-h or --help anywhere before -- asks for help, even among bad arguments', () => {
    expect(parseArgs(['--nope', '-h'], SPEC)).toEqual({ help: true });
    expect(parseArgs(['--help'], SPEC)).toEqual({ help: true });
    expect(parseArgs(['--app-id', 'd1', '--', '--help'], SPEC)).toMatchObject({ help: false });
  });

  test.each([
    [['job-1', '--app-id', 'd1', '--nope'], 'Unknown option --nope. Options: --app-id, --status, --interval, --max-items, --json, --bucket, --help.'],
    [['job-1'], 'Missing required option: --app-id <id>.'],
    [['--app-id', 'd1'], 'Missing <jobId>: the job id.'],
    [['job-1', 'job-2', '--app-id', 'd1'], 'Unexpected argument "job-2": this command takes <jobId> only.'],
    [['job-1', '--app-id'], '--app-id needs a value: --app-id <id>.'],
    [['job-1', '--app-id', '--json'], '--app-id needs a value: --app-id <id>.'],
    [['job-1', '--app-id', 'd1', '--app-id', 'd2'], '--app-id was given more than once; give it once.'],
    [['job-1', '--app-id', 'd1', '--json=yes'], '--json takes no value; got "--json=yes".'],
    [['job-1', '--app-id', ''], '--app-id must not be empty.'],
    [['job-1', '--app-id', 'd1', '--interval', 'soon'], 'Invalid --interval "soon": use a number greater than 0.'],
    [['job-1', '--app-id', 'd1', '--interval', '0'], 'Invalid --interval "0": use a number greater than 0.'],
    [['job-1', '--app-id', 'd1', '--interval', '-2'], 'Invalid --interval "-2": use a number greater than 0.'],
    [['job-1', '--app-id', 'd1', '--max-items', '1.5'], 'Invalid --max-items "1.5": use a whole number of 1 or more.'],
    [['job-1', '--app-id', 'd1', '--max-items', '0x10'], 'Invalid --max-items "0x10": use a whole number of 1 or more.'],
    [['job-1', '--app-id', 'd1', '--bucket', 'ok', '--bucket', 'not_ok'], 'Invalid --bucket "not_ok": no underscores.'],
  ])('%j is refused: %s', (argv, message) => {
    expect(problem(argv)).toBe(message);
  });

  test('fractional numbers are read where the rule allows them', () => {
    expect(parsed(['job-1', '--app-id', 'd1', '--interval', '0.25']).number('interval')).toBe(0.25);
  });

  test('reading an option the spec does not declare, or as another kind, is a bug that throws', () => {
    const args = parsed(['job-1', '--app-id', 'd1']);
    expect(() => args.optionalText('nope')).toThrow(/has no such option/);
    expect(() => args.flag('status')).toThrow(/says string/);
    expect(() => args.text('status')).toThrow(/neither required nor defaulted/);
  });
});
