-- weekly, active within 28 days, to 2025-06-30
SELECT (7 * `p` - 4) AS `period_start`,
  (7 * `p` - 4) * 86400000 - 19800000 AS `start_ms`,
  sum(`s`) AS `customers_at_start`,
  sum(`e`) AS `customers_at_end`,
  sum(CASE WHEN `e` = 1 AND `s` = 0 AND `pf` = `p` THEN 1 ELSE 0 END) AS `acquired`,
  sum(CASE WHEN `e` = 1 AND `s` = 0 AND `pf` < `p` THEN 1 ELSE 0 END) AS `reactivated`,
  sum(CASE WHEN `s` = 1 AND `e` = 1 THEN 1 ELSE 0 END) AS `retained`,
  sum(`p_cents`) AS `revenue_minor`,
  sum(CASE WHEN `pf` = `p` THEN `p_cents` ELSE 0 END) AS `new_revenue_minor`,
  (SELECT (7 * `first_p` - 4) FROM (SELECT min(`pf`) AS `first_p` FROM (
  SELECT `c`, min(`pd`) AS `pf`
  FROM (
    SELECT `c`, `day_cents`, intDiv((`day` + 4 - modulo(modulo(`day` + 4, 7) + 7, 7)), 7) AS `pd`, intDiv((`day` + 28 + 4 - modulo(modulo(`day` + 28 + 4, 7) + 7, 7)), 7) AS `pw` FROM (SELECT `c`, `day`, sum(`cents`) AS `day_cents` FROM (
      SELECT `patronage_customer_id` AS `c`, intDiv((toInt64(toUnixTimestamp(`patronage_at`)) * 1000 + 19800000 - modulo(modulo(toInt64(toUnixTimestamp(`patronage_at`)) * 1000 + 19800000, 86400000) + 86400000, 86400000)), 86400000) AS `day`, toInt64(round(`patronage_amount` * 100)) AS `cents`
      FROM (
        SELECT `customer_id` AS `patronage_customer_id`, `ordered_at` AS `patronage_at`, `total` AS `patronage_amount` FROM `shop`.`orders`
      ) AS `source`
    ) AS `local_days` WHERE `day` <= 20269 GROUP BY `c`, `day`) `purchase_days`
  ) AS `days` GROUP BY `c`
) AS `firsts`) `series_first`) AS `series_start`,
  20268 AS `series_end`
