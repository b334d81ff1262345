-- rfmSummarySql
WITH
`local_days` AS (
  SELECT `customer_id` AS `c`, datediff(to_date(from_utc_timestamp(timestamp_millis(unix_millis(`ordered_at`)), 'America/Santiago')), DATE '1970-01-01') AS `day`, CAST(round(`total` * 100) AS BIGINT) AS `cents`
  FROM `orders`
),
`keyed` AS (
  SELECT `c`, `day` AS `period`, `cents` FROM `local_days`
),
`periods` AS (
  SELECT `c`, `period`, sum(`cents`) AS `period_cents`
  FROM `keyed` GROUP BY `c`, `period`
),
`customers` AS (
  SELECT `c`, count(*) AS `n`, min(`period`) AS `first_period`, max(`period`) AS `last_period`,
    sum(`period_cents`) AS `total_cents`, min_by(`period_cents`, `period`) AS `first_cents`
  FROM `periods` WHERE `period` <= 20269 GROUP BY `c`
)
SELECT `c` AS `customer_id`,
  `n` - 1 AS `frequency`,
  CAST((unix_millis(to_utc_timestamp(CAST(date_add(DATE '1970-01-01', `last_period`) AS TIMESTAMP), 'America/Santiago')) - unix_millis(to_utc_timestamp(CAST(date_add(DATE '1970-01-01', `first_period`) AS TIMESTAMP), 'America/Santiago'))) AS DOUBLE) / CAST(6.048e+8 AS DOUBLE) AS `recency`,
  CAST((unix_millis(to_utc_timestamp(CAST(date_add(DATE '1970-01-01', 20269) AS TIMESTAMP), 'America/Santiago')) - unix_millis(to_utc_timestamp(CAST(date_add(DATE '1970-01-01', `first_period`) AS TIMESTAMP), 'America/Santiago'))) AS DOUBLE) / CAST(6.048e+8 AS DOUBLE) AS `T`,
  CASE WHEN `n` > 1 THEN CAST(`total_cents` - `first_cents` AS DOUBLE) / CAST(`n` - 1 AS DOUBLE) / CAST(1e+2 AS DOUBLE) ELSE CAST(0e+0 AS DOUBLE) END AS `monetary_value`
FROM `customers`

-- rfmHistogramSql
WITH
`local_days` AS (
  SELECT `customer_id` AS `c`, datediff(to_date(from_utc_timestamp(timestamp_millis(unix_millis(`ordered_at`)), 'America/Santiago')), DATE '1970-01-01') AS `day`, CAST(round(`total` * 100) AS BIGINT) AS `cents`
  FROM `orders`
),
`keyed` AS (
  SELECT `c`, `day` AS `period`, `cents` FROM `local_days`
),
`periods` AS (
  SELECT `c`, `period`, sum(`cents`) AS `period_cents`
  FROM `keyed` GROUP BY `c`, `period`
),
`customers` AS (
  SELECT `c`, count(*) AS `n`, min(`period`) AS `first_period`, max(`period`) AS `last_period`,
    sum(`period_cents`) AS `total_cents`, min_by(`period_cents`, `period`) AS `first_cents`
  FROM `periods` WHERE `period` <= 20269 GROUP BY `c`
),
`summary` AS (
  SELECT `c` AS `customer_id`,
    `n` - 1 AS `frequency`,
    CAST((unix_millis(to_utc_timestamp(CAST(date_add(DATE '1970-01-01', `last_period`) AS TIMESTAMP), 'America/Santiago')) - unix_millis(to_utc_timestamp(CAST(date_add(DATE '1970-01-01', `first_period`) AS TIMESTAMP), 'America/Santiago'))) AS DOUBLE) / CAST(6.048e+8 AS DOUBLE) AS `recency`,
    CAST((unix_millis(to_utc_timestamp(CAST(date_add(DATE '1970-01-01', 20269) AS TIMESTAMP), 'America/Santiago')) - unix_millis(to_utc_timestamp(CAST(date_add(DATE '1970-01-01', `first_period`) AS TIMESTAMP), 'America/Santiago'))) AS DOUBLE) / CAST(6.048e+8 AS DOUBLE) AS `T`,
    CASE WHEN `n` > 1 THEN CAST(`total_cents` - `first_cents` AS DOUBLE) / CAST(`n` - 1 AS DOUBLE) / CAST(1e+2 AS DOUBLE) ELSE CAST(0e+0 AS DOUBLE) END AS `monetary_value`
  FROM `customers`
)
SELECT `frequency`, `recency`, `T`, count(*) AS `weight`
FROM `summary`
GROUP BY `frequency`, `recency`, `T`
ORDER BY `frequency`, `recency`, `T`

