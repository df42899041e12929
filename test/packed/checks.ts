/** test:packed's checks: each one that holds is printed; the first that does not stops the run with what it saw. */
import { Ran } from './shell';

/** A check that did not hold, or a README that is not as the test expects. */
export class PackedFailure extends Error {}

/** The checks that held, in order. */
export const passed: string[] = [];

/** Prints `message` if `ok`; otherwise throws, with what `ran` printed and `detail`. */
export function check(ok: boolean, message: string, ran?: Ran, detail = ''): void {
  if (!ok) {
    const output = ran ? `\n--- ${ran.command} (exit ${ran.code})\n--- stdout\n${ran.stdout}\n--- stderr\n${ran.stderr}` : '';
    throw new PackedFailure(`${message}${detail ? `\n${detail}` : ''}${output}`);
  }
  passed.push(message);
  console.log(`  ok  ${message}`);
}

/** The lines `local deploy` prints for its outputs, `<Stack>.<Output> = <value>`, by `Stack.Output`. */
export function outputs(stdout: string): Map<string, string> {
  return new Map([...stdout.matchAll(/^ {5}(\S+)\s+= (.*)$/gm)].map(([, name, value]) => [name, value]));
}
