// The false-alarm rates and the power of trackingAlarm (issue 19, capability 7; docs/decisions.md, "Model
// drift") on cohorts of CDNOW's size drawn from a fit with simulateCustomers (seeded): 2357 customers born
// over the first 12 weeks (by day, or by whole week with `weeks`), tracked to week 78. Prints, for the
// model's variance and for Poisson's, the band's per-period rate, the share of cohorts the CUSUM alarms in
// within the watched weeks against the share independent N(0, 1) residuals give, and, with a 20% fall in
// the rate after week 50, the detection delay. Also the CPU time of cumulativeTracking's covariance.
//   npx tsup --silent && node scripts/bench/trackingAlarmRates.mjs [bgNbd|paretoNbd] [COHORTS=200] [SEED=7] [days|weeks] [START=39]
import { cumulativeTracking, simulateCustomers, trackingAlarm } from '../../dist/index.js';

const [
  modelArgument = 'bgNbd',
  cohortsArgument = '200',
  seedArgument = '7',
  birthsBy = 'days',
  startArgument = '39',
] = process.argv.slice(2);
const fits = {
  bgNbd: { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } },
  paretoNbd: { model: 'paretoNbd', params: { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 } },
};
const fit = fits[modelArgument];
const cohorts = Number(cohortsArgument);
const seed = Number(seedArgument);
const start = Number(startArgument);
const size = 2357;
const weeks = 78;
const dropAfter = 50;
const births = Array.from({ length: size }, (_, i) =>
  birthsBy === 'weeks' ? Math.floor((i * 12) / size) : Math.floor((i * 84) / size) / 7,
);
const times = Array.from({ length: weeks }, (_, k) => k + 1);

/** mulberry32 on (0, 1), the generator of src/math/random.ts, so that the draws are the tests' draws. */
function seededUniform(start) {
  let state = start >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4_294_967_296;
  };
}

const before = process.cpuUsage();
const tracking = cumulativeTracking(fit, { births, times, covariance: true });
const cpu = process.cpuUsage(before);
console.log(`covariance: ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU`);

/** Per cohort, the repeat purchases of each week; with `drop`, a purchase after week 50 kept with 0.8. */
function draw(drop) {
  const simulated = simulateCustomers(fit, {
    customers: size * cohorts,
    T: Array.from({ length: size * cohorts }, (_, i) => weeks - births[i % size]),
    seed: drop ? seed + 4 : seed,
  });
  const keep = seededUniform((drop ? seed + 4 : seed) + 1);
  const counts = Array.from({ length: cohorts }, () => new Array(weeks).fill(0));
  for (const { customerId, time } of simulated.transactions) {
    if (time === 0) continue;
    const customer = Number(customerId.slice(1)) - 1;
    const week = births[customer % size] + time;
    if (drop && week > dropAfter && keep() < 0.2) continue;
    counts[Math.floor(customer / size)][Math.min(weeks, Math.ceil(week)) - 1]++;
  }
  return counts;
}

/** The share of `runs` runs of independent N(0, 1) residuals over `periods` on which the CUSUM alarms. */
function normalShare(periods, runs, direction) {
  const uniform = seededUniform(3);
  const points = Array.from({ length: periods }, (_, i) => ({
    time: i + 1,
    expected: 1e6 * (i + 1),
    actual: null,
  }));
  let alarms = 0;
  for (let run = 0; run < runs; run++) {
    const counts = points.map(
      () => 1e6 + 1e3 * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()),
    );
    if (
      trackingAlarm(points, counts, { actualCounts: 'perPeriod', variance: 'poisson', direction }).firstAlarm
    )
      alarms++;
  }
  return alarms / runs;
}

const watched = weeks - start;
const inControl = draw(false);
for (const variance of ['model', 'poisson']) {
  let outside = 0;
  for (const counts of inControl) {
    const band = trackingAlarm(tracking, counts, {
      actualCounts: 'perPeriod',
      start,
      method: 'band',
      variance,
    });
    outside += band.periods.filter((period) => period.alarm).length;
  }
  const shares = ['both', 'below'].map(
    (direction) =>
      inControl.filter(
        (counts) =>
          trackingAlarm(tracking, counts, { actualCounts: 'perPeriod', start, direction, variance })
            .firstAlarm,
      ).length / cohorts,
  );
  console.log(
    `${variance}: band ${(outside / (cohorts * watched)).toFixed(4)} a period; CUSUM alarms in ${shares[0].toFixed(3)} of cohorts (below only ${shares[1].toFixed(3)})`,
  );
}
console.log(
  `independent N(0, 1) residuals over ${watched} periods: CUSUM alarms in ${normalShare(watched, 20000, 'both').toFixed(3)} (below only ${normalShare(watched, 20000, 'below').toFixed(3)})`,
);
if (start < dropAfter) {
  const dropping = draw(true);
  for (const direction of ['both', 'below']) {
    const delays = [];
    let early = 0;
    let missed = 0;
    for (const counts of dropping) {
      const { firstAlarm } = trackingAlarm(tracking, counts, { actualCounts: 'perPeriod', start, direction });
      if (firstAlarm === null) missed++;
      else if (firstAlarm.time <= dropAfter) early++;
      else delays.push(firstAlarm.time - dropAfter);
    }
    delays.sort((x, y) => x - y);
    const at = (fraction) => delays[Math.floor(fraction * (delays.length - 1))];
    console.log(
      `20% fall after week ${dropAfter}, ${direction}: ${early} alarms before it, ${missed} never; delay median ${at(0.5)}, 90% within ${at(0.9)}, at most ${delays.at(-1)} weeks`,
    );
  }
}
