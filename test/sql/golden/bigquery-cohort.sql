-- weekly, to 2025-06-30, 12 periods
WITH
`local_days` AS (
  SELECT `customer_id` AS `c`, DIV((UNIX_MILLIS(`ordered_at`) - 18000000 - MOD(MOD(UNIX_MILLIS(`ordered_at`) - 18000000, 86400000) + 86400000, 86400000)), 86400000) AS `day`, CAST(round(`total` * 100) AS INT64) AS `cents`
  FROM `shop`.`orders`
),
`ordinals` AS (
  SELECT `c`, `cents`, DIV((`day` + 4 - MOD(MOD(`day` + 4, 7) + 7, 7)), 7) AS `o` FROM `local_days`
),
`active` AS (
  SELECT `c`, `o`, sum(`cents`) AS `o_cents`
  FROM `ordinals` WHERE `o` <= 2896 GROUP BY `c`, `o`
),
`firsts` AS (
  SELECT `c`, min(`o`) AS `co`
  FROM `active` GROUP BY `c`
),
`cells` AS (
  SELECT `co`, `o` - `co` AS `k`, count(*) AS `n`, sum(`o_cents`) AS `k_cents`
  FROM `active` INNER JOIN `firsts` USING (`c`)
  WHERE `o` - `co` < 12
  GROUP BY `co`, `o` - `co`
)
SELECT (7 * `co` - 4) AS `cohort_start`,
  `k` AS `period`,
  CASE WHEN 2896 - `co` + 1 < 12 THEN 2896 - `co` + 1 ELSE 12 END AS `periods`,
  `n` AS `customers`,
  `k_cents` AS `revenue_minor`,
  CAST(`k_cents` AS FLOAT64) / CAST(1e+2 AS FLOAT64) AS `revenue`
FROM `cells`
ORDER BY `cohort_start`, `period`

-- quarterly
WITH
`local_days` AS (
  SELECT `cid` AS `c`, DIV((CAST(`at_ms` AS INT64) - MOD(MOD(CAST(`at_ms` AS INT64), 86400000) + 86400000, 86400000)), 86400000) AS `day`, CAST(0 AS INT64) AS `cents`
  FROM `orders`
),
`ordinals` AS (
  SELECT `c`, `cents`, DIV((12 * (`o_yoe` + 400 * `o_era`) + DIV(5 * (`o_doe` - (365 * `o_yoe` + DIV(`o_yoe`, 4) - DIV(`o_yoe`, 100))) + 2, 153) + 2 - MOD(MOD(12 * (`o_yoe` + 400 * `o_era`) + DIV(5 * (`o_doe` - (365 * `o_yoe` + DIV(`o_yoe`, 4) - DIV(`o_yoe`, 100))) + 2, 153) + 2, 3) + 3, 3)), 3) AS `o`
  FROM (SELECT `c`, `cents`, `o_era`, `o_doe`, DIV((`o_doe` - DIV(`o_doe`, 1460) + DIV(`o_doe`, 36524) - DIV(`o_doe`, 146096)), 365) AS `o_yoe`
  FROM (SELECT `c`, `cents`, `o_era`, `o_z` - `o_era` * 146097 AS `o_doe`
  FROM (SELECT `c`, `cents`, `o_z`, DIV((`o_z` - MOD(MOD(`o_z`, 146097) + 146097, 146097)), 146097) AS `o_era`
  FROM (SELECT `c`, `cents`, `day` + 719468 AS `o_z`
  FROM `local_days`) `o2`) `o3`) `o4`) `o5`
),
`active` AS (
  SELECT `c`, `o`, sum(`cents`) AS `o_cents`
  FROM `ordinals` GROUP BY `c`, `o`
),
`firsts` AS (
  SELECT `c`, min(`o`) AS `co`
  FROM `active` GROUP BY `c`
),
`cells` AS (
  SELECT `co`, `o` - `co` AS `k`, count(*) AS `n`, sum(`o_cents`) AS `k_cents`
  FROM `active` INNER JOIN `firsts` USING (`c`)
  GROUP BY `co`, `o` - `co`
)
SELECT (146097 * DIV((DIV(((`co` * 3 - 2) - MOD(MOD((`co` * 3 - 2), 12) + 12, 12)), 12) - MOD(MOD(DIV(((`co` * 3 - 2) - MOD(MOD((`co` * 3 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400) + (365 * (DIV(((`co` * 3 - 2) - MOD(MOD((`co` * 3 - 2), 12) + 12, 12)), 12) - 400 * DIV((DIV(((`co` * 3 - 2) - MOD(MOD((`co` * 3 - 2), 12) + 12, 12)), 12) - MOD(MOD(DIV(((`co` * 3 - 2) - MOD(MOD((`co` * 3 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400)) + DIV((DIV(((`co` * 3 - 2) - MOD(MOD((`co` * 3 - 2), 12) + 12, 12)), 12) - 400 * DIV((DIV(((`co` * 3 - 2) - MOD(MOD((`co` * 3 - 2), 12) + 12, 12)), 12) - MOD(MOD(DIV(((`co` * 3 - 2) - MOD(MOD((`co` * 3 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400)), 4) - DIV((DIV(((`co` * 3 - 2) - MOD(MOD((`co` * 3 - 2), 12) + 12, 12)), 12) - 400 * DIV((DIV(((`co` * 3 - 2) - MOD(MOD((`co` * 3 - 2), 12) + 12, 12)), 12) - MOD(MOD(DIV(((`co` * 3 - 2) - MOD(MOD((`co` * 3 - 2), 12) + 12, 12)), 12), 400) + 400, 400)), 400)), 100) + DIV(153 * ((`co` * 3 - 2) - 12 * DIV(((`co` * 3 - 2) - MOD(MOD((`co` * 3 - 2), 12) + 12, 12)), 12)) + 2, 5)) - 719468) AS `cohort_start`,
  `k` AS `period`,
  (SELECT max(`o`) FROM `active`) - `co` + 1 AS `periods`,
  `n` AS `customers`,
  `k_cents` AS `revenue_minor`,
  CAST(`k_cents` AS FLOAT64) / CAST(1e+2 AS FLOAT64) AS `revenue`
FROM `cells`
ORDER BY `cohort_start`, `period`
