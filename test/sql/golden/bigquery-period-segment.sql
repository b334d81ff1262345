-- monthly by region, active within 90 days, to 2025-06-30
WITH
`local_days` AS (
  SELECT `customer_id` AS `c`, DIV((UNIX_MILLIS(`ordered_at`) - MOD(MOD(UNIX_MILLIS(`ordered_at`), 86400000) + 86400000, 86400000)), 86400000) AS `day`, CAST(round(`total` * 100) AS INT64) AS `cents`
  FROM `shop`.`orders`
),
`days` AS (
  SELECT `c`, `day_cents`, 12 * (`pd_yoe` + 400 * `pd_era`) + DIV(5 * (`pd_doe` - (365 * `pd_yoe` + DIV(`pd_yoe`, 4) - DIV(`pd_yoe`, 100))) + 2, 153) + 2 AS `pd`, 12 * (`pw_yoe` + 400 * `pw_era`) + DIV(5 * (`pw_doe` - (365 * `pw_yoe` + DIV(`pw_yoe`, 4) - DIV(`pw_yoe`, 100))) + 2, 153) + 2 AS `pw`
  FROM (SELECT `c`, `day_cents`, `pd_era`, `pd_doe`, DIV((`pd_doe` - DIV(`pd_doe`, 1460) + DIV(`pd_doe`, 36524) - DIV(`pd_doe`, 146096)), 365) AS `pd_yoe`, `pw_era`, `pw_doe`, DIV((`pw_doe` - DIV(`pw_doe`, 1460) + DIV(`pw_doe`, 36524) - DIV(`pw_doe`, 146096)), 365) AS `pw_yoe`
  FROM (SELECT `c`, `day_cents`, `pd_era`, `pd_z` - `pd_era` * 146097 AS `pd_doe`, `pw_era`, `pw_z` - `pw_era` * 146097 AS `pw_doe`
  FROM (SELECT `c`, `day_cents`, `pd_z`, DIV((`pd_z` - MOD(MOD(`pd_z`, 146097) + 146097, 146097)), 146097) AS `pd_era`, `pw_z`, DIV((`pw_z` - MOD(MOD(`pw_z`, 146097) + 146097, 146097)), 146097) AS `pw_era`
  FROM (SELECT `c`, `day_cents`, `day` + 719468 AS `pd_z`, `day` + 90 + 719468 AS `pw_z`
  FROM (SELECT `c`, `day`, sum(`cents`) AS `day_cents` FROM `local_days` WHERE `day` <= 20269 GROUP BY `c`, `day`) `purchase_days`) `o2`) `o3`) `o4`) `o5`
),
`firsts` AS (
  SELECT `c`, min(`pd`) AS `pf`
  FROM `days` GROUP BY `c`
),
`marks` AS (
  SELECT `c`, `p`,
    CASE WHEN `p` > `pd` THEN CAST(1 AS INT64) ELSE CAST(0 AS INT64) END AS `at_start`,
    CASE WHEN `p` < `pw` THEN CAST(1 AS INT64) ELSE CAST(0 AS INT64) END AS `at_end`,
    CASE WHEN `p` = `pd` THEN `day_cents` ELSE CAST(0 AS INT64) END AS `mark_cents`
  FROM (SELECT `c`, `pd`, `pw`, `day_cents`, `p` FROM `days`, UNNEST(GENERATE_ARRAY(`pd`, `pw`)) AS `p`) `expanded`
),
`states` AS (
  SELECT `c`, `p`, max(`at_start`) AS `s`, max(`at_end`) AS `e`, sum(`mark_cents`) AS `p_cents`
  FROM `marks` WHERE `p` <= 24305 GROUP BY `c`, `p`
),
`segments` AS (
  SELECT `c`, min(`segment_value`) AS `seg`
  FROM (SELECT `customer_id` AS `c`, DIV((UNIX_MILLIS(`ordered_at`) - MOD(MOD(UNIX_MILLIS(`ordered_at`), 86400000) + 86400000, 86400000)), 86400000) AS `day`, `region` AS `segment_value` FROM `shop`.`orders`) `segment_days` WHERE `day` <= 20269 GROUP BY `c`
),
`customers` AS (
  SELECT `c`, `pf`, `seg`
  FROM `firsts` INNER JOIN `segments` USING (`c`)
),
`classified` AS (
  SELECT `p`, `s`, `e`, `p_cents`, `pf`, `seg`
  FROM `states` INNER JOIN `customers` USING (`c`)
),
`levels` AS (
  SELECT `p`, `s`, `e`, `p_cents`, `pf`, `level` AS `by_segment`,
    CASE WHEN `level` = 1 THEN `seg` END AS `segment_key`
  FROM (SELECT `p`, `s`, `e`, `p_cents`, `pf`, `seg`, `level` FROM `classified`, UNNEST(GENERATE_ARRAY(0, 1)) AS `level`) `expanded_levels`
)
SELECT 1 - `by_segment` AS `all_customers`, `segment_key` AS `segment`,
  (146097 * DIV((DIV(((`p` * 1 - 2) - MOD(MOD((`p` * 1 - 2), 12) + 12, 12)), 12) - MOD(MOD(DIV(((`p` * 1 - 2) - MOD(MOD((`p` * 1 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400) + (365 * (DIV(((`p` * 1 - 2) - MOD(MOD((`p` * 1 - 2), 12) + 12, 12)), 12) - 400 * DIV((DIV(((`p` * 1 - 2) - MOD(MOD((`p` * 1 - 2), 12) + 12, 12)), 12) - MOD(MOD(DIV(((`p` * 1 - 2) - MOD(MOD((`p` * 1 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400)) + DIV((DIV(((`p` * 1 - 2) - MOD(MOD((`p` * 1 - 2), 12) + 12, 12)), 12) - 400 * DIV((DIV(((`p` * 1 - 2) - MOD(MOD((`p` * 1 - 2), 12) + 12, 12)), 12) - MOD(MOD(DIV(((`p` * 1 - 2) - MOD(MOD((`p` * 1 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400)), 4) - DIV((DIV(((`p` * 1 - 2) - MOD(MOD((`p` * 1 - 2), 12) + 12, 12)), 12) - 400 * DIV((DIV(((`p` * 1 - 2) - MOD(MOD((`p` * 1 - 2), 12) + 12, 12)), 12) - MOD(MOD(DIV(((`p` * 1 - 2) - MOD(MOD((`p` * 1 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400)), 100) + DIV(153 * ((`p` * 1 - 2) - 12 * DIV(((`p` * 1 - 2) - MOD(MOD((`p` * 1 - 2), 12) + 12, 12)), 12)) + 2, 5)) - 719468) AS `period_start`,
  (146097 * DIV((DIV(((`p` * 1 - 2) - MOD(MOD((`p` * 1 - 2), 12) + 12, 12)), 12) - MOD(MOD(DIV(((`p` * 1 - 2) - MOD(MOD((`p` * 1 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400) + (365 * (DIV(((`p` * 1 - 2) - MOD(MOD((`p` * 1 - 2), 12) + 12, 12)), 12) - 400 * DIV((DIV(((`p` * 1 - 2) - MOD(MOD((`p` * 1 - 2), 12) + 12, 12)), 12) - MOD(MOD(DIV(((`p` * 1 - 2) - MOD(MOD((`p` * 1 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400)) + DIV((DIV(((`p` * 1 - 2) - MOD(MOD((`p` * 1 - 2), 12) + 12, 12)), 12) - 400 * DIV((DIV(((`p` * 1 - 2) - MOD(MOD((`p` * 1 - 2), 12) + 12, 12)), 12) - MOD(MOD(DIV(((`p` * 1 - 2) - MOD(MOD((`p` * 1 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400)), 4) - DIV((DIV(((`p` * 1 - 2) - MOD(MOD((`p` * 1 - 2), 12) + 12, 12)), 12) - 400 * DIV((DIV(((`p` * 1 - 2) - MOD(MOD((`p` * 1 - 2), 12) + 12, 12)), 12) - MOD(MOD(DIV(((`p` * 1 - 2) - MOD(MOD((`p` * 1 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400)), 100) + DIV(153 * ((`p` * 1 - 2) - 12 * DIV(((`p` * 1 - 2) - MOD(MOD((`p` * 1 - 2), 12) + 12, 12)), 12)) + 2, 5)) - 719468) * 86400000 - 0 AS `start_ms`,
  sum(`s`) AS `customers_at_start`,
  sum(`e`) AS `customers_at_end`,
  sum(CASE WHEN `e` = 1 AND `s` = 0 AND `pf` = `p` THEN 1 ELSE 0 END) AS `acquired`,
  sum(CASE WHEN `e` = 1 AND `s` = 0 AND `pf` < `p` THEN 1 ELSE 0 END) AS `reactivated`,
  sum(CASE WHEN `s` = 1 AND `e` = 1 THEN 1 ELSE 0 END) AS `retained`,
  sum(`p_cents`) AS `revenue_minor`,
  sum(CASE WHEN `pf` = `p` THEN `p_cents` ELSE 0 END) AS `new_revenue_minor`,
  (SELECT (146097 * DIV((DIV(((`first_p` * 1 - 2) - MOD(MOD((`first_p` * 1 - 2), 12) + 12, 12)), 12) - MOD(MOD(DIV(((`first_p` * 1 - 2) - MOD(MOD((`first_p` * 1 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400) + (365 * (DIV(((`first_p` * 1 - 2) - MOD(MOD((`first_p` * 1 - 2), 12) + 12, 12)), 12) - 400 * DIV((DIV(((`first_p` * 1 - 2) - MOD(MOD((`first_p` * 1 - 2), 12) + 12, 12)), 12) - MOD(MOD(DIV(((`first_p` * 1 - 2) - MOD(MOD((`first_p` * 1 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400)) + DIV((DIV(((`first_p` * 1 - 2) - MOD(MOD((`first_p` * 1 - 2), 12) + 12, 12)), 12) - 400 * DIV((DIV(((`first_p` * 1 - 2) - MOD(MOD((`first_p` * 1 - 2), 12) + 12, 12)), 12) - MOD(MOD(DIV(((`first_p` * 1 - 2) - MOD(MOD((`first_p` * 1 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400)), 4) - DIV((DIV(((`first_p` * 1 - 2) - MOD(MOD((`first_p` * 1 - 2), 12) + 12, 12)), 12) - 400 * DIV((DIV(((`first_p` * 1 - 2) - MOD(MOD((`first_p` * 1 - 2), 12) + 12, 12)), 12) - MOD(MOD(DIV(((`first_p` * 1 - 2) - MOD(MOD((`first_p` * 1 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400)), 100) + DIV(153 * ((`first_p` * 1 - 2) - 12 * DIV(((`first_p` * 1 - 2) - MOD(MOD((`first_p` * 1 - 2), 12) + 12, 12)), 12)) + 2, 5)) - 719468) FROM (SELECT min(`pf`) AS `first_p` FROM `firsts`) `series_first`) AS `series_start`,
  20240 AS `series_end`
FROM `levels`
GROUP BY `by_segment`, `segment_key`, `p`
ORDER BY `by_segment`, `segment_key`, `p`
