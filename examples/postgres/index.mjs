// PostgreSQL: an orders table in, RFM scores and segments out, written back to a customer_segments
// table that a CRM can join on; then the same summary computed inside PostgreSQL by the SQL that
// patronage/sql writes, and the histogram a fit needs, checked against patronage's own to the last bit;
// then the customers scored inside PostgreSQL (scoreSql) and in pages by key (scoreBatches), written back. Connection from the usual PG* environment variables (PGHOST, PGPORT,
// PGUSER, PGPASSWORD, PGDATABASE).
//   cd examples/postgres && npm install && node index.mjs
// .ci/run starts a throwaway PostgreSQL on 127.0.0.1 and runs this.
import assert from 'node:assert/strict';
import {
  calibrationHoldoutSummary,
  cohortRetention,
  fitBgNbd,
  fitMbgNbd,
  periodRetention,
  rfmScores,
  rfmSummary,
  scoreBatches,
  scoreCustomers,
} from 'patronage';
import {
  calibrationHoldoutSummarySql,
  cohortRetentionSql,
  cohortRowsFromSql,
  periodRetentionSql,
  periodRowsFromSql,
  rfmHistogramSql,
  rfmSummarySql,
  scoreSql,
} from 'patronage/sql';
import pg from 'pg';

const client = new pg.Client();
await client.connect();
try {
  // --- a shop's orders (in a real system this table exists already)
  await client.query('DROP VIEW IF EXISTS orders_by_region');
  await client.query('DROP TABLE IF EXISTS orders, customer_segments');
  await client.query(`CREATE TABLE orders (
    order_id BIGINT PRIMARY KEY,
    customer_id TEXT NOT NULL,
    ordered_at TIMESTAMPTZ NOT NULL,
    total NUMERIC(12, 2) NOT NULL CHECK (total >= 0)
  )`);
  const DAY = 86_400_000;
  const start = Date.UTC(2025, 0, 1);
  const values = [];
  let id = 0;
  for (let c = 0; c < 800; c++) {
    const visits = 1 + ((c * 7) % 9 === 0 ? 8 : (c * 13) % 4);
    for (let v = 0; v < visits; v++) {
      const at = start + (((c * 37) % 120) + v * (20 + (c % 30))) * DAY + (c % 24) * 3_600_000;
      values.push([
        ++id,
        `cust-${String(c).padStart(4, '0')}`,
        new Date(at).toISOString(),
        (15 + ((c * 31 + v * 7) % 140)).toFixed(2),
      ]);
    }
  }
  for (let i = 0; i < values.length; i += 500) {
    const batch = values.slice(i, i + 500);
    await client.query(
      `INSERT INTO orders VALUES ${batch.map((_, k) => `($${4 * k + 1}, $${4 * k + 2}, $${4 * k + 3}, $${4 * k + 4})`).join(', ')}`,
      batch.flat(),
    );
  }

  // --- read the orders back (numeric comes as text from pg: parse it; timestamps as Date)
  const { rows: orders } = await client.query(
    'SELECT customer_id, ordered_at, total::text AS total FROM orders ORDER BY ordered_at',
  );
  const transactions = orders.map((row) => ({
    customerId: row.customer_id,
    at: row.ordered_at,
    amount: Number(row.total),
  }));
  const observationEnd = '2025-12-31T23:59:59Z';
  const scored = rfmScores(rfmSummary(transactions, { unit: 'day', observationEnd }));

  // --- write the scores back in one transaction
  await client.query(`CREATE TABLE customer_segments (
    customer_id TEXT PRIMARY KEY,
    r SMALLINT NOT NULL, f SMALLINT NOT NULL, m SMALLINT NOT NULL,
    segment TEXT NOT NULL,
    scored_at TIMESTAMPTZ NOT NULL
  )`);
  await client.query('BEGIN');
  for (let i = 0; i < scored.length; i += 500) {
    const batch = scored.slice(i, i + 500);
    await client.query(
      `INSERT INTO customer_segments VALUES ${batch.map((_, k) => `($${5 * k + 1}, $${5 * k + 2}, $${5 * k + 3}, $${5 * k + 4}, $${5 * k + 5}, now())`).join(', ')}`,
      batch.flatMap((row) => [row.customerId, row.r, row.f, row.m, row.segment]),
    );
  }
  await client.query('COMMIT');

  // --- what the CRM sees
  const { rows: sizes } = await client.query(
    'SELECT segment, count(*)::int AS customers FROM customer_segments GROUP BY segment ORDER BY customers DESC, segment',
  );
  const { rows: check } = await client.query(
    'SELECT count(*)::int AS n FROM customer_segments s JOIN (SELECT DISTINCT customer_id FROM orders) o USING (customer_id)',
  );
  assert.equal(check[0].n, scored.length);
  assert.equal(scored.length, 800);
  console.log(
    `${orders.length} orders of ${scored.length} customers scored; segments written to customer_segments:`,
  );
  for (const row of sizes) console.log(`  ${row.segment.padEnd(20)} ${row.customers}`);

  // --- the summary inside PostgreSQL (patronage/sql), equal to rfmSummary's rows number for number
  const spec = {
    dialect: 'postgres',
    table: 'orders',
    customerId: 'customer_id',
    at: 'ordered_at',
    amount: 'total',
    unit: 'week',
    observationEnd,
  };
  const inProcess = rfmSummary(transactions, { unit: 'week', observationEnd });
  const { rows: inDatabase } = await client.query(
    `SELECT * FROM (${rfmSummarySql(spec)}) s ORDER BY customer_id COLLATE "C"`,
  );
  assert.deepEqual(
    inDatabase.map((row) => ({
      customerId: row.customer_id,
      frequency: Number(row.frequency), // count(*) is BIGINT, which pg hands over as text
      recency: row.recency,
      T: row.T,
      monetaryValue: row.monetary_value,
    })),
    inProcess.map(({ customerId, frequency, recency, T, monetaryValue }) => ({
      customerId,
      frequency,
      recency,
      T,
      monetaryValue,
    })),
  );
  // --- the histogram a fit needs (distinct rows and counts): its fit is the customers' fit, bit for bit
  const { rows: histogram } = await client.query(rfmHistogramSql(spec));
  const fromDatabase = fitBgNbd({
    frequency: histogram.map((row) => Number(row.frequency)),
    recency: histogram.map((row) => row.recency),
    T: histogram.map((row) => row.T),
    weight: histogram.map((row) => Number(row.weight)),
  });
  assert.equal(JSON.stringify(fromDatabase), JSON.stringify(fitBgNbd(inProcess)));
  // --- the calibration/holdout split inside PostgreSQL, equal to calibrationHoldoutSummary's rows
  const split = { ...spec, calibrationEnd: '2025-09-30' };
  const { rows: splitInDatabase } = await client.query(
    `SELECT * FROM (${calibrationHoldoutSummarySql(split)}) s ORDER BY customer_id COLLATE "C"`,
  );
  assert.deepEqual(
    splitInDatabase.map((row) => ({
      customerId: row.customer_id,
      frequency: Number(row.frequency_cal),
      recency: row.recency_cal,
      T: row.T_cal,
      monetaryValue: row.monetary_value_cal,
      frequencyHoldout: Number(row.frequency_holdout),
      monetaryValueHoldout: row.monetary_value_holdout,
      durationHoldout: row.duration_holdout,
    })),
    calibrationHoldoutSummary(transactions, {
      unit: 'week',
      calibrationEnd: '2025-09-30',
      observationEnd,
    }).map((row) => ({ ...row })),
  );
  console.log(
    `calibrationHoldoutSummarySql in PostgreSQL: ${splitInDatabase.length} calibration customers, every number equal`,
  );
  // --- the cohort table inside PostgreSQL (long form), read back into cohortRetention's rows
  for (const period of ['week', 'month', 'quarter']) {
    const cohortSpec = {
      table: 'orders',
      customerId: 'customer_id',
      at: 'ordered_at',
      amount: 'total',
      period,
      observationEnd,
    };
    const { rows: cells } = await client.query(cohortRetentionSql({ dialect: 'postgres', ...cohortSpec }));
    assert.deepEqual(
      cohortRowsFromSql(cells, { period }),
      cohortRetention(transactions, { period, observationEnd }),
    );
    if (period === 'month') {
      console.log(
        `cohortRetentionSql in PostgreSQL: ${cells.length} cohort cells; by week, month and quarter equal to cohortRetention`,
      );
    }
  }
  // --- the retention series inside PostgreSQL, read back into periodRetention's rows
  for (const [period, activeWithin] of [
    ['week', 28],
    ['month', 90],
    ['quarter', 365],
  ]) {
    const options = { period, activeWithin, observationEnd };
    const source = { table: 'orders', customerId: 'customer_id', at: 'ordered_at', amount: 'total' };
    const { rows: series } = await client.query(
      periodRetentionSql({ dialect: 'postgres', ...source, ...options }),
    );
    assert.deepEqual(periodRowsFromSql(series, { period }), periodRetention(transactions, options));
    if (period === 'month') {
      console.log(
        `periodRetentionSql in PostgreSQL: ${series.length} months; by week, month and quarter equal to periodRetention`,
      );
    }
  }
  // --- the series per segment: a region on the orders (one per customer, none for every seventh)
  await client.query(
    `CREATE OR REPLACE VIEW orders_by_region AS SELECT *, CASE WHEN substr(customer_id, 6)::int % 7 = 0 THEN NULL ELSE (ARRAY['east', 'north', 'west'])[substr(customer_id, 6)::int % 3 + 1] END AS region FROM orders`,
  );
  const regionOf = (id) => {
    const n = Number(String(id).slice(5));
    return n % 7 === 0 ? null : ['east', 'north', 'west'][n % 3];
  };
  {
    const options = { period: 'month', activeWithin: 90, observationEnd };
    const { rows: segmented } = await client.query(
      periodRetentionSql({
        dialect: 'postgres',
        table: 'orders_by_region',
        customerId: 'customer_id',
        at: 'ordered_at',
        amount: 'total',
        segment: 'region',
        ...options,
      }),
    );
    assert.deepEqual(
      periodRowsFromSql(segmented, { period: 'month' }),
      periodRetention(transactions, options),
    );
    const bySegment = periodRowsFromSql(segmented, { period: 'month', segments: true });
    assert.deepEqual(bySegment, periodRetention(transactions, { ...options, segmentOf: regionOf }));
    const segments = new Set(bySegment.map((row) => row.segment)).size;
    console.log(
      `periodRetentionSql with segment in PostgreSQL: ${segments} segments × ${bySegment.length / segments} months and the all-customers series, equal to periodRetention (with and without segmentOf)`,
    );
  }
  // --- the same in a time zone with daylight saving (PostgreSQL's time-zone database against Intl's)
  for (const timeZone of ['America/Santiago', 'Europe/Paris', 'Australia/Lord_Howe']) {
    const zoned = { ...spec, timeZone, mergeWithin: 'week' };
    const { rows: zonedRows } = await client.query(
      `SELECT * FROM (${rfmSummarySql(zoned)}) s ORDER BY customer_id COLLATE "C"`,
    );
    assert.deepEqual(
      zonedRows.map((row) => ({
        customerId: row.customer_id,
        frequency: Number(row.frequency),
        recency: row.recency,
        T: row.T,
        monetaryValue: row.monetary_value,
      })),
      rfmSummary(transactions, { unit: 'week', observationEnd, timeZone, mergeWithin: 'week' }).map(
        (row) => ({ ...row }),
      ),
    );
    const source = {
      table: 'orders',
      customerId: 'customer_id',
      at: 'ordered_at',
      amount: 'total',
      timeZone,
    };
    const { rows: cells } = await client.query(
      cohortRetentionSql({ dialect: 'postgres', ...source, period: 'month' }),
    );
    assert.deepEqual(cohortRowsFromSql(cells), cohortRetention(transactions, { timeZone, period: 'month' }));
    const { rows: series } = await client.query(
      periodRetentionSql({ dialect: 'postgres', ...source, period: 'week', activeWithin: 30 }),
    );
    assert.deepEqual(
      periodRowsFromSql(series, { period: 'week', timeZone }),
      periodRetention(transactions, { timeZone, period: 'week', activeWithin: 30 }),
    );
  }
  console.log(
    'rfmSummarySql, cohortRetentionSql, periodRetentionSql in three time zones with daylight saving: equal',
  );
  // --- scoring inside PostgreSQL (scoreSql) over the summary table, against scoreCustomers in process
  await client.query('DROP TABLE IF EXISTS customer_summary, customer_scores');
  await client.query(`CREATE TABLE customer_summary AS ${rfmSummarySql(spec)}`);
  const horizon = 26; // weeks
  const close = (a, b) => Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(b), 1e-290);
  const scoredInDatabase = {};
  // this synthetic shop's Pareto/NBD fit is degenerate (alpha ~ 1e7): Fader & Hardie's CDNOW fit instead
  const cdnowPareto = { model: 'paretoNbd', params: { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 } };
  for (const fit of [fromDatabase, fitMbgNbd(inProcess), cdnowPareto]) {
    const { rows: sqlScores } = await client.query(
      `SELECT * FROM (${scoreSql(fit, { dialect: 'postgres', table: 'customer_summary', horizon })}) s ORDER BY customer_id COLLATE "C"`,
    );
    const reference = scoreCustomers(fit, inProcess, { horizon });
    assert.equal(sqlScores.length, inProcess.length);
    let written = 0;
    sqlScores.forEach((row, i) => {
      assert.equal(row.customer_id, inProcess[i].customerId);
      if (row.probability_alive !== null)
        assert.ok(close(row.probability_alive, reference.probabilityAlive[i]));
      if (row.expected_purchases === null) return;
      assert.ok(close(row.expected_purchases, reference.expectedPurchases[i]), `${fit.model} row ${i}`);
      written++;
    });
    scoredInDatabase[fit.model] = { rows: sqlScores, written };
  }
  // --- the batch path (scoreBatches): pages of 150 summary rows by key, scored, written back
  async function* pages() {
    let after = '';
    for (;;) {
      const { rows } = await client.query(
        `SELECT customer_id, frequency::int AS frequency, recency, "T" FROM customer_summary
         WHERE customer_id COLLATE "C" > $1 ORDER BY customer_id COLLATE "C" LIMIT 150`,
        [after],
      );
      if (rows.length === 0) return;
      yield rows;
      after = rows[rows.length - 1].customer_id;
    }
  }
  await client.query(`CREATE TABLE customer_scores (
    customer_id TEXT PRIMARY KEY, probability_alive DOUBLE PRECISION NOT NULL, expected_purchases DOUBLE PRECISION NOT NULL
  )`);
  let batches = 0;
  for await (const batch of scoreBatches(fromDatabase, pages(), { horizon })) {
    assert.deepEqual(batch.rejected, []);
    batches++;
    await client.query(
      `INSERT INTO customer_scores VALUES ${batch.rows.map((_, k) => `($${3 * k + 1}, $${3 * k + 2}, $${3 * k + 3})`).join(', ')}`,
      batch.rows.flatMap((row) => [row.customer_id, row.probability_alive, row.expected_purchases]),
    );
  }
  const { rows: written } = await client.query(
    'SELECT * FROM customer_scores ORDER BY customer_id COLLATE "C"',
  );
  const reference = scoreCustomers(fromDatabase, inProcess, { horizon });
  assert.equal(written.length, inProcess.length);
  written.forEach((row, i) => {
    assert.equal(row.probability_alive, reference.probabilityAlive[i]);
    assert.equal(row.expected_purchases, reference.expectedPurchases[i]);
  });
  const { bgNbd, mbgNbd, paretoNbd } = scoredInDatabase;
  console.log(
    `scoreSql in PostgreSQL (horizon ${horizon} weeks): BG/NBD ${bgNbd.written} of ${bgNbd.rows.length} expectations written (the rest NULL), ` +
      `MBG/NBD ${mbgNbd.written}, Pareto/NBD (CDNOW's parameters) ${paretoNbd.written}, each within 1e-12 of scoreCustomers; scoreBatches: ${batches} pages of 150 written back, equal to scoreCustomers`,
  );
  console.log(
    `rfmSummarySql in PostgreSQL: ${inDatabase.length} customers, every number equal to rfmSummary; ` +
      `rfmHistogramSql: ${histogram.length} distinct rows, BG/NBD fit identical (r = ${fromDatabase.params.r.toFixed(4)})`,
  );
} finally {
  await client.end();
}
