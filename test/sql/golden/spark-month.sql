-- rfmSummarySql
WITH
`local_days` AS (
  SELECT `cid` AS `c`, (((CAST(`at_ms` AS BIGINT) - ((((CAST(`at_ms` AS BIGINT)) % (86400000)) + 86400000) % (86400000)))) div (86400000)) AS `day`, CAST(0 AS BIGINT) AS `cents`
  FROM `orders`
),
`keyed` AS (
  SELECT `c`, `day` - (`doy` - ((153 * ((5 * `doy` + 2) div (153)) + 2) div (5))) AS `period`, `cents`
    FROM (SELECT `c`, `day`, `cents`, (`doe` - (365 * `yoe` + ((`yoe`) div (4)) - ((`yoe`) div (100)))) AS `doy`
    FROM (SELECT `c`, `day`, `cents`, `doe`, (((`doe` - ((`doe`) div (1460)) + ((`doe`) div (36524)) - ((`doe`) div (146096)))) div (365)) AS `yoe`
    FROM (SELECT `c`, `day`, `cents`, (`day` + 719468 - (((`day` + 719468 - ((((`day` + 719468) % (146097)) + 146097) % (146097)))) div (146097)) * 146097) AS `doe` FROM `local_days`) `e`) `y`) `m`
),
`periods` AS (
  SELECT `c`, `period`, sum(`cents`) AS `period_cents`
  FROM `keyed` GROUP BY `c`, `period`
),
`customers` AS (
  SELECT `c`, count(*) AS `n`, min(`period`) AS `first_period`, max(`period`) AS `last_period`,
    sum(`period_cents`) AS `total_cents`, min_by(`period_cents`, `period`) AS `first_cents`
  FROM `periods` WHERE `period` <= (SELECT max(`period`) FROM `periods`) GROUP BY `c`
)
SELECT `c` AS `customer_id`,
  `n` - 1 AS `frequency`,
  CAST((`last_period` - `first_period`) * 86400000 AS DOUBLE) / CAST(2.629746e+9 AS DOUBLE) AS `recency`,
  CAST(((SELECT max(`period`) FROM `periods`) - `first_period`) * 86400000 AS DOUBLE) / CAST(2.629746e+9 AS DOUBLE) AS `T`,
  CASE WHEN `n` > 1 THEN CAST(`total_cents` - `first_cents` AS DOUBLE) / CAST(`n` - 1 AS DOUBLE) / CAST(1e+2 AS DOUBLE) ELSE CAST(0e+0 AS DOUBLE) END AS `monetary_value`
FROM `customers`

