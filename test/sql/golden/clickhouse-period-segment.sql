-- monthly by region, active within 90 days, to 2025-06-30
SELECT 1 - `by_segment` AS `all_customers`, `segment_key` AS `segment`,
  (146097 * intDiv((intDiv(((`p` * 1 - 2) - modulo(modulo((`p` * 1 - 2), 12) + 12, 12)), 12) - modulo(modulo(intDiv(((`p` * 1 - 2) - modulo(modulo((`p` * 1 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400) + (365 * (intDiv(((`p` * 1 - 2) - modulo(modulo((`p` * 1 - 2), 12) + 12, 12)), 12) - 400 * intDiv((intDiv(((`p` * 1 - 2) - modulo(modulo((`p` * 1 - 2), 12) + 12, 12)), 12) - modulo(modulo(intDiv(((`p` * 1 - 2) - modulo(modulo((`p` * 1 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400)) + intDiv((intDiv(((`p` * 1 - 2) - modulo(modulo((`p` * 1 - 2), 12) + 12, 12)), 12) - 400 * intDiv((intDiv(((`p` * 1 - 2) - modulo(modulo((`p` * 1 - 2), 12) + 12, 12)), 12) - modulo(modulo(intDiv(((`p` * 1 - 2) - modulo(modulo((`p` * 1 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400)), 4) - intDiv((intDiv(((`p` * 1 - 2) - modulo(modulo((`p` * 1 - 2), 12) + 12, 12)), 12) - 400 * intDiv((intDiv(((`p` * 1 - 2) - modulo(modulo((`p` * 1 - 2), 12) + 12, 12)), 12) - modulo(modulo(intDiv(((`p` * 1 - 2) - modulo(modulo((`p` * 1 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400)), 100) + intDiv(153 * ((`p` * 1 - 2) - 12 * intDiv(((`p` * 1 - 2) - modulo(modulo((`p` * 1 - 2), 12) + 12, 12)), 12)) + 2, 5)) - 719468) AS `period_start`,
  (146097 * intDiv((intDiv(((`p` * 1 - 2) - modulo(modulo((`p` * 1 - 2), 12) + 12, 12)), 12) - modulo(modulo(intDiv(((`p` * 1 - 2) - modulo(modulo((`p` * 1 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400) + (365 * (intDiv(((`p` * 1 - 2) - modulo(modulo((`p` * 1 - 2), 12) + 12, 12)), 12) - 400 * intDiv((intDiv(((`p` * 1 - 2) - modulo(modulo((`p` * 1 - 2), 12) + 12, 12)), 12) - modulo(modulo(intDiv(((`p` * 1 - 2) - modulo(modulo((`p` * 1 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400)) + intDiv((intDiv(((`p` * 1 - 2) - modulo(modulo((`p` * 1 - 2), 12) + 12, 12)), 12) - 400 * intDiv((intDiv(((`p` * 1 - 2) - modulo(modulo((`p` * 1 - 2), 12) + 12, 12)), 12) - modulo(modulo(intDiv(((`p` * 1 - 2) - modulo(modulo((`p` * 1 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400)), 4) - intDiv((intDiv(((`p` * 1 - 2) - modulo(modulo((`p` * 1 - 2), 12) + 12, 12)), 12) - 400 * intDiv((intDiv(((`p` * 1 - 2) - modulo(modulo((`p` * 1 - 2), 12) + 12, 12)), 12) - modulo(modulo(intDiv(((`p` * 1 - 2) - modulo(modulo((`p` * 1 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400)), 100) + intDiv(153 * ((`p` * 1 - 2) - 12 * intDiv(((`p` * 1 - 2) - modulo(modulo((`p` * 1 - 2), 12) + 12, 12)), 12)) + 2, 5)) - 719468) * 86400000 - 0 AS `start_ms`,
  sum(`s`) AS `customers_at_start`,
  sum(`e`) AS `customers_at_end`,
  sum(CASE WHEN `e` = 1 AND `s` = 0 AND `pf` = `p` THEN 1 ELSE 0 END) AS `acquired`,
  sum(CASE WHEN `e` = 1 AND `s` = 0 AND `pf` < `p` THEN 1 ELSE 0 END) AS `reactivated`,
  sum(CASE WHEN `s` = 1 AND `e` = 1 THEN 1 ELSE 0 END) AS `retained`,
  sum(`p_cents`) AS `revenue_minor`,
  sum(CASE WHEN `pf` = `p` THEN `p_cents` ELSE 0 END) AS `new_revenue_minor`,
  (SELECT (146097 * intDiv((intDiv(((`first_p` * 1 - 2) - modulo(modulo((`first_p` * 1 - 2), 12) + 12, 12)), 12) - modulo(modulo(intDiv(((`first_p` * 1 - 2) - modulo(modulo((`first_p` * 1 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400) + (365 * (intDiv(((`first_p` * 1 - 2) - modulo(modulo((`first_p` * 1 - 2), 12) + 12, 12)), 12) - 400 * intDiv((intDiv(((`first_p` * 1 - 2) - modulo(modulo((`first_p` * 1 - 2), 12) + 12, 12)), 12) - modulo(modulo(intDiv(((`first_p` * 1 - 2) - modulo(modulo((`first_p` * 1 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400)) + intDiv((intDiv(((`first_p` * 1 - 2) - modulo(modulo((`first_p` * 1 - 2), 12) + 12, 12)), 12) - 400 * intDiv((intDiv(((`first_p` * 1 - 2) - modulo(modulo((`first_p` * 1 - 2), 12) + 12, 12)), 12) - modulo(modulo(intDiv(((`first_p` * 1 - 2) - modulo(modulo((`first_p` * 1 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400)), 4) - intDiv((intDiv(((`first_p` * 1 - 2) - modulo(modulo((`first_p` * 1 - 2), 12) + 12, 12)), 12) - 400 * intDiv((intDiv(((`first_p` * 1 - 2) - modulo(modulo((`first_p` * 1 - 2), 12) + 12, 12)), 12) - modulo(modulo(intDiv(((`first_p` * 1 - 2) - modulo(modulo((`first_p` * 1 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400)), 100) + intDiv(153 * ((`first_p` * 1 - 2) - 12 * intDiv(((`first_p` * 1 - 2) - modulo(modulo((`first_p` * 1 - 2), 12) + 12, 12)), 12)) + 2, 5)) - 719468) FROM (SELECT min(`pf`) AS `first_p` FROM (
  SELECT `c`, min(`pd`) AS `pf`
  FROM (
    SELECT `c`, `day_cents`, 12 * (`pd_yoe` + 400 * `pd_era`) + intDiv(5 * (`pd_doe` - (365 * `pd_yoe` + intDiv(`pd_yoe`, 4) - intDiv(`pd_yoe`, 100))) + 2, 153) + 2 AS `pd`, 12 * (`pw_yoe` + 400 * `pw_era`) + intDiv(5 * (`pw_doe` - (365 * `pw_yoe` + intDiv(`pw_yoe`, 4) - intDiv(`pw_yoe`, 100))) + 2, 153) + 2 AS `pw`
    FROM (SELECT `c`, `day_cents`, `pd_era`, `pd_doe`, intDiv((`pd_doe` - intDiv(`pd_doe`, 1460) + intDiv(`pd_doe`, 36524) - intDiv(`pd_doe`, 146096)), 365) AS `pd_yoe`, `pw_era`, `pw_doe`, intDiv((`pw_doe` - intDiv(`pw_doe`, 1460) + intDiv(`pw_doe`, 36524) - intDiv(`pw_doe`, 146096)), 365) AS `pw_yoe`
    FROM (SELECT `c`, `day_cents`, `pd_era`, `pd_z` - `pd_era` * 146097 AS `pd_doe`, `pw_era`, `pw_z` - `pw_era` * 146097 AS `pw_doe`
    FROM (SELECT `c`, `day_cents`, `pd_z`, intDiv((`pd_z` - modulo(modulo(`pd_z`, 146097) + 146097, 146097)), 146097) AS `pd_era`, `pw_z`, intDiv((`pw_z` - modulo(modulo(`pw_z`, 146097) + 146097, 146097)), 146097) AS `pw_era`
    FROM (SELECT `c`, `day_cents`, `day` + 719468 AS `pd_z`, `day` + 90 + 719468 AS `pw_z`
    FROM (SELECT `c`, `day`, sum(`cents`) AS `day_cents` FROM (
      SELECT `patronage_customer_id` AS `c`, intDiv((toInt64(toUnixTimestamp(`patronage_at`)) * 1000 - modulo(modulo(toInt64(toUnixTimestamp(`patronage_at`)) * 1000, 86400000) + 86400000, 86400000)), 86400000) AS `day`, toInt64(round(`patronage_amount` * 100)) AS `cents`
      FROM (
        SELECT `customer_id` AS `patronage_customer_id`, `ordered_at` AS `patronage_at`, `total` AS `patronage_amount`, `region` AS `patronage_segment` FROM `shop`.`orders`
      ) AS `source`
    ) AS `local_days` WHERE `day` <= 20269 GROUP BY `c`, `day`) `purchase_days`) `o2`) `o3`) `o4`) `o5`
  ) AS `days` GROUP BY `c`
) AS `firsts`) `series_first`) AS `series_start`,
  20240 AS `series_end`
FROM (
  SELECT `p`, `s`, `e`, `p_cents`, `pf`, `level` AS `by_segment`,
    CASE WHEN `level` = 1 THEN `seg` END AS `segment_key`
  FROM (SELECT `p`, `s`, `e`, `p_cents`, `pf`, `seg`, toInt64(0) + toInt64(arrayJoin(range(toUInt64(greatest(toInt64(1) - toInt64(0) + 1, 0))))) AS `level` FROM (
    SELECT `p`, `s`, `e`, `p_cents`, `pf`, `seg`
    FROM (
      SELECT `c`, `p`, max(`at_start`) AS `s`, max(`at_end`) AS `e`, sum(`mark_cents`) AS `p_cents`
      FROM (
        SELECT `c`, `p`,
          CASE WHEN `p` > `pd` THEN toInt64(1) ELSE toInt64(0) END AS `at_start`,
          CASE WHEN `p` < `pw` THEN toInt64(1) ELSE toInt64(0) END AS `at_end`,
          CASE WHEN `p` = `pd` THEN `day_cents` ELSE toInt64(0) END AS `mark_cents`
        FROM (SELECT `c`, `pd`, `pw`, `day_cents`, toInt64(`pd`) + toInt64(arrayJoin(range(toUInt64(greatest(toInt64(`pw`) - toInt64(`pd`) + 1, 0))))) AS `p` FROM (
          SELECT `c`, `day_cents`, 12 * (`pd_yoe` + 400 * `pd_era`) + intDiv(5 * (`pd_doe` - (365 * `pd_yoe` + intDiv(`pd_yoe`, 4) - intDiv(`pd_yoe`, 100))) + 2, 153) + 2 AS `pd`, 12 * (`pw_yoe` + 400 * `pw_era`) + intDiv(5 * (`pw_doe` - (365 * `pw_yoe` + intDiv(`pw_yoe`, 4) - intDiv(`pw_yoe`, 100))) + 2, 153) + 2 AS `pw`
          FROM (SELECT `c`, `day_cents`, `pd_era`, `pd_doe`, intDiv((`pd_doe` - intDiv(`pd_doe`, 1460) + intDiv(`pd_doe`, 36524) - intDiv(`pd_doe`, 146096)), 365) AS `pd_yoe`, `pw_era`, `pw_doe`, intDiv((`pw_doe` - intDiv(`pw_doe`, 1460) + intDiv(`pw_doe`, 36524) - intDiv(`pw_doe`, 146096)), 365) AS `pw_yoe`
          FROM (SELECT `c`, `day_cents`, `pd_era`, `pd_z` - `pd_era` * 146097 AS `pd_doe`, `pw_era`, `pw_z` - `pw_era` * 146097 AS `pw_doe`
          FROM (SELECT `c`, `day_cents`, `pd_z`, intDiv((`pd_z` - modulo(modulo(`pd_z`, 146097) + 146097, 146097)), 146097) AS `pd_era`, `pw_z`, intDiv((`pw_z` - modulo(modulo(`pw_z`, 146097) + 146097, 146097)), 146097) AS `pw_era`
          FROM (SELECT `c`, `day_cents`, `day` + 719468 AS `pd_z`, `day` + 90 + 719468 AS `pw_z`
          FROM (SELECT `c`, `day`, sum(`cents`) AS `day_cents` FROM (
            SELECT `patronage_customer_id` AS `c`, intDiv((toInt64(toUnixTimestamp(`patronage_at`)) * 1000 - modulo(modulo(toInt64(toUnixTimestamp(`patronage_at`)) * 1000, 86400000) + 86400000, 86400000)), 86400000) AS `day`, toInt64(round(`patronage_amount` * 100)) AS `cents`
            FROM (
              SELECT `customer_id` AS `patronage_customer_id`, `ordered_at` AS `patronage_at`, `total` AS `patronage_amount`, `region` AS `patronage_segment` FROM `shop`.`orders`
            ) AS `source`
          ) AS `local_days` WHERE `day` <= 20269 GROUP BY `c`, `day`) `purchase_days`) `o2`) `o3`) `o4`) `o5`
        ) AS `days`) `expanded`
      ) AS `marks` WHERE `p` <= 24305 GROUP BY `c`, `p`
    ) AS `states` ALL INNER JOIN (
      SELECT `c`, `pf`, `seg`
      FROM (
        SELECT `c`, min(`pd`) AS `pf`
        FROM (
          SELECT `c`, `day_cents`, 12 * (`pd_yoe` + 400 * `pd_era`) + intDiv(5 * (`pd_doe` - (365 * `pd_yoe` + intDiv(`pd_yoe`, 4) - intDiv(`pd_yoe`, 100))) + 2, 153) + 2 AS `pd`, 12 * (`pw_yoe` + 400 * `pw_era`) + intDiv(5 * (`pw_doe` - (365 * `pw_yoe` + intDiv(`pw_yoe`, 4) - intDiv(`pw_yoe`, 100))) + 2, 153) + 2 AS `pw`
          FROM (SELECT `c`, `day_cents`, `pd_era`, `pd_doe`, intDiv((`pd_doe` - intDiv(`pd_doe`, 1460) + intDiv(`pd_doe`, 36524) - intDiv(`pd_doe`, 146096)), 365) AS `pd_yoe`, `pw_era`, `pw_doe`, intDiv((`pw_doe` - intDiv(`pw_doe`, 1460) + intDiv(`pw_doe`, 36524) - intDiv(`pw_doe`, 146096)), 365) AS `pw_yoe`
          FROM (SELECT `c`, `day_cents`, `pd_era`, `pd_z` - `pd_era` * 146097 AS `pd_doe`, `pw_era`, `pw_z` - `pw_era` * 146097 AS `pw_doe`
          FROM (SELECT `c`, `day_cents`, `pd_z`, intDiv((`pd_z` - modulo(modulo(`pd_z`, 146097) + 146097, 146097)), 146097) AS `pd_era`, `pw_z`, intDiv((`pw_z` - modulo(modulo(`pw_z`, 146097) + 146097, 146097)), 146097) AS `pw_era`
          FROM (SELECT `c`, `day_cents`, `day` + 719468 AS `pd_z`, `day` + 90 + 719468 AS `pw_z`
          FROM (SELECT `c`, `day`, sum(`cents`) AS `day_cents` FROM (
            SELECT `patronage_customer_id` AS `c`, intDiv((toInt64(toUnixTimestamp(`patronage_at`)) * 1000 - modulo(modulo(toInt64(toUnixTimestamp(`patronage_at`)) * 1000, 86400000) + 86400000, 86400000)), 86400000) AS `day`, toInt64(round(`patronage_amount` * 100)) AS `cents`
            FROM (
              SELECT `customer_id` AS `patronage_customer_id`, `ordered_at` AS `patronage_at`, `total` AS `patronage_amount`, `region` AS `patronage_segment` FROM `shop`.`orders`
            ) AS `source`
          ) AS `local_days` WHERE `day` <= 20269 GROUP BY `c`, `day`) `purchase_days`) `o2`) `o3`) `o4`) `o5`
        ) AS `days` GROUP BY `c`
      ) AS `firsts` ALL INNER JOIN (
        SELECT `c`, min(`segment_value`) AS `seg`
        FROM (SELECT `patronage_customer_id` AS `c`, intDiv((toInt64(toUnixTimestamp(`patronage_at`)) * 1000 - modulo(modulo(toInt64(toUnixTimestamp(`patronage_at`)) * 1000, 86400000) + 86400000, 86400000)), 86400000) AS `day`, `patronage_segment` AS `segment_value` FROM (
          SELECT `customer_id` AS `patronage_customer_id`, `ordered_at` AS `patronage_at`, `total` AS `patronage_amount`, `region` AS `patronage_segment` FROM `shop`.`orders`
        ) AS `source`) `segment_days` WHERE `day` <= 20269 GROUP BY `c`
      ) AS `segments` USING (`c`)
    ) AS `customers` USING (`c`)
  ) AS `classified`) `expanded_levels`
) AS `levels`
GROUP BY `by_segment`, `segment_key`, `p`
ORDER BY `by_segment`, `segment_key`, `p`
