-- rfmSummarySql
SELECT `c` AS `customer_id`,
  `n` - 1 AS `frequency`,
  toFloat64((`last_period` - `first_period`) * 86400000) / toFloat64(2.629746e+9) AS `recency`,
  toFloat64(((SELECT max(`period`) FROM (
  SELECT `c`, `period`, sum(`cents`) AS `period_cents`
  FROM (
    SELECT `c`, `day` - (`doy` - intDiv(153 * intDiv(5 * `doy` + 2, 153) + 2, 5)) AS `period`, `cents`
      FROM (SELECT `c`, `day`, `cents`, (`doe` - (365 * `yoe` + intDiv(`yoe`, 4) - intDiv(`yoe`, 100))) AS `doy`
      FROM (SELECT `c`, `day`, `cents`, `doe`, intDiv((`doe` - intDiv(`doe`, 1460) + intDiv(`doe`, 36524) - intDiv(`doe`, 146096)), 365) AS `yoe`
      FROM (SELECT `c`, `day`, `cents`, (`day` + 719468 - intDiv((`day` + 719468 - modulo(modulo(`day` + 719468, 146097) + 146097, 146097)), 146097) * 146097) AS `doe` FROM (
      SELECT `patronage_customer_id` AS `c`, intDiv((toInt64(`patronage_at`) - modulo(modulo(toInt64(`patronage_at`), 86400000) + 86400000, 86400000)), 86400000) AS `day`, toInt64(0) AS `cents`
      FROM (
        SELECT `cid` AS `patronage_customer_id`, `at_ms` AS `patronage_at` FROM `orders`
      ) AS `source`
    ) AS `local_days`) `e`) `y`) `m`
  ) AS `keyed` GROUP BY `c`, `period`
) AS `periods`) - `first_period`) * 86400000) / toFloat64(2.629746e+9) AS `T`,
  CASE WHEN `n` > 1 THEN toFloat64(`total_cents` - `first_cents`) / toFloat64(`n` - 1) / toFloat64(1e+2) ELSE toFloat64(0e+0) END AS `monetary_value`
FROM (
  SELECT `c`, count(*) AS `n`, min(`period`) AS `first_period`, max(`period`) AS `last_period`,
    sum(`period_cents`) AS `total_cents`, argMin(`period_cents`, `period`) AS `first_cents`
  FROM (
    SELECT `c`, `period`, sum(`cents`) AS `period_cents`
    FROM (
      SELECT `c`, `day` - (`doy` - intDiv(153 * intDiv(5 * `doy` + 2, 153) + 2, 5)) AS `period`, `cents`
        FROM (SELECT `c`, `day`, `cents`, (`doe` - (365 * `yoe` + intDiv(`yoe`, 4) - intDiv(`yoe`, 100))) AS `doy`
        FROM (SELECT `c`, `day`, `cents`, `doe`, intDiv((`doe` - intDiv(`doe`, 1460) + intDiv(`doe`, 36524) - intDiv(`doe`, 146096)), 365) AS `yoe`
        FROM (SELECT `c`, `day`, `cents`, (`day` + 719468 - intDiv((`day` + 719468 - modulo(modulo(`day` + 719468, 146097) + 146097, 146097)), 146097) * 146097) AS `doe` FROM (
        SELECT `patronage_customer_id` AS `c`, intDiv((toInt64(`patronage_at`) - modulo(modulo(toInt64(`patronage_at`), 86400000) + 86400000, 86400000)), 86400000) AS `day`, toInt64(0) AS `cents`
        FROM (
          SELECT `cid` AS `patronage_customer_id`, `at_ms` AS `patronage_at` FROM `orders`
        ) AS `source`
      ) AS `local_days`) `e`) `y`) `m`
    ) AS `keyed` GROUP BY `c`, `period`
  ) AS `periods` WHERE `period` <= (SELECT max(`period`) FROM (
    SELECT `c`, `period`, sum(`cents`) AS `period_cents`
    FROM (
      SELECT `c`, `day` - (`doy` - intDiv(153 * intDiv(5 * `doy` + 2, 153) + 2, 5)) AS `period`, `cents`
        FROM (SELECT `c`, `day`, `cents`, (`doe` - (365 * `yoe` + intDiv(`yoe`, 4) - intDiv(`yoe`, 100))) AS `doy`
        FROM (SELECT `c`, `day`, `cents`, `doe`, intDiv((`doe` - intDiv(`doe`, 1460) + intDiv(`doe`, 36524) - intDiv(`doe`, 146096)), 365) AS `yoe`
        FROM (SELECT `c`, `day`, `cents`, (`day` + 719468 - intDiv((`day` + 719468 - modulo(modulo(`day` + 719468, 146097) + 146097, 146097)), 146097) * 146097) AS `doe` FROM (
        SELECT `patronage_customer_id` AS `c`, intDiv((toInt64(`patronage_at`) - modulo(modulo(toInt64(`patronage_at`), 86400000) + 86400000, 86400000)), 86400000) AS `day`, toInt64(0) AS `cents`
        FROM (
          SELECT `cid` AS `patronage_customer_id`, `at_ms` AS `patronage_at` FROM `orders`
        ) AS `source`
      ) AS `local_days`) `e`) `y`) `m`
    ) AS `keyed` GROUP BY `c`, `period`
  ) AS `periods`) GROUP BY `c`
) AS `customers`

