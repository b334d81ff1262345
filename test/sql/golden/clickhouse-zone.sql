-- rfmSummarySql
SELECT `c` AS `customer_id`,
  `n` - 1 AS `frequency`,
  toFloat64((toInt64(toUnixTimestamp(toDateTime(toDate(toUInt16(`last_period`)), 'America/Santiago'))) * 1000 - toInt64(toUnixTimestamp(toDateTime(toDate(toUInt16(`first_period`)), 'America/Santiago'))) * 1000)) / toFloat64(6.048e+8) AS `recency`,
  toFloat64((toInt64(toUnixTimestamp(toDateTime(toDate(toUInt16(20269)), 'America/Santiago'))) * 1000 - toInt64(toUnixTimestamp(toDateTime(toDate(toUInt16(`first_period`)), 'America/Santiago'))) * 1000)) / toFloat64(6.048e+8) AS `T`,
  CASE WHEN `n` > 1 THEN toFloat64(`total_cents` - `first_cents`) / toFloat64(`n` - 1) / toFloat64(1e+2) ELSE toFloat64(0e+0) END AS `monetary_value`
FROM (
  SELECT `c`, count(*) AS `n`, min(`period`) AS `first_period`, max(`period`) AS `last_period`,
    sum(`period_cents`) AS `total_cents`, argMin(`period_cents`, `period`) AS `first_cents`
  FROM (
    SELECT `c`, `period`, sum(`cents`) AS `period_cents`
    FROM (
      SELECT `c`, `day` AS `period`, `cents` FROM (
        SELECT `patronage_customer_id` AS `c`, toInt64(toUInt16(toDate(toDateTime(intDiv(toInt64(toUnixTimestamp(`patronage_at`)) * 1000, 1000)), 'America/Santiago'))) AS `day`, toInt64(round(`patronage_amount` * 100)) AS `cents`
        FROM (
          SELECT `customer_id` AS `patronage_customer_id`, `ordered_at` AS `patronage_at`, `total` AS `patronage_amount` FROM `orders`
        ) AS `source`
      ) AS `local_days`
    ) AS `keyed` GROUP BY `c`, `period`
  ) AS `periods` WHERE `period` <= 20269 GROUP BY `c`
) AS `customers`

-- rfmHistogramSql
SELECT `frequency`, `recency`, `T`, count(*) AS `weight`
FROM (
  SELECT `c` AS `customer_id`,
    `n` - 1 AS `frequency`,
    toFloat64((toInt64(toUnixTimestamp(toDateTime(toDate(toUInt16(`last_period`)), 'America/Santiago'))) * 1000 - toInt64(toUnixTimestamp(toDateTime(toDate(toUInt16(`first_period`)), 'America/Santiago'))) * 1000)) / toFloat64(6.048e+8) AS `recency`,
    toFloat64((toInt64(toUnixTimestamp(toDateTime(toDate(toUInt16(20269)), 'America/Santiago'))) * 1000 - toInt64(toUnixTimestamp(toDateTime(toDate(toUInt16(`first_period`)), 'America/Santiago'))) * 1000)) / toFloat64(6.048e+8) AS `T`,
    CASE WHEN `n` > 1 THEN toFloat64(`total_cents` - `first_cents`) / toFloat64(`n` - 1) / toFloat64(1e+2) ELSE toFloat64(0e+0) END AS `monetary_value`
  FROM (
    SELECT `c`, count(*) AS `n`, min(`period`) AS `first_period`, max(`period`) AS `last_period`,
      sum(`period_cents`) AS `total_cents`, argMin(`period_cents`, `period`) AS `first_cents`
    FROM (
      SELECT `c`, `period`, sum(`cents`) AS `period_cents`
      FROM (
        SELECT `c`, `day` AS `period`, `cents` FROM (
          SELECT `patronage_customer_id` AS `c`, toInt64(toUInt16(toDate(toDateTime(intDiv(toInt64(toUnixTimestamp(`patronage_at`)) * 1000, 1000)), 'America/Santiago'))) AS `day`, toInt64(round(`patronage_amount` * 100)) AS `cents`
          FROM (
            SELECT `customer_id` AS `patronage_customer_id`, `ordered_at` AS `patronage_at`, `total` AS `patronage_amount` FROM `orders`
          ) AS `source`
        ) AS `local_days`
      ) AS `keyed` GROUP BY `c`, `period`
    ) AS `periods` WHERE `period` <= 20269 GROUP BY `c`
  ) AS `customers`
) AS `summary`
GROUP BY `frequency`, `recency`, `T`
ORDER BY `frequency`, `recency`, `T`

