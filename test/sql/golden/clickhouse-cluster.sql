-- create (on every server)
CREATE DATABASE IF NOT EXISTS `shop`;
CREATE TABLE `shop`.`orders_local` (`customer_id` UInt64, `ordered_at` DateTime, `total` Decimal(18, 2)) ENGINE = MergeTree() ORDER BY (`customer_id`, `ordered_at`);
CREATE TABLE `shop`.`orders` AS `shop`.`orders_local` ENGINE = Distributed(`shop_cluster`, `shop`, `orders_local`, intHash64(`customer_id`));
CREATE VIEW `shop`.`orders_summary_shard` AS
SELECT `c` AS `customer_id`,
  `n` - 1 AS `frequency`,
  toFloat64((`last_period` - `first_period`) * 86400000) / toFloat64(6.048e+8) AS `recency`,
  toFloat64((20451 - `first_period`) * 86400000) / toFloat64(6.048e+8) AS `T`,
  CASE WHEN `n` > 1 THEN toFloat64(`total_cents` - `first_cents`) / toFloat64(`n` - 1) / toFloat64(1e+2) ELSE toFloat64(0e+0) END AS `monetary_value`
FROM (
  SELECT `c`, count(*) AS `n`, min(`period`) AS `first_period`, max(`period`) AS `last_period`,
    sum(`period_cents`) AS `total_cents`, argMin(`period_cents`, `period`) AS `first_cents`
  FROM (
    SELECT `c`, `period`, sum(`cents`) AS `period_cents`
    FROM (
      SELECT `c`, `day` - modulo(modulo(`day` + 3, 7) + 7, 7) AS `period`, `cents` FROM (
        SELECT `patronage_customer_id` AS `c`, intDiv((toInt64(toUnixTimestamp(`patronage_at`)) * 1000 + 3600000 - modulo(modulo(toInt64(toUnixTimestamp(`patronage_at`)) * 1000 + 3600000, 86400000) + 86400000, 86400000)), 86400000) AS `day`, toInt64(round(`patronage_amount` * 100)) AS `cents`
        FROM (
          SELECT `customer_id` AS `patronage_customer_id`, `ordered_at` AS `patronage_at`, `total` AS `patronage_amount` FROM `shop`.`orders_local`
        ) AS `source`
      ) AS `local_days`
    ) AS `keyed` GROUP BY `c`, `period`
  ) AS `periods` WHERE `period` <= 20451 GROUP BY `c`
) AS `customers`;
CREATE TABLE `shop`.`orders_summary` (`customer_id` UInt64, `frequency` Int64, `recency` Float64, `T` Float64, `monetary_value` Float64) ENGINE = Distributed(`shop_cluster`, `shop`, `orders_summary_shard`);
CREATE VIEW `shop`.`orders_histogram_shard` AS
SELECT `frequency`, `recency`, `T`, count(*) AS `weight`
FROM (
  SELECT `c` AS `customer_id`,
    `n` - 1 AS `frequency`,
    toFloat64((`last_period` - `first_period`) * 86400000) / toFloat64(6.048e+8) AS `recency`,
    toFloat64((20451 - `first_period`) * 86400000) / toFloat64(6.048e+8) AS `T`,
    CASE WHEN `n` > 1 THEN toFloat64(`total_cents` - `first_cents`) / toFloat64(`n` - 1) / toFloat64(1e+2) ELSE toFloat64(0e+0) END AS `monetary_value`
  FROM (
    SELECT `c`, count(*) AS `n`, min(`period`) AS `first_period`, max(`period`) AS `last_period`,
      sum(`period_cents`) AS `total_cents`, argMin(`period_cents`, `period`) AS `first_cents`
    FROM (
      SELECT `c`, `period`, sum(`cents`) AS `period_cents`
      FROM (
        SELECT `c`, `day` - modulo(modulo(`day` + 3, 7) + 7, 7) AS `period`, `cents` FROM (
          SELECT `patronage_customer_id` AS `c`, intDiv((toInt64(toUnixTimestamp(`patronage_at`)) * 1000 + 3600000 - modulo(modulo(toInt64(toUnixTimestamp(`patronage_at`)) * 1000 + 3600000, 86400000) + 86400000, 86400000)), 86400000) AS `day`, toInt64(round(`patronage_amount` * 100)) AS `cents`
          FROM (
            SELECT `customer_id` AS `patronage_customer_id`, `ordered_at` AS `patronage_at`, `total` AS `patronage_amount` FROM `shop`.`orders_local`
          ) AS `source`
        ) AS `local_days`
      ) AS `keyed` GROUP BY `c`, `period`
    ) AS `periods` WHERE `period` <= 20451 GROUP BY `c`
  ) AS `customers`
) AS `summary`
GROUP BY `frequency`, `recency`, `T`
ORDER BY `frequency`, `recency`, `T`;
CREATE TABLE `shop`.`orders_histogram` (`frequency` Int64, `recency` Float64, `T` Float64, `weight` UInt64) ENGINE = Distributed(`shop_cluster`, `shop`, `orders_histogram_shard`);
CREATE VIEW `shop`.`orders_calibration_shard` AS
SELECT `c` AS `customer_id`,
  `n` - 1 AS `frequency_cal`,
  toFloat64((`last_period` - `first_period`) * 86400000) / toFloat64(6.048e+8) AS `recency_cal`,
  toFloat64((20360 - `first_period`) * 86400000) / toFloat64(6.048e+8) AS `T_cal`,
  CASE WHEN `n` > 1 THEN toFloat64(`total_cents` - `first_cents`) / toFloat64(`n` - 1) / toFloat64(1e+2) ELSE toFloat64(0e+0) END AS `monetary_value_cal`,
  `n_holdout` AS `frequency_holdout`,
  CASE WHEN `n_holdout` > 0 THEN toFloat64(`holdout_cents`) / toFloat64(`n_holdout`) / toFloat64(1e+2) ELSE toFloat64(0e+0) END AS `monetary_value_holdout`,
  toFloat64(1.3e+1) AS `duration_holdout`
