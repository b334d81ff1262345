-- rfmSummarySql
WITH
`local_days` AS (
  SELECT `customer_id` AS `c`, UNIX_DATE(DATE(TIMESTAMP_MILLIS(UNIX_MILLIS(`ordered_at`)), 'America/Santiago')) AS `day`, CAST(round(`total` * 100) AS INT64) AS `cents`
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
    sum(`period_cents`) AS `total_cents`, ARRAY_AGG(`period_cents` ORDER BY `period` LIMIT 1)[OFFSET(0)] AS `first_cents`
  FROM `periods` WHERE `period` <= 20269 GROUP BY `c`
)
SELECT `c` AS `customer_id`,
  `n` - 1 AS `frequency`,
  CAST((UNIX_MILLIS(TIMESTAMP(DATE_FROM_UNIX_DATE(`last_period`), 'America/Santiago')) - UNIX_MILLIS(TIMESTAMP(DATE_FROM_UNIX_DATE(`first_period`), 'America/Santiago'))) AS FLOAT64) / CAST(6.048e+8 AS FLOAT64) AS `recency`,
  CAST((UNIX_MILLIS(TIMESTAMP(DATE_FROM_UNIX_DATE(20269), 'America/Santiago')) - UNIX_MILLIS(TIMESTAMP(DATE_FROM_UNIX_DATE(`first_period`), 'America/Santiago'))) AS FLOAT64) / CAST(6.048e+8 AS FLOAT64) AS `T`,
  CASE WHEN `n` > 1 THEN CAST(`total_cents` - `first_cents` AS FLOAT64) / CAST(`n` - 1 AS FLOAT64) / CAST(1e+2 AS FLOAT64) ELSE CAST(0e+0 AS FLOAT64) END AS `monetary_value`
FROM `customers`

-- rfmHistogramSql
WITH
`local_days` AS (
  SELECT `customer_id` AS `c`, UNIX_DATE(DATE(TIMESTAMP_MILLIS(UNIX_MILLIS(`ordered_at`)), 'America/Santiago')) AS `day`, CAST(round(`total` * 100) AS INT64) AS `cents`
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
    sum(`period_cents`) AS `total_cents`, ARRAY_AGG(`period_cents` ORDER BY `period` LIMIT 1)[OFFSET(0)] AS `first_cents`
  FROM `periods` WHERE `period` <= 20269 GROUP BY `c`
),
`summary` AS (
  SELECT `c` AS `customer_id`,
    `n` - 1 AS `frequency`,
    CAST((UNIX_MILLIS(TIMESTAMP(DATE_FROM_UNIX_DATE(`last_period`), 'America/Santiago')) - UNIX_MILLIS(TIMESTAMP(DATE_FROM_UNIX_DATE(`first_period`), 'America/Santiago'))) AS FLOAT64) / CAST(6.048e+8 AS FLOAT64) AS `recency`,
    CAST((UNIX_MILLIS(TIMESTAMP(DATE_FROM_UNIX_DATE(20269), 'America/Santiago')) - UNIX_MILLIS(TIMESTAMP(DATE_FROM_UNIX_DATE(`first_period`), 'America/Santiago'))) AS FLOAT64) / CAST(6.048e+8 AS FLOAT64) AS `T`,
    CASE WHEN `n` > 1 THEN CAST(`total_cents` - `first_cents` AS FLOAT64) / CAST(`n` - 1 AS FLOAT64) / CAST(1e+2 AS FLOAT64) ELSE CAST(0e+0 AS FLOAT64) END AS `monetary_value`
  FROM `customers`
)
SELECT `frequency`, `recency`, `T`, count(*) AS `weight`
FROM `summary`
GROUP BY `frequency`, `recency`, `T`
ORDER BY `frequency`, `recency`, `T`

-- calibrationHoldoutSummarySql (calibration to 2025-03-31, holdout to 2025-06-30)
WITH
`local_days` AS (
  SELECT `customer_id` AS `c`, UNIX_DATE(DATE(TIMESTAMP_MILLIS(UNIX_MILLIS(`ordered_at`)), 'America/Santiago')) AS `day`, CAST(round(`total` * 100) AS INT64) AS `cents`
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
    ARRAY_AGG(`period_cents` ORDER BY `period` LIMIT 1)[OFFSET(0)] AS `first_cents`,
    sum(CASE WHEN `period` > 20177 AND `period` <= 20269 THEN 1 ELSE 0 END) AS `n_holdout`,
    sum(CASE WHEN `period` > 20177 AND `period` <= 20269 THEN `period_cents` ELSE 0 END) AS `holdout_cents`
  FROM `periods` GROUP BY `c`
)
SELECT `c` AS `customer_id`,
  `n` - 1 AS `frequency_cal`,
  CAST((UNIX_MILLIS(TIMESTAMP(DATE_FROM_UNIX_DATE(`last_period`), 'America/Santiago')) - UNIX_MILLIS(TIMESTAMP(DATE_FROM_UNIX_DATE(`first_period`), 'America/Santiago'))) AS FLOAT64) / CAST(6.048e+8 AS FLOAT64) AS `recency_cal`,
  CAST((UNIX_MILLIS(TIMESTAMP(DATE_FROM_UNIX_DATE(20177), 'America/Santiago')) - UNIX_MILLIS(TIMESTAMP(DATE_FROM_UNIX_DATE(`first_period`), 'America/Santiago'))) AS FLOAT64) / CAST(6.048e+8 AS FLOAT64) AS `T_cal`,
  CASE WHEN `n` > 1 THEN CAST(`total_cents` - `first_cents` AS FLOAT64) / CAST(`n` - 1 AS FLOAT64) / CAST(1e+2 AS FLOAT64) ELSE CAST(0e+0 AS FLOAT64) END AS `monetary_value_cal`,
  `n_holdout` AS `frequency_holdout`,
  CASE WHEN `n_holdout` > 0 THEN CAST(`holdout_cents` AS FLOAT64) / CAST(`n_holdout` AS FLOAT64) / CAST(1e+2 AS FLOAT64) ELSE CAST(0e+0 AS FLOAT64) END AS `monetary_value_holdout`,
  CAST(1.3148809523809524e+1 AS FLOAT64) AS `duration_holdout`
FROM `customers`
WHERE `first_period` <= 20177