-- rfmHistogramSql
WITH
`local_days` AS (
  SELECT `cid` AS `c`, (((CAST(`at_ms` AS BIGINT) - ((((CAST(`at_ms` AS BIGINT)) % (86400000)) + 86400000) % (86400000)))) div (86400000)) AS `day`, CAST(0 AS BIGINT) AS `cents`
  FROM `orders`
),
`keyed` AS (
  SELECT `c`, `day` - (`doy` - ((153 * ((5 * `doy` + 2) div (153)) + 2) div (5))) AS `period`, `cents`
    FROM (SELECT `c`, `day`, `cents`, (`doe` - (365 * `yoe` + ((`yoe`) div (4)) - ((`yoe`) div (100)))) AS `doy`
    FROM (SELECT `c`, `day`, `cents`, `doe`, (((`doe` - ((`doe`) div (1460)) + ((`doe`) div (36524)) - ((`doe`) div (146096)))) div (365)) AS `yoe`
    FROM (SELECT `c`, `day`, `cents`, (`day` + 719468 - (((`day` + 719468 - ((((`day` + 719468) % (146097)) + 146097) % (146097)))) div (146097)) * 146097) AS `doe` FROM `local_days`) `e`) `y`) `m`
),
`periods` AS (
  SELECT `c`, `period`, sum(`cents`) AS `period_cents`
  FROM `keyed` GROUP BY `c`, `period`
),
`customers` AS (
  SELECT `c`, count(*) AS `n`, min(`period`) AS `first_period`, max(`period`) AS `last_period`,
    sum(`period_cents`) AS `total_cents`, min_by(`period_cents`, `period`) AS `first_cents`
  FROM `periods` WHERE `period` <= (SELECT max(`period`) FROM `periods`) GROUP BY `c`
),
`summary` AS (
  SELECT `c` AS `customer_id`,
    `n` - 1 AS `frequency`,
    CAST((`last_period` - `first_period`) * 86400000 AS DOUBLE) / CAST(2.629746e+9 AS DOUBLE) AS `recency`,
    CAST(((SELECT max(`period`) FROM `periods`) - `first_period`) * 86400000 AS DOUBLE) / CAST(2.629746e+9 AS DOUBLE) AS `T`,
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
  SELECT `cid` AS `c`, (((CAST(`at_ms` AS BIGINT) - ((((CAST(`at_ms` AS BIGINT)) % (86400000)) + 86400000) % (86400000)))) div (86400000)) AS `day`, CAST(0 AS BIGINT) AS `cents`
  FROM `orders`
),
`keyed` AS (
  SELECT `c`, `day` - (`doy` - ((153 * ((5 * `doy` + 2) div (153)) + 2) div (5))) AS `period`, `cents`
    FROM (SELECT `c`, `day`, `cents`, (`doe` - (365 * `yoe` + ((`yoe`) div (4)) - ((`yoe`) div (100)))) AS `doy`
    FROM (SELECT `c`, `day`, `cents`, `doe`, (((`doe` - ((`doe`) div (1460)) + ((`doe`) div (36524)) - ((`doe`) div (146096)))) div (365)) AS `yoe`
    FROM (SELECT `c`, `day`, `cents`, (`day` + 719468 - (((`day` + 719468 - ((((`day` + 719468) % (146097)) + 146097) % (146097)))) div (146097)) * 146097) AS `doe` FROM `local_days`) `e`) `y`) `m`
),
`periods` AS (
  SELECT `c`, `period`, sum(`cents`) AS `period_cents`
  FROM `keyed` GROUP BY `c`, `period`
),
`customers` AS (
  SELECT `c`,
    sum(CASE WHEN `period` <= 20148 THEN 1 ELSE 0 END) AS `n`,
    min(`period`) AS `first_period`,
    max(CASE WHEN `period` <= 20148 THEN `period` END) AS `last_period`,
    sum(CASE WHEN `period` <= 20148 THEN `period_cents` ELSE 0 END) AS `total_cents`,
    min_by(`period_cents`, `period`) AS `first_cents`,
    sum(CASE WHEN `period` > 20148 AND `period` <= 20240 THEN 1 ELSE 0 END) AS `n_holdout`,
    sum(CASE WHEN `period` > 20148 AND `period` <= 20240 THEN `period_cents` ELSE 0 END) AS `holdout_cents`
  FROM `periods` GROUP BY `c`
)
SELECT `c` AS `customer_id`,
  `n` - 1 AS `frequency_cal`,
  CAST((`last_period` - `first_period`) * 86400000 AS DOUBLE) / CAST(2.629746e+9 AS DOUBLE) AS `recency_cal`,
  CAST((20148 - `first_period`) * 86400000 AS DOUBLE) / CAST(2.629746e+9 AS DOUBLE) AS `T_cal`,
  CASE WHEN `n` > 1 THEN CAST(`total_cents` - `first_cents` AS DOUBLE) / CAST(`n` - 1 AS DOUBLE) / CAST(1e+2 AS DOUBLE) ELSE CAST(0e+0 AS DOUBLE) END AS `monetary_value_cal`,
  `n_holdout` AS `frequency_holdout`,
  CASE WHEN `n_holdout` > 0 THEN CAST(`holdout_cents` AS DOUBLE) / CAST(`n_holdout` AS DOUBLE) / CAST(1e+2 AS DOUBLE) ELSE CAST(0e+0 AS DOUBLE) END AS `monetary_value_holdout`,
  CAST(3.0226493357153124e+0 AS DOUBLE) AS `duration_holdout`
FROM `customers`
WHERE `first_period` <= 20148