FROM (
  SELECT `c`,
    sum(CASE WHEN `period` <= 20360 THEN 1 ELSE 0 END) AS `n`,
    min(`period`) AS `first_period`,
    max(CASE WHEN `period` <= 20360 THEN `period` END) AS `last_period`,
    sum(CASE WHEN `period` <= 20360 THEN `period_cents` ELSE 0 END) AS `total_cents`,
    argMin(`period_cents`, `period`) AS `first_cents`,
    sum(CASE WHEN `period` > 20360 AND `period` <= 20451 THEN 1 ELSE 0 END) AS `n_holdout`,
    sum(CASE WHEN `period` > 20360 AND `period` <= 20451 THEN `period_cents` ELSE 0 END) AS `holdout_cents`
  FROM (
    SELECT `c`, `period`, sum(`cents`) AS `period_cents`
    FROM (
      SELECT `c`, `day` - modulo(modulo(`day` + 3, 7) + 7, 7) AS `period`, `cents` FROM (
        SELECT `patronage_customer_id` AS `c`, intDiv((toInt64(toUnixTimestamp(`patronage_at`)) * 1000 + 3600000 - modulo(modulo(toInt64(toUnixTimestamp(`patronage_at`)) * 1000 + 3600000, 86400000) + 86400000, 86400000)), 86400000) AS `day`, toInt64(round(`patronage_amount` * 100)) AS `cents`
        FROM (
          SELECT `customer_id` AS `patronage_customer_id`, `ordered_at` AS `patronage_at`, `total` AS `patronage_amount` FROM `shop`.`orders_local`
        ) AS `source`
      ) AS `local_days`
    ) AS `keyed` GROUP BY `c`, `period`
  ) AS `periods` GROUP BY `c`
) AS `customers`
WHERE `first_period` <= 20360;
CREATE TABLE `shop`.`orders_calibration` (`customer_id` UInt64, `frequency_cal` Int64, `recency_cal` Nullable(Float64), `T_cal` Float64, `monetary_value_cal` Float64, `frequency_holdout` UInt64, `monetary_value_holdout` Float64, `duration_holdout` Float64) ENGINE = Distributed(`shop_cluster`, `shop`, `orders_calibration_shard`);

-- drop (on every server)
DROP TABLE IF EXISTS `shop`.`orders_calibration`;
DROP TABLE IF EXISTS `shop`.`orders_calibration_shard`;
DROP TABLE IF EXISTS `shop`.`orders_histogram`;
DROP TABLE IF EXISTS `shop`.`orders_histogram_shard`;
DROP TABLE IF EXISTS `shop`.`orders_summary`;
DROP TABLE IF EXISTS `shop`.`orders_summary_shard`;
DROP TABLE IF EXISTS `shop`.`orders`;
DROP TABLE IF EXISTS `shop`.`orders_local`;

-- summary
SELECT * FROM `shop`.`orders_summary`;

-- histogram
SELECT `frequency`, `recency`, `T`, sum(`weight`) AS `weight`
FROM `shop`.`orders_histogram`
GROUP BY `frequency`, `recency`, `T`
ORDER BY `frequency`, `recency`, `T`;

-- calibrationHoldout
SELECT * FROM `shop`.`orders_calibration`;
