import { SOAK_FAULT_KINDS } from './faults';
import { formatFigures, formatViolation } from './figures';
import { runSoak } from './soak';

// The SDK warns once per process that Node 20 will lose support; it is noise in test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** Replay a run with SOAK_SEED=<seed>; SOAK_LIFECYCLES runs more (or fewer) lifecycles. */
const SEED = Number(process.env.SOAK_SEED ?? 20260501);
const LIFECYCLES = Number(process.env.SOAK_LIFECYCLES ?? 200);
const MIN_PER_FAULT_KIND = 10;

jest.setTimeout(120_000);

describe('fault-injection soak', () => {
  test(`${LIFECYCLES} randomized lifecycles under injected faults keep every invariant (seed ${SEED})`, async () => {
    const figures = await runSoak({ seed: SEED, lifecycles: LIFECYCLES, concurrency: 20, timeScale: 0.01, jobDurationMs: 15 });
    process.stdout.write(`\n${formatFigures(figures)}\n\n`);

    expect(figures.violations.slice(0, 5).map(formatViolation)).toEqual([]);
    expect(figures.violations).toHaveLength(0);
    expect(figures.stuckDeletes).toBe(0);
    expect(figures.lifecycles).toBeGreaterThanOrEqual(Math.min(LIFECYCLES, 200));
    if (LIFECYCLES >= 200) {
      for (const kind of SOAK_FAULT_KINDS) expect(`${kind} ${figures.faults[kind]}`).toBe(`${kind} ${Math.max(figures.faults[kind], MIN_PER_FAULT_KIND)}`);
    }
  });
});
