// DuckDB's side of the CLI figures of issue 14, end to end in its own process: read_csv of a user's export
// (header customerId,at,amount, ISO times, decimal amounts), the same table as `patronage <command>`
// (summary: unit day, the end of observation at the last transaction; cohorts: month; retention: month,
// active within 90 days), written as CSV to /dev/null as the CLI's --out /dev/null does.
//   node scripts/bench/duckdbCsv.mjs summary|cohorts|retention <export csv>
import { DuckDBInstance } from '@duckdb/node-api';

const [command, csv] = process.argv.slice(2);
const source = `(SELECT customerId, "at", amount FROM read_csv('${csv}', header = true, columns = {'customerId': 'VARCHAR', 'at': 'TIMESTAMP', 'amount': 'DECIMAL(18,2)'}))`;
const queries = {
  // frequency = distinct days − 1, recency and T in days, monetaryValue = mean of the repeat days' totals
  summary: `
    WITH d AS (SELECT customerId, "at"::DATE AS day, SUM(amount) AS amount FROM ${source} GROUP BY ALL),
    e AS (SELECT MAX(day) AS end_day FROM d),
    s AS (SELECT customerId, COUNT(*) - 1 AS frequency, MIN(day) AS first_day, MAX(day) AS last_day,
                 SUM(amount) AS total, arg_min(amount, day) AS first_amount FROM d GROUP BY customerId)
    SELECT customerId, frequency, last_day - first_day AS recency, end_day - first_day AS T,
           CASE WHEN frequency > 0 THEN (total - first_amount)::DOUBLE / frequency ELSE 0 END AS monetaryValue
    FROM s, e ORDER BY customerId`,
  // per cohort (month of the first purchase) and months since: active customers and revenue
  cohorts: `
    WITH m AS (SELECT customerId, date_trunc('month', "at")::DATE AS month, SUM(amount) AS revenue FROM ${source} GROUP BY ALL),
    f AS (SELECT customerId, MIN(month) AS cohort FROM m GROUP BY customerId)
    SELECT strftime(f.cohort, '%Y-%m') AS cohort, date_diff('month', f.cohort, m.month) AS k,
           COUNT(*) AS customers, SUM(m.revenue) AS revenue
    FROM m JOIN f USING (customerId) GROUP BY ALL ORDER BY 1, 2`,
  // per month: active at the start (a purchase in the 90 days before it), at the end (in its last 90 days),
  // acquired, reactivated, retained, revenue split by the month of the first purchase
  retention: `
    WITH d AS (SELECT customerId, "at"::DATE AS day, SUM(amount) AS amount FROM ${source} GROUP BY ALL),
    f AS (SELECT customerId, date_trunc('month', MIN(day))::DATE AS first_month FROM d GROUP BY customerId),
    p AS (SELECT range::DATE AS s, (range + INTERVAL 1 MONTH)::DATE - 1 AS e
          FROM range((SELECT date_trunc('month', MIN(day)) FROM d), (SELECT MAX(day) FROM d) + INTERVAL 1 DAY, INTERVAL 1 MONTH)),
    flags AS (SELECT d.customerId, p.s, bool_or(d.day BETWEEN p.s - 90 AND p.s - 1) AS at_start,
                     bool_or(d.day BETWEEN p.e - 89 AND p.e) AS at_end
              FROM d JOIN p ON d.day BETWEEN p.s - 90 AND p.e GROUP BY ALL),
    counts AS (SELECT flags.s, COUNT(*) FILTER (at_start) AS customersAtStart, COUNT(*) FILTER (at_end) AS customersAtEnd,
                      COUNT(*) FILTER (at_end AND NOT at_start AND f.first_month = flags.s) AS acquired,
                      COUNT(*) FILTER (at_end AND NOT at_start AND f.first_month <> flags.s) AS reactivated,
                      COUNT(*) FILTER (at_start AND at_end) AS retained
               FROM flags JOIN f USING (customerId) GROUP BY flags.s),
    rev AS (SELECT date_trunc('month', day)::DATE AS s, SUM(amount) AS revenue,
                   COALESCE(SUM(amount) FILTER (WHERE date_trunc('month', day)::DATE = f.first_month), 0) AS newRevenue
            FROM d JOIN f USING (customerId) GROUP BY 1)
    SELECT strftime(p.s, '%Y-%m') AS period, COALESCE(customersAtStart, 0) AS customersAtStart,
           COALESCE(customersAtEnd, 0) AS customersAtEnd, COALESCE(acquired, 0) AS acquired,
           COALESCE(reactivated, 0) AS reactivated, COALESCE(retained, 0) AS retained,
           COALESCE(customersAtStart, 0) - COALESCE(retained, 0) AS lost,
           retained / NULLIF(customersAtStart, 0) AS retention, 1 - retained / NULLIF(customersAtStart, 0) AS churn,
           COALESCE(revenue, 0) AS revenue, COALESCE(newRevenue, 0) AS newRevenue,
           COALESCE(revenue, 0) - COALESCE(newRevenue, 0) AS returningRevenue
    FROM p LEFT JOIN counts USING (s) LEFT JOIN rev USING (s) ORDER BY p.s`,
};
const query = queries[command];
if (query === undefined || csv === undefined)
  throw new Error('usage: duckdbCsv.mjs summary|cohorts|retention <csv>');
const out = process.env.DUCKDB_CSV_OUT ?? '/dev/null';
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run(`COPY (${query}) TO '${out}' (HEADER, DELIMITER ',')`);