-- calibrationHoldoutSummarySql (calibration to 2025-03-31, holdout to 2025-06-30)
SELECT `c` AS `customer_id`,
  `n` - 1 AS `frequency_cal`,
  toFloat64((toInt64(toUnixTimestamp(toDateTime(toDate(toUInt16(`last_period`)), 'America/Santiago'))) * 1000 - toInt64(toUnixTimestamp(toDateTime(toDate(toUInt16(`first_period`)), 'America/Santiago'))) * 1000)) / toFloat64(6.048e+8) AS `recency_cal`,
  toFloat64((toInt64(toUnixTimestamp(toDateTime(toDate(toUInt16(20177)), 'America/Santiago'))) * 1000 - toInt64(toUnixTimestamp(toDateTime(toDate(toUInt16(`first_period`)), 'America/Santiago'))) * 1000)) / toFloat64(6.048e+8) AS `T_cal`,
  CASE WHEN `n` > 1 THEN toFloat64(`total_cents` - `first_cents`) / toFloat64(`n` - 1) / toFloat64(1e+2) ELSE toFloat64(0e+0) END AS `monetary_value_cal`,
  `n_holdout` AS `frequency_holdout`,
  CASE WHEN `n_holdout` > 0 THEN toFloat64(`holdout_cents`) / toFloat64(`n_holdout`) / toFloat64(1e+2) ELSE toFloat64(0e+0) END AS `monetary_value_holdout`,
  toFloat64(1.3148809523809524e+1) AS `duration_holdout`
FROM (
  SELECT `c`,
    sum(CASE WHEN `period` <= 20177 THEN 1 ELSE 0 END) AS `n`,
    min(`period`) AS `first_period`,
    max(CASE WHEN `period` <= 20177 THEN `period` END) AS `last_period`,
    sum(CASE WHEN `period` <= 20177 THEN `period_cents` ELSE 0 END) AS `total_cents`,
    argMin(`period_cents`, `period`) AS `first_cents`,
    sum(CASE WHEN `period` > 20177 AND `period` <= 20269 THEN 1 ELSE 0 END) AS `n_holdout`,
    sum(CASE WHEN `period` > 20177 AND `period` <= 20269 THEN `period_cents` ELSE 0 END) AS `holdout_cents`
  FROM (
    SELECT `c`, `period`, sum(`cents`) AS `period_cents`
    FROM (
      SELECT `c`, `day` AS `period`, `cents` FROM (
        SELECT `patronage_customer_id` AS `c`, toInt64(toUInt16(toDate(toDateTime(intDiv(toInt64(toUnixTimestamp(`patronage_at`)) * 1000, 1000)), 'America/Santiago'))) AS `day`, toInt64(round(`patronage_amount` * 100)) AS `cents`
        FROM (
          SELECT `customer_id` AS `patronage_customer_id`, `ordered_at` AS `patronage_at`, `total` AS `patronage_amount` FROM `orders`
        ) AS `source`
      ) AS `local_days`
    ) AS `keyed` GROUP BY `c`, `period`
  ) AS `periods` GROUP BY `c`
) AS `customers`
WHERE `first_period` <= 20177