FROM (
  SELECT `p`, `s`, `e`, `p_cents`, `pf`
  FROM (
    SELECT `c`, `p`, max(`at_start`) AS `s`, max(`at_end`) AS `e`, sum(`mark_cents`) AS `p_cents`
    FROM (
      SELECT `c`, `p`,
        CASE WHEN `p` > `pd` THEN toInt64(1) ELSE toInt64(0) END AS `at_start`,
        CASE WHEN `p` < `pw` THEN toInt64(1) ELSE toInt64(0) END AS `at_end`,
        CASE WHEN `p` = `pd` THEN `day_cents` ELSE toInt64(0) END AS `mark_cents`
      FROM (SELECT `c`, `pd`, `pw`, `day_cents`, toInt64(`pd`) + toInt64(arrayJoin(range(toUInt64(greatest(toInt64(`pw`) - toInt64(`pd`) + 1, 0))))) AS `p` FROM (
        SELECT `c`, `day_cents`, intDiv((`day` + 4 - modulo(modulo(`day` + 4, 7) + 7, 7)), 7) AS `pd`, intDiv((`day` + 28 + 4 - modulo(modulo(`day` + 28 + 4, 7) + 7, 7)), 7) AS `pw` FROM (SELECT `c`, `day`, sum(`cents`) AS `day_cents` FROM (
          SELECT `patronage_customer_id` AS `c`, intDiv((toInt64(toUnixTimestamp(`patronage_at`)) * 1000 + 19800000 - modulo(modulo(toInt64(toUnixTimestamp(`patronage_at`)) * 1000 + 19800000, 86400000) + 86400000, 86400000)), 86400000) AS `day`, toInt64(round(`patronage_amount` * 100)) AS `cents`
          FROM (
            SELECT `customer_id` AS `patronage_customer_id`, `ordered_at` AS `patronage_at`, `total` AS `patronage_amount` FROM `shop`.`orders`
          ) AS `source`
        ) AS `local_days` WHERE `day` <= 20269 GROUP BY `c`, `day`) `purchase_days`
      ) AS `days`) `expanded`
    ) AS `marks` WHERE `p` <= 2896 GROUP BY `c`, `p`
  ) AS `states` ALL INNER JOIN (
    SELECT `c`, min(`pd`) AS `pf`
    FROM (
      SELECT `c`, `day_cents`, intDiv((`day` + 4 - modulo(modulo(`day` + 4, 7) + 7, 7)), 7) AS `pd`, intDiv((`day` + 28 + 4 - modulo(modulo(`day` + 28 + 4, 7) + 7, 7)), 7) AS `pw` FROM (SELECT `c`, `day`, sum(`cents`) AS `day_cents` FROM (
        SELECT `patronage_customer_id` AS `c`, intDiv((toInt64(toUnixTimestamp(`patronage_at`)) * 1000 + 19800000 - modulo(modulo(toInt64(toUnixTimestamp(`patronage_at`)) * 1000 + 19800000, 86400000) + 86400000, 86400000)), 86400000) AS `day`, toInt64(round(`patronage_amount` * 100)) AS `cents`
        FROM (
          SELECT `customer_id` AS `patronage_customer_id`, `ordered_at` AS `patronage_at`, `total` AS `patronage_amount` FROM `shop`.`orders`
        ) AS `source`
      ) AS `local_days` WHERE `day` <= 20269 GROUP BY `c`, `day`) `purchase_days`
    ) AS `days` GROUP BY `c`
  ) AS `firsts` USING (`c`)
) AS `classified`
GROUP BY `p`
ORDER BY `p`

