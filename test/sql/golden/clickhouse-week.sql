-- rfmSummarySql
WITH
`local_days` AS (
  SELECT `customer_id` AS `c`, intDiv((toUnixTimestamp64Milli(toDateTime64(`ordered_at`, 3)) - 18000000 - modulo(modulo(toUnixTimestamp64Milli(toDateTime64(`ordered_at`, 3)) - 18000000, 86400000) + 86400000, 86400000)), 86400000) AS `day`, toInt64(round(`total` * 100)) AS `cents`
  FROM `shop`.`orders`
),
`keyed` AS (
  SELECT `c`, `day` - modulo(modulo(`day` + 4, 7) + 7, 7) AS `period`, `cents` FROM `local_days`
),
`periods` AS (
  SELECT `c`, `period`, sum(`cents`) AS `period_cents`
  FROM `keyed` GROUP BY `c`, `period`
),
`customers` AS (
  SELECT `c`, count(*) AS `n`, min(`period`) AS `first_period`, max(`period`) AS `last_period`,
    sum(`period_cents`) AS `total_cents`, argMin(`period_cents`, `period`) AS `first_cents`
  FROM `periods` WHERE `period` <= 20268 GROUP BY `c`
)
SELECT `c` AS `customer_id`,
  `n` - 1 AS `frequency`,
  toFloat64((`last_period` - `first_period`) * 86400000) / toFloat64(6.048e+8) AS `recency`,
  toFloat64((20268 - `first_period`) * 86400000) / toFloat64(6.048e+8) AS `T`,
  CASE WHEN `n` > 1 THEN toFloat64(`total_cents` - `first_cents`) / toFloat64(`n` - 1) / toFloat64(1e+2) ELSE toFloat64(0e+0) END AS `monetary_value`
FROM `customers`

-- rfmHistogramSql
WITH
`local_days` AS (
  SELECT `customer_id` AS `c`, intDiv((toUnixTimestamp64Milli(toDateTime64(`ordered_at`, 3)) - 18000000 - modulo(modulo(toUnixTimestamp64Milli(toDateTime64(`ordered_at`, 3)) - 18000000, 86400000) + 86400000, 86400000)), 86400000) AS `day`, toInt64(round(`total` * 100)) AS `cents`
  FROM `shop`.`orders`
),
`keyed` AS (
  SELECT `c`, `day` - modulo(modulo(`day` + 4, 7) + 7, 7) AS `period`, `cents` FROM `local_days`
),
`periods` AS (
  SELECT `c`, `period`, sum(`cents`) AS `period_cents`
  FROM `keyed` GROUP BY `c`, `period`
),
`customers` AS (
  SELECT `c`, count(*) AS `n`, min(`period`) AS `first_period`, max(`period`) AS `last_period`,
    sum(`period_cents`) AS `total_cents`, argMin(`period_cents`, `period`) AS `first_cents`
  FROM `periods` WHERE `period` <= 20268 GROUP BY `c`
),
`summary` AS (
  SELECT `c` AS `customer_id`,
    `n` - 1 AS `frequency`,
    toFloat64((`last_period` - `first_period`) * 86400000) / toFloat64(6.048e+8) AS `recency`,
    toFloat64((20268 - `first_period`) * 86400000) / toFloat64(6.048e+8) AS `T`,
    CASE WHEN `n` > 1 THEN toFloat64(`total_cents` - `first_cents`) / toFloat64(`n` - 1) / toFloat64(1e+2) ELSE toFloat64(0e+0) END AS `monetary_value`
  FROM `customers`
)
SELECT `frequency`, `recency`, `T`, count(*) AS `weight`
FROM `summary`
GROUP BY `frequency`, `recency`, `T`
ORDER BY `frequency`, `recency`, `T`

-- calibrationHoldoutSummarySql (calibration to 2025-03-31, holdout to 2025-06-30)
WITH
`local_days` AS (
  SELECT `customer_id` AS `c`, intDiv((toUnixTimestamp64Milli(toDateTime64(`ordered_at`, 3)) - 18000000 - modulo(modulo(toUnixTimestamp64Milli(toDateTime64(`ordered_at`, 3)) - 18000000, 86400000) + 86400000, 86400000)), 86400000) AS `day`, toInt64(round(`total` * 100)) AS `cents`
  FROM `shop`.`orders`
),
`keyed` AS (
  SELECT `c`, `day` - modulo(modulo(`day` + 4, 7) + 7, 7) AS `period`, `cents` FROM `local_days`
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
    argMin(`period_cents`, `period`) AS `first_cents`,
    sum(CASE WHEN `period` > 20177 AND `period` <= 20268 THEN 1 ELSE 0 END) AS `n_holdout`,
    sum(CASE WHEN `period` > 20177 AND `period` <= 20268 THEN `period_cents` ELSE 0 END) AS `holdout_cents`
  FROM `periods` GROUP BY `c`
)
SELECT `c` AS `customer_id`,
  `n` - 1 AS `frequency_cal`,
  toFloat64((`last_period` - `first_period`) * 86400000) / toFloat64(6.048e+8) AS `recency_cal`,
  toFloat64((20177 - `first_period`) * 86400000) / toFloat64(6.048e+8) AS `T_cal`,
  CASE WHEN `n` > 1 THEN toFloat64(`total_cents` - `first_cents`) / toFloat64(`n` - 1) / toFloat64(1e+2) ELSE toFloat64(0e+0) END AS `monetary_value_cal`,
  `n_holdout` AS `frequency_holdout`,
  CASE WHEN `n_holdout` > 0 THEN toFloat64(`holdout_cents`) / toFloat64(`n_holdout`) / toFloat64(1e+2) ELSE toFloat64(0e+0) END AS `monetary_value_holdout`,
  toFloat64(1.3e+1) AS `duration_holdout`
FROM `customers`
WHERE `first_period` <= 20177
