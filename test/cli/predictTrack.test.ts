import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exponentialDraw, gammaDraw, seededUniform } from '../../src/math/random';
import { cli, directory, file } from '../helpers/cli';
import { CDNOW_MASTER_OPTIONS, hasSharedData, SHARED_DATA, SKIP_MESSAGE } from '../helpers/sharedData';

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);

/**
 * A shop of 800 customers drawn from a BG/NBD process (seeded): each first buys on one of the first 70
 * days, then at Gamma(0.8)-distributed rates of about 0.5 a week, leaving after each purchase with
 * probability 0.15, up to day 330. With `dropAfter`, purchases after that day are kept with probability
 * 0.5 only: a 50% fall in demand.
 */
function shop(dropAfter?: number): string {
  const uniform = seededUniform(19);
  const lines = ['customerId,at,amount'];
  const at = (day: number): string => new Date(START + day * DAY).toISOString();
  for (let c = 0; c < 800; c++) {
    const first = Math.floor(uniform() * 70) + 0.5;
    lines.push(`c${c},${at(first)},10.00`);
    const weeklyRate = 0.6 * gammaDraw(uniform, 0.8);
    let day = first;
    for (;;) {
      day += (7 * exponentialDraw(uniform)) / weeklyRate;
      if (day > 330) break;
      if (dropAfter === undefined || day <= dropAfter || uniform() < 0.5)
        lines.push(`c${c},${at(day)},10.00`);
      if (uniform() < 0.15) break;
    }
  }
  return `${lines.join('\n')}\n`;
}

describe('patronage predict --track', () => {
  const steady = file('track-steady.csv', shop());
  const dropping = file('track-drop.csv', shop(200));
  const end = new Date(START + 200 * DAY).toISOString().slice(0, 10);

  it('writes the drift check to standard error and leaves the rows as they were', async () => {
    const plain = await cli(['predict', dropping, '--observation-end', end]);
    const tracked = await cli(['predict', dropping, '--observation-end', end, '--track']);
    expect(tracked.code).toBe(0);
    expect(tracked.out).toBe(plain.out);
    expect(tracked.err).toMatch(
      /^patronage: Drift check \(alarm\): refit due since week \d+: purchases \d+% below the model over weeks 2[89](\.\d+)?–\d+(\.\d+)? \(CUSUM, false-alarm rate 0\.01 a period\)\.\n$/,
    );
  }, 60_000);

  it('a halved demand alarms no later, and reads a larger shortfall, than the steady shop', async () => {
    const week = (text: string): number | null => {
      const match = /refit due since week (\d+)/.exec(text);
      return match === null ? null : Number(match[1]);
    };
    const gap = (text: string): number => {
      const match = /purchases (\d+(?:\.\d)?)% (below|above)/.exec(text);
      return match === null ? Number.NaN : Number(match[1]) * (match[2] === 'below' ? -1 : 1);
    };
    const a = await cli(['predict', steady, '--observation-end', end, '--track']);
    const b = await cli(['predict', dropping, '--observation-end', end, '--track']);
    expect(gap(b.err)).toBeLessThan(gap(a.err) - 30);
    const steadyWeek = week(a.err);
    if (steadyWeek !== null) expect(week(b.err) as number).toBeLessThanOrEqual(steadyWeek);
  }, 60_000);

  it('raises no alarm on the steady shop, drawn from the model it is fitted with', async () => {
    const tracked = await cli(['predict', steady, '--observation-end', end, '--track']);
    expect(tracked.err).toMatch(
      /^patronage: Drift check \(no alarm\): no refit due: purchases \d+(\.\d)?% (below|above) the model/,
    );
  }, 60_000);

  it('refuses --track without --observation-end, on standard input, or with nothing after the end', async () => {
    const noEnd = await cli(['predict', dropping, '--track']);
    expect(noEnd.code).toBe(2);
    expect(noEnd.err).toContain('--track needs --observation-end DATE');
    const stdin = await cli(['predict', '-', '--observation-end', end, '--track'], shop());
    expect(stdin.code).toBe(2);
    expect(stdin.err).toContain('give a FILE, not standard input');
    const late = await cli(['predict', dropping, '--observation-end', '2025-06-01', '--track']);
    expect(late.code).toBe(2);
    expect(late.err).toContain('no transactions after --observation-end');
    const value = await cli(['predict', dropping, '--observation-end', end, '--track=yes']);
    expect(value.code).toBe(2);
  }, 60_000);
});

describe.skipIf(!hasSharedData)(
  `patronage predict --track on CDNOW_master (${hasSharedData ? 'published data' : SKIP_MESSAGE})`,
  () => {
    it('says what the report says on the same split (FHL 2005: calibration to 1997-09-30, weeks)', async () => {
      const input = [join(SHARED_DATA, 'CDNOW_master.txt'), ...CDNOW_MASTER_OPTIONS, '--unit', 'week'];
      const tracked = await cli([
        'predict',
        ...input,
        '--observation-end',
        '1997-09-30',
        '--track',
        '--out',
        join(directory, 'cdnow-predict.csv'),
      ]);
      const out = join(directory, 'cdnow-report.html');
      const report = await cli(['report', ...input, '--calibration-end', '1997-09-30', '--out', out]);
      expect(report.code).toBe(0);
      const sentence = /Drift check[^<]*/.exec(readFileSync(out, 'utf8'))?.[0];
      // with the model's covariance since session 33 (Poisson variance gave the same week)
      expect(sentence).toBe(
        'Drift check (alarm): refit due since week 43: purchases 17% above the model over weeks 39–78 (CUSUM, false-alarm rate 0.01 a period).',
      );
      expect(tracked.err).toBe(`patronage: ${sentence}\n`);
    }, 120_000);
  },
);
