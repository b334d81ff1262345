-- weekly, to 2025-06-30, 12 periods
WITH
`local_days` AS (
  SELECT `customer_id` AS `c`, (((unix_millis(`ordered_at`) - 18000000 - ((((unix_millis(`ordered_at`) - 18000000) % (86400000)) + 86400000) % (86400000)))) div (86400000)) AS `day`, CAST(round(`total` * 100) AS BIGINT) AS `cents`
  FROM `shop`.`orders`
),
`ordinals` AS (
  SELECT `c`, `cents`, (((`day` + 4 - ((((`day` + 4) % (7)) + 7) % (7)))) div (7)) AS `o` FROM `local_days`
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
  CAST(`k_cents` AS DOUBLE) / CAST(1e+2 AS DOUBLE) AS `revenue`
FROM `cells`
ORDER BY `cohort_start`, `period`

-- quarterly
WITH
`local_days` AS (
  SELECT `cid` AS `c`, (((CAST(`at_ms` AS BIGINT) - ((((CAST(`at_ms` AS BIGINT)) % (86400000)) + 86400000) % (86400000)))) div (86400000)) AS `day`, CAST(0 AS BIGINT) AS `cents`
  FROM `orders`
),
`ordinals` AS (
  SELECT `c`, `cents`, (((12 * (`o_yoe` + 400 * `o_era`) + ((5 * (`o_doe` - (365 * `o_yoe` + ((`o_yoe`) div (4)) - ((`o_yoe`) div (100)))) + 2) div (153)) + 2 - ((((12 * (`o_yoe` + 400 * `o_era`) + ((5 * (`o_doe` - (365 * `o_yoe` + ((`o_yoe`) div (4)) - ((`o_yoe`) div (100)))) + 2) div (153)) + 2) % (3)) + 3) % (3)))) div (3)) AS `o`
  FROM (SELECT `c`, `cents`, `o_era`, `o_doe`, (((`o_doe` - ((`o_doe`) div (1460)) + ((`o_doe`) div (36524)) - ((`o_doe`) div (146096)))) div (365)) AS `o_yoe`
  FROM (SELECT `c`, `cents`, `o_era`, `o_z` - `o_era` * 146097 AS `o_doe`
  FROM (SELECT `c`, `cents`, `o_z`, (((`o_z` - ((((`o_z`) % (146097)) + 146097) % (146097)))) div (146097)) AS `o_era`
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
SELECT (146097 * (((((((`co` * 3 - 2) - (((((`co` * 3 - 2)) % (12)) + 12) % (12)))) div (12)) - ((((((((`co` * 3 - 2) - (((((`co` * 3 - 2)) % (12)) + 12) % (12)))) div (12))) % (400)) + 400) % (400)))) div (400)) + (365 * (((((`co` * 3 - 2) - (((((`co` * 3 - 2)) % (12)) + 12) % (12)))) div (12)) - 400 * (((((((`co` * 3 - 2) - (((((`co` * 3 - 2)) % (12)) + 12) % (12)))) div (12)) - ((((((((`co` * 3 - 2) - (((((`co` * 3 - 2)) % (12)) + 12) % (12)))) div (12))) % (400)) + 400) % (400)))) div (400))) + (((((((`co` * 3 - 2) - (((((`co` * 3 - 2)) % (12)) + 12) % (12)))) div (12)) - 400 * (((((((`co` * 3 - 2) - (((((`co` * 3 - 2)) % (12)) + 12) % (12)))) div (12)) - ((((((((`co` * 3 - 2) - (((((`co` * 3 - 2)) % (12)) + 12) % (12)))) div (12))) % (400)) + 400) % (400)))) div (400)))) div (4)) - (((((((`co` * 3 - 2) - (((((`co` * 3 - 2)) % (12)) + 12) % (12)))) div (12)) - 400 * (((((((`co` * 3 - 2) - (((((`co` * 3 - 2)) % (12)) + 12) % (12)))) div (12)) - ((((((((`co` * 3 - 2) - (((((`co` * 3 - 2)) % (12)) + 12) % (12)))) div (12))) % (400)) + 400) % (400)))) div (400)))) div (100)) + ((153 * ((`co` * 3 - 2) - 12 * ((((`co` * 3 - 2) - (((((`co` * 3 - 2)) % (12)) + 12) % (12)))) div (12))) + 2) div (5))) - 719468) AS `cohort_start`,
  `k` AS `period`,
  (SELECT max(`o`) FROM `active`) - `co` + 1 AS `periods`,
  `n` AS `customers`,
  `k_cents` AS `revenue_minor`,
  CAST(`k_cents` AS DOUBLE) / CAST(1e+2 AS DOUBLE) AS `revenue`
FROM `cells`
ORDER BY `cohort_start`, `period`