-- quarterly
SELECT (146097 * intDiv((intDiv(((`p` * 3 - 2) - modulo(modulo((`p` * 3 - 2), 12) + 12, 12)), 12) - modulo(modulo(intDiv(((`p` * 3 - 2) - modulo(modulo((`p` * 3 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400) + (365 * (intDiv(((`p` * 3 - 2) - modulo(modulo((`p` * 3 - 2), 12) + 12, 12)), 12) - 400 * intDiv((intDiv(((`p` * 3 - 2) - modulo(modulo((`p` * 3 - 2), 12) + 12, 12)), 12) - modulo(modulo(intDiv(((`p` * 3 - 2) - modulo(modulo((`p` * 3 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400)) + intDiv((intDiv(((`p` * 3 - 2) - modulo(modulo((`p` * 3 - 2), 12) + 12, 12)), 12) - 400 * intDiv((intDiv(((`p` * 3 - 2) - modulo(modulo((`p` * 3 - 2), 12) + 12, 12)), 12) - modulo(modulo(intDiv(((`p` * 3 - 2) - modulo(modulo((`p` * 3 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400)), 4) - intDiv((intDiv(((`p` * 3 - 2) - modulo(modulo((`p` * 3 - 2), 12) + 12, 12)), 12) - 400 * intDiv((intDiv(((`p` * 3 - 2) - modulo(modulo((`p` * 3 - 2), 12) + 12, 12)), 12) - modulo(modulo(intDiv(((`p` * 3 - 2) - modulo(modulo((`p` * 3 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400)), 100) + intDiv(153 * ((`p` * 3 - 2) - 12 * intDiv(((`p` * 3 - 2) - modulo(modulo((`p` * 3 - 2), 12) + 12, 12)), 12)) + 2, 5)) - 719468) AS `period_start`,
  (146097 * intDiv((intDiv(((`p` * 3 - 2) - modulo(modulo((`p` * 3 - 2), 12) + 12, 12)), 12) - modulo(modulo(intDiv(((`p` * 3 - 2) - modulo(modulo((`p` * 3 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400) + (365 * (intDiv(((`p` * 3 - 2) - modulo(modulo((`p` * 3 - 2), 12) + 12, 12)), 12) - 400 * intDiv((intDiv(((`p` * 3 - 2) - modulo(modulo((`p` * 3 - 2), 12) + 12, 12)), 12) - modulo(modulo(intDiv(((`p` * 3 - 2) - modulo(modulo((`p` * 3 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400)) + intDiv((intDiv(((`p` * 3 - 2) - modulo(modulo((`p` * 3 - 2), 12) + 12, 12)), 12) - 400 * intDiv((intDiv(((`p` * 3 - 2) - modulo(modulo((`p` * 3 - 2), 12) + 12, 12)), 12) - modulo(modulo(intDiv(((`p` * 3 - 2) - modulo(modulo((`p` * 3 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400)), 4) - intDiv((intDiv(((`p` * 3 - 2) - modulo(modulo((`p` * 3 - 2), 12) + 12, 12)), 12) - 400 * intDiv((intDiv(((`p` * 3 - 2) - modulo(modulo((`p` * 3 - 2), 12) + 12, 12)), 12) - modulo(modulo(intDiv(((`p` * 3 - 2) - modulo(modulo((`p` * 3 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400)), 100) + intDiv(153 * ((`p` * 3 - 2) - 12 * intDiv(((`p` * 3 - 2) - modulo(modulo((`p` * 3 - 2), 12) + 12, 12)), 12)) + 2, 5)) - 719468) * 86400000 - 0 AS `start_ms`,
  sum(`s`) AS `customers_at_start`,
  sum(`e`) AS `customers_at_end`,
  sum(CASE WHEN `e` = 1 AND `s` = 0 AND `pf` = `p` THEN 1 ELSE 0 END) AS `acquired`,
  sum(CASE WHEN `e` = 1 AND `s` = 0 AND `pf` < `p` THEN 1 ELSE 0 END) AS `reactivated`,
  sum(CASE WHEN `s` = 1 AND `e` = 1 THEN 1 ELSE 0 END) AS `retained`,
  sum(`p_cents`) AS `revenue_minor`,
  sum(CASE WHEN `pf` = `p` THEN `p_cents` ELSE 0 END) AS `new_revenue_minor`,
  (SELECT (146097 * intDiv((intDiv(((`first_p` * 3 - 2) - modulo(modulo((`first_p` * 3 - 2), 12) + 12, 12)), 12) - modulo(modulo(intDiv(((`first_p` * 3 - 2) - modulo(modulo((`first_p` * 3 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400) + (365 * (intDiv(((`first_p` * 3 - 2) - modulo(modulo((`first_p` * 3 - 2), 12) + 12, 12)), 12) - 400 * intDiv((intDiv(((`first_p` * 3 - 2) - modulo(modulo((`first_p` * 3 - 2), 12) + 12, 12)), 12) - modulo(modulo(intDiv(((`first_p` * 3 - 2) - modulo(modulo((`first_p` * 3 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400)) + intDiv((intDiv(((`first_p` * 3 - 2) - modulo(modulo((`first_p` * 3 - 2), 12) + 12, 12)), 12) - 400 * intDiv((intDiv(((`first_p` * 3 - 2) - modulo(modulo((`first_p` * 3 - 2), 12) + 12, 12)), 12) - modulo(modulo(intDiv(((`first_p` * 3 - 2) - modulo(modulo((`first_p` * 3 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400)), 4) - intDiv((intDiv(((`first_p` * 3 - 2) - modulo(modulo((`first_p` * 3 - 2), 12) + 12, 12)), 12) - 400 * intDiv((intDiv(((`first_p` * 3 - 2) - modulo(modulo((`first_p` * 3 - 2), 12) + 12, 12)), 12) - modulo(modulo(intDiv(((`first_p` * 3 - 2) - modulo(modulo((`first_p` * 3 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400)), 100) + intDiv(153 * ((`first_p` * 3 - 2) - 12 * intDiv(((`first_p` * 3 - 2) - modulo(modulo((`first_p` * 3 - 2), 12) + 12, 12)), 12)) + 2, 5)) - 719468) FROM (SELECT min(`pf`) AS `first_p` FROM (
  SELECT `c`, min(`pd`) AS `pf`
  FROM (
    SELECT `c`, `day_cents`, intDiv((12 * (`pd_yoe` + 400 * `pd_era`) + intDiv(5 * (`pd_doe` - (365 * `pd_yoe` + intDiv(`pd_yoe`, 4) - intDiv(`pd_yoe`, 100))) + 2, 153) + 2 - modulo(modulo(12 * (`pd_yoe` + 400 * `pd_era`) + intDiv(5 * (`pd_doe` - (365 * `pd_yoe` + intDiv(`pd_yoe`, 4) - intDiv(`pd_yoe`, 100))) + 2, 153) + 2, 3) + 3, 3)), 3) AS `pd`, intDiv((12 * (`pw_yoe` + 400 * `pw_era`) + intDiv(5 * (`pw_doe` - (365 * `pw_yoe` + intDiv(`pw_yoe`, 4) - intDiv(`pw_yoe`, 100))) + 2, 153) + 2 - modulo(modulo(12 * (`pw_yoe` + 400 * `pw_era`) + intDiv(5 * (`pw_doe` - (365 * `pw_yoe` + intDiv(`pw_yoe`, 4) - intDiv(`pw_yoe`, 100))) + 2, 153) + 2, 3) + 3, 3)), 3) AS `pw`
    FROM (SELECT `c`, `day_cents`, `pd_era`, `pd_doe`, intDiv((`pd_doe` - intDiv(`pd_doe`, 1460) + intDiv(`pd_doe`, 36524) - intDiv(`pd_doe`, 146096)), 365) AS `pd_yoe`, `pw_era`, `pw_doe`, intDiv((`pw_doe` - intDiv(`pw_doe`, 1460) + intDiv(`pw_doe`, 36524) - intDiv(`pw_doe`, 146096)), 365) AS `pw_yoe`
    FROM (SELECT `c`, `day_cents`, `pd_era`, `pd_z` - `pd_era` * 146097 AS `pd_doe`, `pw_era`, `pw_z` - `pw_era` * 146097 AS `pw_doe`
    FROM (SELECT `c`, `day_cents`, `pd_z`, intDiv((`pd_z` - modulo(modulo(`pd_z`, 146097) + 146097, 146097)), 146097) AS `pd_era`, `pw_z`, intDiv((`pw_z` - modulo(modulo(`pw_z`, 146097) + 146097, 146097)), 146097) AS `pw_era`
    FROM (SELECT `c`, `day_cents`, `day` + 719468 AS `pd_z`, `day` + 90 + 719468 AS `pw_z`
    FROM (SELECT `c`, `day`, sum(`cents`) AS `day_cents` FROM (
      SELECT `patronage_customer_id` AS `c`, intDiv((toInt64(`patronage_at`) - modulo(modulo(toInt64(`patronage_at`), 86400000) + 86400000, 86400000)), 86400000) AS `day`, toInt64(0) AS `cents`
      FROM (
        SELECT `cid` AS `patronage_customer_id`, `at_ms` AS `patronage_at` FROM `orders`
      ) AS `source`
    ) AS `local_days` GROUP BY `c`, `day`) `purchase_days`) `o2`) `o3`) `o4`) `o5`
  ) AS `days` GROUP BY `c`
) AS `firsts`) `series_first`) AS `series_start`,
  (SELECT (146097 * intDiv((intDiv(((`last_p` * 3 - 2) - modulo(modulo((`last_p` * 3 - 2), 12) + 12, 12)), 12) - modulo(modulo(intDiv(((`last_p` * 3 - 2) - modulo(modulo((`last_p` * 3 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400) + (365 * (intDiv(((`last_p` * 3 - 2) - modulo(modulo((`last_p` * 3 - 2), 12) + 12, 12)), 12) - 400 * intDiv((intDiv(((`last_p` * 3 - 2) - modulo(modulo((`last_p` * 3 - 2), 12) + 12, 12)), 12) - modulo(modulo(intDiv(((`last_p` * 3 - 2) - modulo(modulo((`last_p` * 3 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400)) + intDiv((intDiv(((`last_p` * 3 - 2) - modulo(modulo((`last_p` * 3 - 2), 12) + 12, 12)), 12) - 400 * intDiv((intDiv(((`last_p` * 3 - 2) - modulo(modulo((`last_p` * 3 - 2), 12) + 12, 12)), 12) - modulo(modulo(intDiv(((`last_p` * 3 - 2) - modulo(modulo((`last_p` * 3 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400)), 4) - intDiv((intDiv(((`last_p` * 3 - 2) - modulo(modulo((`last_p` * 3 - 2), 12) + 12, 12)), 12) - 400 * intDiv((intDiv(((`last_p` * 3 - 2) - modulo(modulo((`last_p` * 3 - 2), 12) + 12, 12)), 12) - modulo(modulo(intDiv(((`last_p` * 3 - 2) - modulo(modulo((`last_p` * 3 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400)), 100) + intDiv(153 * ((`last_p` * 3 - 2) - 12 * intDiv(((`last_p` * 3 - 2) - modulo(modulo((`last_p` * 3 - 2), 12) + 12, 12)), 12)) + 2, 5)) - 719468) FROM (SELECT max(`pd`) AS `last_p` FROM (
  SELECT `c`, `day_cents`, intDiv((12 * (`pd_yoe` + 400 * `pd_era`) + intDiv(5 * (`pd_doe` - (365 * `pd_yoe` + intDiv(`pd_yoe`, 4) - intDiv(`pd_yoe`, 100))) + 2, 153) + 2 - modulo(modulo(12 * (`pd_yoe` + 400 * `pd_era`) + intDiv(5 * (`pd_doe` - (365 * `pd_yoe` + intDiv(`pd_yoe`, 4) - intDiv(`pd_yoe`, 100))) + 2, 153) + 2, 3) + 3, 3)), 3) AS `pd`, intDiv((12 * (`pw_yoe` + 400 * `pw_era`) + intDiv(5 * (`pw_doe` - (365 * `pw_yoe` + intDiv(`pw_yoe`, 4) - intDiv(`pw_yoe`, 100))) + 2, 153) + 2 - modulo(modulo(12 * (`pw_yoe` + 400 * `pw_era`) + intDiv(5 * (`pw_doe` - (365 * `pw_yoe` + intDiv(`pw_yoe`, 4) - intDiv(`pw_yoe`, 100))) + 2, 153) + 2, 3) + 3, 3)), 3) AS `pw`
  FROM (SELECT `c`, `day_cents`, `pd_era`, `pd_doe`, intDiv((`pd_doe` - intDiv(`pd_doe`, 1460) + intDiv(`pd_doe`, 36524) - intDiv(`pd_doe`, 146096)), 365) AS `pd_yoe`, `pw_era`, `pw_doe`, intDiv((`pw_doe` - intDiv(`pw_doe`, 1460) + intDiv(`pw_doe`, 36524) - intDiv(`pw_doe`, 146096)), 365) AS `pw_yoe`
  FROM (SELECT `c`, `day_cents`, `pd_era`, `pd_z` - `pd_era` * 146097 AS `pd_doe`, `pw_era`, `pw_z` - `pw_era` * 146097 AS `pw_doe`
  FROM (SELECT `c`, `day_cents`, `pd_z`, intDiv((`pd_z` - modulo(modulo(`pd_z`, 146097) + 146097, 146097)), 146097) AS `pd_era`, `pw_z`, intDiv((`pw_z` - modulo(modulo(`pw_z`, 146097) + 146097, 146097)), 146097) AS `pw_era`
  FROM (SELECT `c`, `day_cents`, `day` + 719468 AS `pd_z`, `day` + 90 + 719468 AS `pw_z`
  FROM (SELECT `c`, `day`, sum(`cents`) AS `day_cents` FROM (
    SELECT `patronage_customer_id` AS `c`, intDiv((toInt64(`patronage_at`) - modulo(modulo(toInt64(`patronage_at`), 86400000) + 86400000, 86400000)), 86400000) AS `day`, toInt64(0) AS `cents`
    FROM (
      SELECT `cid` AS `patronage_customer_id`, `at_ms` AS `patronage_at` FROM `orders`
    ) AS `source`
  ) AS `local_days` GROUP BY `c`, `day`) `purchase_days`) `o2`) `o3`) `o4`) `o5`
) AS `days`) `series_last`) AS `series_end`
FROM (
  SELECT `p`, `s`, `e`, `p_cents`, `pf`
  FROM (
    SELECT `c`, `p`, max(`at_start`) AS `s`, max(`at_end`) AS `e`, sum(`mark_cents`) AS `p_cents`
    FROM (
      SELECT `c`, `p`,
        CASE WHEN `p` > `pd` THEN toInt64(1) ELSE toInt64(0) END AS `at_start`,
        CASE WHEN `p` < `pw` THEN toInt64(1) ELSE toInt64(0) END AS `at_end`,
        CASE WHEN `p` = `pd` THEN `day_cents` ELSE toInt64(0) END AS `mark_cents`
      FROM (SELECT `c`, `pd`, `pw`, `day_cents`, toInt64(`pd`) + toInt64(arrayJoin(range(toUInt64(greatest(toInt64(`pw`) - toInt64(`pd`) + 1, 0))))) AS `p` FROM (
        SELECT `c`, `day_cents`, intDiv((12 * (`pd_yoe` + 400 * `pd_era`) + intDiv(5 * (`pd_doe` - (365 * `pd_yoe` + intDiv(`pd_yoe`, 4) - intDiv(`pd_yoe`, 100))) + 2, 153) + 2 - modulo(modulo(12 * (`pd_yoe` + 400 * `pd_era`) + intDiv(5 * (`pd_doe` - (365 * `pd_yoe` + intDiv(`pd_yoe`, 4) - intDiv(`pd_yoe`, 100))) + 2, 153) + 2, 3) + 3, 3)), 3) AS `pd`, intDiv((12 * (`pw_yoe` + 400 * `pw_era`) + intDiv(5 * (`pw_doe` - (365 * `pw_yoe` + intDiv(`pw_yoe`, 4) - intDiv(`pw_yoe`, 100))) + 2, 153) + 2 - modulo(modulo(12 * (`pw_yoe` + 400 * `pw_era`) + intDiv(5 * (`pw_doe` - (365 * `pw_yoe` + intDiv(`pw_yoe`, 4) - intDiv(`pw_yoe`, 100))) + 2, 153) + 2, 3) + 3, 3)), 3) AS `pw`
        FROM (SELECT `c`, `day_cents`, `pd_era`, `pd_doe`, intDiv((`pd_doe` - intDiv(`pd_doe`, 1460) + intDiv(`pd_doe`, 36524) - intDiv(`pd_doe`, 146096)), 365) AS `pd_yoe`, `pw_era`, `pw_doe`, intDiv((`pw_doe` - intDiv(`pw_doe`, 1460) + intDiv(`pw_doe`, 36524) - intDiv(`pw_doe`, 146096)), 365) AS `pw_yoe`
        FROM (SELECT `c`, `day_cents`, `pd_era`, `pd_z` - `pd_era` * 146097 AS `pd_doe`, `pw_era`, `pw_z` - `pw_era` * 146097 AS `pw_doe`
        FROM (SELECT `c`, `day_cents`, `pd_z`, intDiv((`pd_z` - modulo(modulo(`pd_z`, 146097) + 146097, 146097)), 146097) AS `pd_era`, `pw_z`, intDiv((`pw_z` - modulo(modulo(`pw_z`, 146097) + 146097, 146097)), 146097) AS `pw_era`
        FROM (SELECT `c`, `day_cents`, `day` + 719468 AS `pd_z`, `day` + 90 + 719468 AS `pw_z`
        FROM (SELECT `c`, `day`, sum(`cents`) AS `day_cents` FROM (
          SELECT `patronage_customer_id` AS `c`, intDiv((toInt64(`patronage_at`) - modulo(modulo(toInt64(`patronage_at`), 86400000) + 86400000, 86400000)), 86400000) AS `day`, toInt64(0) AS `cents`
          FROM (
            SELECT `cid` AS `patronage_customer_id`, `at_ms` AS `patronage_at` FROM `orders`
          ) AS `source`
        ) AS `local_days` GROUP BY `c`, `day`) `purchase_days`) `o2`) `o3`) `o4`) `o5`
      ) AS `days`) `expanded`
    ) AS `marks` WHERE `p` <= (SELECT max(`pd`) FROM (
      SELECT `c`, `day_cents`, intDiv((12 * (`pd_yoe` + 400 * `pd_era`) + intDiv(5 * (`pd_doe` - (365 * `pd_yoe` + intDiv(`pd_yoe`, 4) - intDiv(`pd_yoe`, 100))) + 2, 153) + 2 - modulo(modulo(12 * (`pd_yoe` + 400 * `pd_era`) + intDiv(5 * (`pd_doe` - (365 * `pd_yoe` + intDiv(`pd_yoe`, 4) - intDiv(`pd_yoe`, 100))) + 2, 153) + 2, 3) + 3, 3)), 3) AS `pd`, intDiv((12 * (`pw_yoe` + 400 * `pw_era`) + intDiv(5 * (`pw_doe` - (365 * `pw_yoe` + intDiv(`pw_yoe`, 4) - intDiv(`pw_yoe`, 100))) + 2, 153) + 2 - modulo(modulo(12 * (`pw_yoe` + 400 * `pw_era`) + intDiv(5 * (`pw_doe` - (365 * `pw_yoe` + intDiv(`pw_yoe`, 4) - intDiv(`pw_yoe`, 100))) + 2, 153) + 2, 3) + 3, 3)), 3) AS `pw`
      FROM (SELECT `c`, `day_cents`, `pd_era`, `pd_doe`, intDiv((`pd_doe` - intDiv(`pd_doe`, 1460) + intDiv(`pd_doe`, 36524) - intDiv(`pd_doe`, 146096)), 365) AS `pd_yoe`, `pw_era`, `pw_doe`, intDiv((`pw_doe` - intDiv(`pw_doe`, 1460) + intDiv(`pw_doe`, 36524) - intDiv(`pw_doe`, 146096)), 365) AS `pw_yoe`
      FROM (SELECT `c`, `day_cents`, `pd_era`, `pd_z` - `pd_era` * 146097 AS `pd_doe`, `pw_era`, `pw_z` - `pw_era` * 146097 AS `pw_doe`
      FROM (SELECT `c`, `day_cents`, `pd_z`, intDiv((`pd_z` - modulo(modulo(`pd_z`, 146097) + 146097, 146097)), 146097) AS `pd_era`, `pw_z`, intDiv((`pw_z` - modulo(modulo(`pw_z`, 146097) + 146097, 146097)), 146097) AS `pw_era`
      FROM (SELECT `c`, `day_cents`, `day` + 719468 AS `pd_z`, `day` + 90 + 719468 AS `pw_z`
      FROM (SELECT `c`, `day`, sum(`cents`) AS `day_cents` FROM (
        SELECT `patronage_customer_id` AS `c`, intDiv((toInt64(`patronage_at`) - modulo(modulo(toInt64(`patronage_at`), 86400000) + 86400000, 86400000)), 86400000) AS `day`, toInt64(0) AS `cents`
        FROM (
          SELECT `cid` AS `patronage_customer_id`, `at_ms` AS `patronage_at` FROM `orders`
        ) AS `source`
      ) AS `local_days` GROUP BY `c`, `day`) `purchase_days`) `o2`) `o3`) `o4`) `o5`
    ) AS `days`) GROUP BY `c`, `p`
  ) AS `states` ALL INNER JOIN (
    SELECT `c`, min(`pd`) AS `pf`
    FROM (
      SELECT `c`, `day_cents`, intDiv((12 * (`pd_yoe` + 400 * `pd_era`) + intDiv(5 * (`pd_doe` - (365 * `pd_yoe` + intDiv(`pd_yoe`, 4) - intDiv(`pd_yoe`, 100))) + 2, 153) + 2 - modulo(modulo(12 * (`pd_yoe` + 400 * `pd_era`) + intDiv(5 * (`pd_doe` - (365 * `pd_yoe` + intDiv(`pd_yoe`, 4) - intDiv(`pd_yoe`, 100))) + 2, 153) + 2, 3) + 3, 3)), 3) AS `pd`, intDiv((12 * (`pw_yoe` + 400 * `pw_era`) + intDiv(5 * (`pw_doe` - (365 * `pw_yoe` + intDiv(`pw_yoe`, 4) - intDiv(`pw_yoe`, 100))) + 2, 153) + 2 - modulo(modulo(12 * (`pw_yoe` + 400 * `pw_era`) + intDiv(5 * (`pw_doe` - (365 * `pw_yoe` + intDiv(`pw_yoe`, 4) - intDiv(`pw_yoe`, 100))) + 2, 153) + 2, 3) + 3, 3)), 3) AS `pw`
      FROM (SELECT `c`, `day_cents`, `pd_era`, `pd_doe`, intDiv((`pd_doe` - intDiv(`pd_doe`, 1460) + intDiv(`pd_doe`, 36524) - intDiv(`pd_doe`, 146096)), 365) AS `pd_yoe`, `pw_era`, `pw_doe`, intDiv((`pw_doe` - intDiv(`pw_doe`, 1460) + intDiv(`pw_doe`, 36524) - intDiv(`pw_doe`, 146096)), 365) AS `pw_yoe`
      FROM (SELECT `c`, `day_cents`, `pd_era`, `pd_z` - `pd_era` * 146097 AS `pd_doe`, `pw_era`, `pw_z` - `pw_era` * 146097 AS `pw_doe`
      FROM (SELECT `c`, `day_cents`, `pd_z`, intDiv((`pd_z` - modulo(modulo(`pd_z`, 146097) + 146097, 146097)), 146097) AS `pd_era`, `pw_z`, intDiv((`pw_z` - modulo(modulo(`pw_z`, 146097) + 146097, 146097)), 146097) AS `pw_era`
      FROM (SELECT `c`, `day_cents`, `day` + 719468 AS `pd_z`, `day` + 90 + 719468 AS `pw_z`
      FROM (SELECT `c`, `day`, sum(`cents`) AS `day_cents` FROM (
        SELECT `patronage_customer_id` AS `c`, intDiv((toInt64(`patronage_at`) - modulo(modulo(toInt64(`patronage_at`), 86400000) + 86400000, 86400000)), 86400000) AS `day`, toInt64(0) AS `cents`
        FROM (
          SELECT `cid` AS `patronage_customer_id`, `at_ms` AS `patronage_at` FROM `orders`
        ) AS `source`
      ) AS `local_days` GROUP BY `c`, `day`) `purchase_days`) `o2`) `o3`) `o4`) `o5`
    ) AS `days` GROUP BY `c`
  ) AS `firsts` USING (`c`)
) AS `classified`
GROUP BY `p`
ORDER BY `p`