-- rfmHistogramSql
SELECT `frequency`, `recency`, `T`, count(*) AS `weight`
FROM (
  SELECT `c` AS `customer_id`,
    `n` - 1 AS `frequency`,
    toFloat64((`last_period` - `first_period`) * 86400000) / toFloat64(2.629746e+9) AS `recency`,
    toFloat64(((SELECT max(`period`) FROM (
    SELECT `c`, `period`, sum(`cents`) AS `period_cents`
    FROM (
      SELECT `c`, `day` - (`doy` - intDiv(153 * intDiv(5 * `doy` + 2, 153) + 2, 5)) AS `period`, `cents`
        FROM (SELECT `c`, `day`, `cents`, (`doe` - (365 * `yoe` + intDiv(`yoe`, 4) - intDiv(`yoe`, 100))) AS `doy`
        FROM (SELECT `c`, `day`, `cents`, `doe`, intDiv((`doe` - intDiv(`doe`, 1460) + intDiv(`doe`, 36524) - intDiv(`doe`, 146096)), 365) AS `yoe`
        FROM (SELECT `c`, `day`, `cents`, (`day` + 719468 - intDiv((`day` + 719468 - modulo(modulo(`day` + 719468, 146097) + 146097, 146097)), 146097) * 146097) AS `doe` FROM (
        SELECT `patronage_customer_id` AS `c`, intDiv((toInt64(`patronage_at`) - modulo(modulo(toInt64(`patronage_at`), 86400000) + 86400000, 86400000)), 86400000) AS `day`, toInt64(0) AS `cents`
        FROM (
          SELECT `cid` AS `patronage_customer_id`, `at_ms` AS `patronage_at` FROM `orders`
        ) AS `source`
      ) AS `local_days`) `e`) `y`) `m`
    ) AS `keyed` GROUP BY `c`, `period`
  ) AS `periods`) - `first_period`) * 86400000) / toFloat64(2.629746e+9) AS `T`,
    CASE WHEN `n` > 1 THEN toFloat64(`total_cents` - `first_cents`) / toFloat64(`n` - 1) / toFloat64(1e+2) ELSE toFloat64(0e+0) END AS `monetary_value`
  FROM (
    SELECT `c`, count(*) AS `n`, min(`period`) AS `first_period`, max(`period`) AS `last_period`,
      sum(`period_cents`) AS `total_cents`, argMin(`period_cents`, `period`) AS `first_cents`
    FROM (
      SELECT `c`, `period`, sum(`cents`) AS `period_cents`
      FROM (
        SELECT `c`, `day` - (`doy` - intDiv(153 * intDiv(5 * `doy` + 2, 153) + 2, 5)) AS `period`, `cents`
          FROM (SELECT `c`, `day`, `cents`, (`doe` - (365 * `yoe` + intDiv(`yoe`, 4) - intDiv(`yoe`, 100))) AS `doy`
          FROM (SELECT `c`, `day`, `cents`, `doe`, intDiv((`doe` - intDiv(`doe`, 1460) + intDiv(`doe`, 36524) - intDiv(`doe`, 146096)), 365) AS `yoe`
          FROM (SELECT `c`, `day`, `cents`, (`day` + 719468 - intDiv((`day` + 719468 - modulo(modulo(`day` + 719468, 146097) + 146097, 146097)), 146097) * 146097) AS `doe` FROM (
          SELECT `patronage_customer_id` AS `c`, intDiv((toInt64(`patronage_at`) - modulo(modulo(toInt64(`patronage_at`), 86400000) + 86400000, 86400000)), 86400000) AS `day`, toInt64(0) AS `cents`
          FROM (
            SELECT `cid` AS `patronage_customer_id`, `at_ms` AS `patronage_at` FROM `orders`
          ) AS `source`
        ) AS `local_days`) `e`) `y`) `m`
      ) AS `keyed` GROUP BY `c`, `period`
    ) AS `periods` WHERE `period` <= (SELECT max(`period`) FROM (
      SELECT `c`, `period`, sum(`cents`) AS `period_cents`
      FROM (
        SELECT `c`, `day` - (`doy` - intDiv(153 * intDiv(5 * `doy` + 2, 153) + 2, 5)) AS `period`, `cents`
          FROM (SELECT `c`, `day`, `cents`, (`doe` - (365 * `yoe` + intDiv(`yoe`, 4) - intDiv(`yoe`, 100))) AS `doy`
          FROM (SELECT `c`, `day`, `cents`, `doe`, intDiv((`doe` - intDiv(`doe`, 1460) + intDiv(`doe`, 36524) - intDiv(`doe`, 146096)), 365) AS `yoe`
          FROM (SELECT `c`, `day`, `cents`, (`day` + 719468 - intDiv((`day` + 719468 - modulo(modulo(`day` + 719468, 146097) + 146097, 146097)), 146097) * 146097) AS `doe` FROM (
          SELECT `patronage_customer_id` AS `c`, intDiv((toInt64(`patronage_at`) - modulo(modulo(toInt64(`patronage_at`), 86400000) + 86400000, 86400000)), 86400000) AS `day`, toInt64(0) AS `cents`
          FROM (
            SELECT `cid` AS `patronage_customer_id`, `at_ms` AS `patronage_at` FROM `orders`
          ) AS `source`
        ) AS `local_days`) `e`) `y`) `m`
      ) AS `keyed` GROUP BY `c`, `period`
    ) AS `periods`) GROUP BY `c`
  ) AS `customers`
) AS `summary`
GROUP BY `frequency`, `recency`, `T`
ORDER BY `frequency`, `recency`, `T`

