-- weekly, to 2025-06-30, 12 periods
SELECT (7 * `co` - 4) AS `cohort_start`,
  `k` AS `period`,
  CASE WHEN 2896 - `co` + 1 < 12 THEN 2896 - `co` + 1 ELSE 12 END AS `periods`,
  `n` AS `customers`,
  `k_cents` AS `revenue_minor`,
  toFloat64(`k_cents`) / toFloat64(1e+2) AS `revenue`
FROM (
  SELECT `co`, `o` - `co` AS `k`, count(*) AS `n`, sum(`o_cents`) AS `k_cents`
  FROM (
    SELECT `c`, `o`, sum(`cents`) AS `o_cents`
    FROM (
      SELECT `c`, `cents`, intDiv((`day` + 4 - modulo(modulo(`day` + 4, 7) + 7, 7)), 7) AS `o` FROM (
        SELECT `patronage_customer_id` AS `c`, intDiv((toInt64(toUnixTimestamp(`patronage_at`)) * 1000 - 18000000 - modulo(modulo(toInt64(toUnixTimestamp(`patronage_at`)) * 1000 - 18000000, 86400000) + 86400000, 86400000)), 86400000) AS `day`, toInt64(round(`patronage_amount` * 100)) AS `cents`
        FROM (
          SELECT `customer_id` AS `patronage_customer_id`, `ordered_at` AS `patronage_at`, `total` AS `patronage_amount` FROM `shop`.`orders`
        ) AS `source`
      ) AS `local_days`
    ) AS `ordinals` WHERE `o` <= 2896 GROUP BY `c`, `o`
  ) AS `active` ALL INNER JOIN (
    SELECT `c`, min(`o`) AS `co`
    FROM (
      SELECT `c`, `o`, sum(`cents`) AS `o_cents`
      FROM (
        SELECT `c`, `cents`, intDiv((`day` + 4 - modulo(modulo(`day` + 4, 7) + 7, 7)), 7) AS `o` FROM (
          SELECT `patronage_customer_id` AS `c`, intDiv((toInt64(toUnixTimestamp(`patronage_at`)) * 1000 - 18000000 - modulo(modulo(toInt64(toUnixTimestamp(`patronage_at`)) * 1000 - 18000000, 86400000) + 86400000, 86400000)), 86400000) AS `day`, toInt64(round(`patronage_amount` * 100)) AS `cents`
          FROM (
            SELECT `customer_id` AS `patronage_customer_id`, `ordered_at` AS `patronage_at`, `total` AS `patronage_amount` FROM `shop`.`orders`
          ) AS `source`
        ) AS `local_days`
      ) AS `ordinals` WHERE `o` <= 2896 GROUP BY `c`, `o`
    ) AS `active` GROUP BY `c`
  ) AS `firsts` USING (`c`)
  WHERE `o` - `co` < 12
  GROUP BY `co`, `o` - `co`
) AS `cells`
ORDER BY `cohort_start`, `period`

