-- rfmSummarySql
WITH
`local_days` AS (
  SELECT `customer_id` AS `c`, DIV((UNIX_MILLIS(`ordered_at`) - 18000000 - MOD(MOD(UNIX_MILLIS(`ordered_at`) - 18000000, 86400000) + 86400000, 86400000)), 86400000) AS `day`, CAST(round(`total` * 100) AS INT64) AS `cents`
  FROM `shop`.`orders`
),
`keyed` AS (
  SELECT `c`, `day` - MOD(MOD(`day` + 4, 7) + 7, 7) AS `period`, `cents` FROM `local_days`
),
`periods` AS (
  SELECT `c`, `period`, sum(`cents`) AS `period_cents`
  FROM `keyed` GROUP BY `c`, `period`
),
`customers` AS (
  SELECT `c`, count(*) AS `n`, min(`period`) AS `first_period`, max(`period`) AS `last_period`,
    sum(`period_cents`) AS `total_cents`, ARRAY_AGG(`period_cents` ORDER BY `period` LIMIT 1)[OFFSET(0)] AS `first_cents`
  FROM `periods` WHERE `period` <= 20268 GROUP BY `c`
)
SELECT `c` AS `customer_id`,
  `n` - 1 AS `frequency`,
  CAST((`last_period` - `first_period`) * 86400000 AS FLOAT64) / CAST(604800000.0 AS FLOAT64) AS `recency`,
  CAST((20268 - `first_period`) * 86400000 AS FLOAT64) / CAST(604800000.0 AS FLOAT64) AS `T`,
  CASE WHEN `n` > 1 THEN CAST(`total_cents` - `first_cents` AS FLOAT64) / CAST(`n` - 1 AS FLOAT64) / CAST(100.0 AS FLOAT64) ELSE CAST(0.0 AS FLOAT64) END AS `monetary_value`
FROM `customers`

-- rfmHistogramSql
WITH
`local_days` AS (
  SELECT `customer_id` AS `c`, DIV((UNIX_MILLIS(`ordered_at`) - 18000000 - MOD(MOD(UNIX_MILLIS(`ordered_at`) - 18000000, 86400000) + 86400000, 86400000)), 86400000) AS `day`, CAST(round(`total` * 100) AS INT64) AS `cents`
  FROM `shop`.`orders`
),
`keyed` AS (
  SELECT `c`, `day` - MOD(MOD(`day` + 4, 7) + 7, 7) AS `period`, `cents` FROM `local_days`
),
`periods` AS (
  SELECT `c`, `period`, sum(`cents`) AS `period_cents`
  FROM `keyed` GROUP BY `c`, `period`
),
`customers` AS (
  SELECT `c`, count(*) AS `n`, min(`period`) AS `first_period`, max(`period`) AS `last_period`,
    sum(`period_cents`) AS `total_cents`, ARRAY_AGG(`period_cents` ORDER BY `period` LIMIT 1)[OFFSET(0)] AS `first_cents`
  FROM `periods` WHERE `period` <= 20268 GROUP BY `c`
),
`summary` AS (
  SELECT `c` AS `customer_id`,
    `n` - 1 AS `frequency`,
    CAST((`last_period` - `first_period`) * 86400000 AS FLOAT64) / CAST(604800000.0 AS FLOAT64) AS `recency`,
    CAST((20268 - `first_period`) * 86400000 AS FLOAT64) / CAST(604800000.0 AS FLOAT64) AS `T`,
    CASE WHEN `n` > 1 THEN CAST(`total_cents` - `first_cents` AS FLOAT64) / CAST(`n` - 1 AS FLOAT64) / CAST(100.0 AS FLOAT64) ELSE CAST(0.0 AS FLOAT64) END AS `monetary_value`
  FROM `customers`
)
SELECT `frequency`, `recency`, `T`, count(*) AS `weight`
FROM `summary`
GROUP BY `frequency`, `recency`, `T`
ORDER BY `frequency`, `recency`, `T`