-- calibrationHoldoutSummarySql (calibration to 2025-03-31, holdout to 2025-06-30)
SELECT `c` AS `customer_id`,
  `n` - 1 AS `frequency_cal`,
  toFloat64((`last_period` - `first_period`) * 86400000) / toFloat64(2.629746e+9) AS `recency_cal`,
  toFloat64((20148 - `first_period`) * 86400000) / toFloat64(2.629746e+9) AS `T_cal`,
  CASE WHEN `n` > 1 THEN toFloat64(`total_cents` - `first_cents`) / toFloat64(`n` - 1) / toFloat64(1e+2) ELSE toFloat64(0e+0) END AS `monetary_value_cal`,
  `n_holdout` AS `frequency_holdout`,
  CASE WHEN `n_holdout` > 0 THEN toFloat64(`holdout_cents`) / toFloat64(`n_holdout`) / toFloat64(1e+2) ELSE toFloat64(0e+0) END AS `monetary_value_holdout`,
  toFloat64(3.0226493357153124e+0) AS `duration_holdout`
FROM (
  SELECT `c`,
    sum(CASE WHEN `period` <= 20148 THEN 1 ELSE 0 END) AS `n`,
    min(`period`) AS `first_period`,
    max(CASE WHEN `period` <= 20148 THEN `period` END) AS `last_period`,
    sum(CASE WHEN `period` <= 20148 THEN `period_cents` ELSE 0 END) AS `total_cents`,
    argMin(`period_cents`, `period`) AS `first_cents`,
    sum(CASE WHEN `period` > 20148 AND `period` <= 20240 THEN 1 ELSE 0 END) AS `n_holdout`,
    sum(CASE WHEN `period` > 20148 AND `period` <= 20240 THEN `period_cents` ELSE 0 END) AS `holdout_cents`
  FROM (
    SELECT `c`, `period`, sum(`cents`) AS `period_cents`
    FROM (
      SELECT `c`, `day` - (`doy` - intDiv(153 * intDiv(5 * `doy` + 2, 153) + 2, 5)) AS `period`, `cents`
        FROM (SELECT `c`, `day`, `cents`, (`doe` - (365 * `yoe` + intDiv(`yoe`, 4) - intDiv(`yoe`, 100))) AS `doy`
        FROM (SELECT `c`, `day`, `cents`, `doe`, intDiv((`doe` - intDiv(`doe`, 1460) + intDiv(`doe`, 36524) - intDiv(`doe`, 146096)), 365) AS `yoe`
        FROM (SELECT `c`, `day`, `cents`, (`day` + 719468 - intDiv((`day` + 719468 - modulo(modulo(`day` + 719468, 146097) + 146097, 146097)), 146097) * 146097) AS `doe` FROM (
        SELECT `patronage_customer_id` AS `c`, intDiv((toInt64(`patronage_at`) - modulo(modulo(toInt64(`patronage_at`), 86400000) + 86400000, 86400000)), 86400000) AS `day`, toInt64(0) AS `cents`
        FROM (
          SELECT `cid` AS `patronage_customer_id`, `at_ms` AS `patronage_at` FROM `orders`
        ) AS `source`
      ) AS `local_days`) `e`) `y`) `m`
    ) AS `keyed` GROUP BY `c`, `period`
  ) AS `periods` GROUP BY `c`
) AS `customers`
WHERE `first_period` <= 20148