-- quarterly
SELECT (146097 * intDiv((intDiv(((`co` * 3 - 2) - modulo(modulo((`co` * 3 - 2), 12) + 12, 12)), 12) - modulo(modulo(intDiv(((`co` * 3 - 2) - modulo(modulo((`co` * 3 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400) + (365 * (intDiv(((`co` * 3 - 2) - modulo(modulo((`co` * 3 - 2), 12) + 12, 12)), 12) - 400 * intDiv((intDiv(((`co` * 3 - 2) - modulo(modulo((`co` * 3 - 2), 12) + 12, 12)), 12) - modulo(modulo(intDiv(((`co` * 3 - 2) - modulo(modulo((`co` * 3 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400)) + intDiv((intDiv(((`co` * 3 - 2) - modulo(modulo((`co` * 3 - 2), 12) + 12, 12)), 12) - 400 * intDiv((intDiv(((`co` * 3 - 2) - modulo(modulo((`co` * 3 - 2), 12) + 12, 12)), 12) - modulo(modulo(intDiv(((`co` * 3 - 2) - modulo(modulo((`co` * 3 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400)), 4) - intDiv((intDiv(((`co` * 3 - 2) - modulo(modulo((`co` * 3 - 2), 12) + 12, 12)), 12) - 400 * intDiv((intDiv(((`co` * 3 - 2) - modulo(modulo((`co` * 3 - 2), 12) + 12, 12)), 12) - modulo(modulo(intDiv(((`co` * 3 - 2) - modulo(modulo((`co` * 3 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400)), 100) + intDiv(153 * ((`co` * 3 - 2) - 12 * intDiv(((`co` * 3 - 2) - modulo(modulo((`co` * 3 - 2), 12) + 12, 12)), 12)) + 2, 5)) - 719468) AS `cohort_start`,
  `k` AS `period`,
  (SELECT max(`o`) FROM (
  SELECT `c`, `o`, sum(`cents`) AS `o_cents`
  FROM (
    SELECT `c`, `cents`, intDiv((12 * (`o_yoe` + 400 * `o_era`) + intDiv(5 * (`o_doe` - (365 * `o_yoe` + intDiv(`o_yoe`, 4) - intDiv(`o_yoe`, 100))) + 2, 153) + 2 - modulo(modulo(12 * (`o_yoe` + 400 * `o_era`) + intDiv(5 * (`o_doe` - (365 * `o_yoe` + intDiv(`o_yoe`, 4) - intDiv(`o_yoe`, 100))) + 2, 153) + 2, 3) + 3, 3)), 3) AS `o`
    FROM (SELECT `c`, `cents`, `o_era`, `o_doe`, intDiv((`o_doe` - intDiv(`o_doe`, 1460) + intDiv(`o_doe`, 36524) - intDiv(`o_doe`, 146096)), 365) AS `o_yoe`
    FROM (SELECT `c`, `cents`, `o_era`, `o_z` - `o_era` * 146097 AS `o_doe`
    FROM (SELECT `c`, `cents`, `o_z`, intDiv((`o_z` - modulo(modulo(`o_z`, 146097) + 146097, 146097)), 146097) AS `o_era`
    FROM (SELECT `c`, `cents`, `day` + 719468 AS `o_z`
    FROM (
      SELECT `patronage_customer_id` AS `c`, intDiv((toInt64(`patronage_at`) - modulo(modulo(toInt64(`patronage_at`), 86400000) + 86400000, 86400000)), 86400000) AS `day`, toInt64(0) AS `cents`
      FROM (
        SELECT `cid` AS `patronage_customer_id`, `at_ms` AS `patronage_at` FROM `orders`
      ) AS `source`
    ) AS `local_days`) `o2`) `o3`) `o4`) `o5`
  ) AS `ordinals` GROUP BY `c`, `o`
) AS `active`) - `co` + 1 AS `periods`,
  `n` AS `customers`,
  `k_cents` AS `revenue_minor`,
  toFloat64(`k_cents`) / toFloat64(1e+2) AS `revenue`
FROM (
  SELECT `co`, `o` - `co` AS `k`, count(*) AS `n`, sum(`o_cents`) AS `k_cents`
  FROM (
    SELECT `c`, `o`, sum(`cents`) AS `o_cents`
    FROM (
      SELECT `c`, `cents`, intDiv((12 * (`o_yoe` + 400 * `o_era`) + intDiv(5 * (`o_doe` - (365 * `o_yoe` + intDiv(`o_yoe`, 4) - intDiv(`o_yoe`, 100))) + 2, 153) + 2 - modulo(modulo(12 * (`o_yoe` + 400 * `o_era`) + intDiv(5 * (`o_doe` - (365 * `o_yoe` + intDiv(`o_yoe`, 4) - intDiv(`o_yoe`, 100))) + 2, 153) + 2, 3) + 3, 3)), 3) AS `o`
      FROM (SELECT `c`, `cents`, `o_era`, `o_doe`, intDiv((`o_doe` - intDiv(`o_doe`, 1460) + intDiv(`o_doe`, 36524) - intDiv(`o_doe`, 146096)), 365) AS `o_yoe`
      FROM (SELECT `c`, `cents`, `o_era`, `o_z` - `o_era` * 146097 AS `o_doe`
      FROM (SELECT `c`, `cents`, `o_z`, intDiv((`o_z` - modulo(modulo(`o_z`, 146097) + 146097, 146097)), 146097) AS `o_era`
      FROM (SELECT `c`, `cents`, `day` + 719468 AS `o_z`
      FROM (
        SELECT `patronage_customer_id` AS `c`, intDiv((toInt64(`patronage_at`) - modulo(modulo(toInt64(`patronage_at`), 86400000) + 86400000, 86400000)), 86400000) AS `day`, toInt64(0) AS `cents`
        FROM (
          SELECT `cid` AS `patronage_customer_id`, `at_ms` AS `patronage_at` FROM `orders`
        ) AS `source`
      ) AS `local_days`) `o2`) `o3`) `o4`) `o5`
    ) AS `ordinals` GROUP BY `c`, `o`
  ) AS `active` ALL INNER JOIN (
    SELECT `c`, min(`o`) AS `co`
    FROM (
      SELECT `c`, `o`, sum(`cents`) AS `o_cents`
      FROM (
        SELECT `c`, `cents`, intDiv((12 * (`o_yoe` + 400 * `o_era`) + intDiv(5 * (`o_doe` - (365 * `o_yoe` + intDiv(`o_yoe`, 4) - intDiv(`o_yoe`, 100))) + 2, 153) + 2 - modulo(modulo(12 * (`o_yoe` + 400 * `o_era`) + intDiv(5 * (`o_doe` - (365 * `o_yoe` + intDiv(`o_yoe`, 4) - intDiv(`o_yoe`, 100))) + 2, 153) + 2, 3) + 3, 3)), 3) AS `o`
        FROM (SELECT `c`, `cents`, `o_era`, `o_doe`, intDiv((`o_doe` - intDiv(`o_doe`, 1460) + intDiv(`o_doe`, 36524) - intDiv(`o_doe`, 146096)), 365) AS `o_yoe`
        FROM (SELECT `c`, `cents`, `o_era`, `o_z` - `o_era` * 146097 AS `o_doe`
        FROM (SELECT `c`, `cents`, `o_z`, intDiv((`o_z` - modulo(modulo(`o_z`, 146097) + 146097, 146097)), 146097) AS `o_era`
        FROM (SELECT `c`, `cents`, `day` + 719468 AS `o_z`
        FROM (
          SELECT `patronage_customer_id` AS `c`, intDiv((toInt64(`patronage_at`) - modulo(modulo(toInt64(`patronage_at`), 86400000) + 86400000, 86400000)), 86400000) AS `day`, toInt64(0) AS `cents`
          FROM (
            SELECT `cid` AS `patronage_customer_id`, `at_ms` AS `patronage_at` FROM `orders`
          ) AS `source`
        ) AS `local_days`) `o2`) `o3`) `o4`) `o5`
      ) AS `ordinals` GROUP BY `c`, `o`
    ) AS `active` GROUP BY `c`
  ) AS `firsts` USING (`c`)
  GROUP BY `co`, `o` - `co`
) AS `cells`
ORDER BY `cohort_start`, `period`
