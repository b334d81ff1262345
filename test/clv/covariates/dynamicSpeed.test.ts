// The time-varying fit's CPU time against the time-invariant fit on the same customers, alternating, three
// of each (docs/benchmarks.md, "Session 30"). A benchmark, not a test: it runs only with PATRONAGE_BENCH=1,
// under the bench lock:
//   PATRONAGE_BENCH=1 flock /tmp/patronage-bench.lock npx vitest run test/clv/covariates/dynamicSpeed.test.ts
import { describe, expect, it } from 'vitest';
import { fitParetoNbd } from '../../../src/index';
import { apparelPaths, apparelSummary, hasApparelDynamic } from '../../helpers/apparel';
import { simulatedPathRows } from './simulatePaths';

const BENCH = process.env['PATRONAGE_BENCH'] === '1';

function cpu(run: () => unknown): number {
  const started = process.cpuUsage();
  run();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

function report(name: string, runs: Record<string, number[]>): void {
  const median = (values: number[]): number =>
    [...values].sort((a, b) => a - b)[values.length >> 1] as number;
  const [first, second] = Object.entries(runs) as [[string, number[]], [string, number[]]];
  for (const [label, list] of [first, second]) {
    console.log(
      `${name} ${label}: cpu median ${median(list).toFixed(0)} ms [${Math.min(...list).toFixed(0)}–${Math.max(...list).toFixed(0)}]`,
    );
  }
  console.log(`${name} ratio ${second[0]}/${first[0]}: ${(median(second[1]) / median(first[1])).toFixed(2)}`);
}

describe.skipIf(!BENCH)('time-varying fit speed (PATRONAGE_BENCH=1)', { timeout: 3_600_000 }, () => {
  it.skipIf(!hasApparelDynamic)(
    'apparel: static Gender, Channel against dynamic High.Season, Gender, Channel',
    () => {
      const staticRows = apparelSummary(40);
      const pathRows = apparelPaths(40);
      const names = ['High.Season', 'Gender', 'Channel'];
      const runs: Record<string, number[]> = { static: [], dynamic: [] };
      for (let k = 0; k < 3; k++) {
        (runs['static'] as number[]).push(
          cpu(() =>
            fitParetoNbd(staticRows, {
              covariates: { purchase: ['Gender', 'Channel'], dropout: ['Gender', 'Channel'] },
            }),
          ),
        );
        (runs['dynamic'] as number[]).push(
          cpu(() => fitParetoNbd(pathRows, { covariates: { purchase: names, dropout: names } })),
        );
      }
      report('apparel', runs);
      expect(runs['dynamic']?.length).toBe(3);
    },
  );

  it('100k simulated customers: static z against dynamic season (both processes) and z', () => {
    const pathRows = simulatedPathRows(100_000, 3);
    const staticRows = pathRows.map(({ frequency, recency, T, covariates }) => ({
      frequency,
      recency,
      T,
      covariates,
    }));
    const runs: Record<string, number[]> = { static: [], dynamic: [] };
    for (let k = 0; k < 3; k++) {
      (runs['static'] as number[]).push(
        cpu(() => fitParetoNbd(staticRows, { covariates: { purchase: ['z'], dropout: ['z'] } })),
      );
      (runs['dynamic'] as number[]).push(
        cpu(() => fitParetoNbd(pathRows, { covariates: { purchase: ['season', 'z'], dropout: ['season'] } })),
      );
    }
    report('100k', runs);
    expect(runs['dynamic']?.length).toBe(3);
  });
});
