-- weekly, to 2025-06-30, 12 periods
WITH
`local_days` AS (
  SELECT `customer_id` AS `c`, DIV((UNIX_MILLIS(`ordered_at`) - 18000000 - MOD(MOD(UNIX_MILLIS(`ordered_at`) - 18000000, 86400000) + 86400000, 86400000)), 86400000) AS `day`, CAST(round(`total` * 100) AS INT64) AS `cents`
  FROM `shop`.`orders`
),
`ordinals` AS (
  SELECT `c`, `day` - MOD(MOD(`day` + 4, 7) + 7, 7) AS `o`, `cents` FROM `local_days`
),
`active` AS (
  SELECT `c`, `o`, sum(`cents`) AS `o_cents`
  FROM `ordinals` WHERE `o` <= 20268 GROUP BY `c`, `o`
),
`firsts` AS (
  SELECT `c`, min(`o`) AS `co`
  FROM `active` GROUP BY `c`
),
`cells` AS (
  SELECT `co`, DIV(`o` - `co`, 7) AS `k`, count(*) AS `n`, sum(`o_cents`) AS `k_cents`
  FROM `active` INNER JOIN `firsts` USING (`c`)
  WHERE DIV(`o` - `co`, 7) < 12
  GROUP BY `co`, DIV(`o` - `co`, 7)
)
SELECT `co` AS `cohort_start`,
  `k` AS `period`,
  CASE WHEN DIV(20268 - `co`, 7) + 1 < 12 THEN DIV(20268 - `co`, 7) + 1 ELSE 12 END AS `periods`,
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
  SELECT `c`, DIV((12 * (`yoe` + 400 * `era`) + DIV(5 * (`doe` - (365 * `yoe` + DIV(`yoe`, 4) - DIV(`yoe`, 100))) + 2, 153) + 2 - MOD(MOD(12 * (`yoe` + 400 * `era`) + DIV(5 * (`doe` - (365 * `yoe` + DIV(`yoe`, 4) - DIV(`yoe`, 100))) + 2, 153) + 2, 3) + 3, 3)), 3) AS `o`, `cents`
  FROM (SELECT `c`, `cents`, `era`, `doe`, DIV((`doe` - DIV(`doe`, 1460) + DIV(`doe`, 36524) - DIV(`doe`, 146096)), 365) AS `yoe`
  FROM (SELECT `c`, `cents`, `era`, `z` - `era` * 146097 AS `doe`
  FROM (SELECT `c`, `cents`, `z`, DIV((`z` - MOD(MOD(`z`, 146097) + 146097, 146097)), 146097) AS `era`
  FROM (SELECT `c`, `cents`, `day` + 719468 AS `z` FROM `local_days`) `s1`) `s2`) `s3`) `s4`
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