-- calibrationHoldoutSummarySql (calibration to 2025-03-31, holdout to 2025-06-30)
WITH
`local_days` AS (
  SELECT `customer_id` AS `c`, datediff(to_date(from_utc_timestamp(timestamp_millis(unix_millis(`ordered_at`)), 'America/Santiago')), DATE '1970-01-01') AS `day`, CAST(round(`total` * 100) AS BIGINT) AS `cents`
  FROM `orders`
),
`keyed` AS (
  SELECT `c`, `day` AS `period`, `cents` FROM `local_days`
),
`periods` AS (
  SELECT `c`, `period`, sum(`cents`) AS `period_cents`
  FROM `keyed` GROUP BY `c`, `period`
),
`customers` AS (
  SELECT `c`,
    sum(CASE WHEN `period` <= 20177 THEN 1 ELSE 0 END) AS `n`,
    min(`period`) AS `first_period`,
    max(CASE WHEN `period` <= 20177 THEN `period` END) AS `last_period`,
    sum(CASE WHEN `period` <= 20177 THEN `period_cents` ELSE 0 END) AS `total_cents`,
    min_by(`period_cents`, `period`) AS `first_cents`,
    sum(CASE WHEN `period` > 20177 AND `period` <= 20269 THEN 1 ELSE 0 END) AS `n_holdout`,
    sum(CASE WHEN `period` > 20177 AND `period` <= 20269 THEN `period_cents` ELSE 0 END) AS `holdout_cents`
  FROM `periods` GROUP BY `c`
)
SELECT `c` AS `customer_id`,
  `n` - 1 AS `frequency_cal`,
  CAST((unix_millis(to_utc_timestamp(CAST(date_add(DATE '1970-01-01', `last_period`) AS TIMESTAMP), 'America/Santiago')) - unix_millis(to_utc_timestamp(CAST(date_add(DATE '1970-01-01', `first_period`) AS TIMESTAMP), 'America/Santiago'))) AS DOUBLE) / CAST(6.048e+8 AS DOUBLE) AS `recency_cal`,
  CAST((unix_millis(to_utc_timestamp(CAST(date_add(DATE '1970-01-01', 20177) AS TIMESTAMP), 'America/Santiago')) - unix_millis(to_utc_timestamp(CAST(date_add(DATE '1970-01-01', `first_period`) AS TIMESTAMP), 'America/Santiago'))) AS DOUBLE) / CAST(6.048e+8 AS DOUBLE) AS `T_cal`,
  CASE WHEN `n` > 1 THEN CAST(`total_cents` - `first_cents` AS DOUBLE) / CAST(`n` - 1 AS DOUBLE) / CAST(1e+2 AS DOUBLE) ELSE CAST(0e+0 AS DOUBLE) END AS `monetary_value_cal`,
  `n_holdout` AS `frequency_holdout`,
  CASE WHEN `n_holdout` > 0 THEN CAST(`holdout_cents` AS DOUBLE) / CAST(`n_holdout` AS DOUBLE) / CAST(1e+2 AS DOUBLE) ELSE CAST(0e+0 AS DOUBLE) END AS `monetary_value_holdout`,
  CAST(1.3148809523809524e+1 AS DOUBLE) AS `duration_holdout`
FROM `customers`
WHERE `first_period` <= 20177
