-- weekly, to 2025-06-30, 12 periods
WITH
`local_days` AS (
  SELECT `customer_id` AS `c`, (((unix_millis(`ordered_at`) - 18000000 - ((((unix_millis(`ordered_at`) - 18000000) % (86400000)) + 86400000) % (86400000)))) div (86400000)) AS `day`, CAST(round(`total` * 100) AS BIGINT) AS `cents`
  FROM `shop`.`orders`
),
`ordinals` AS (
  SELECT `c`, `day` - ((((`day` + 4) % (7)) + 7) % (7)) AS `o`, `cents` FROM `local_days`
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
  SELECT `co`, ((`o` - `co`) div (7)) AS `k`, count(*) AS `n`, sum(`o_cents`) AS `k_cents`
  FROM `active` INNER JOIN `firsts` USING (`c`)
  WHERE ((`o` - `co`) div (7)) < 12
  GROUP BY `co`, ((`o` - `co`) div (7))
)
SELECT `co` AS `cohort_start`,
  `k` AS `period`,
  CASE WHEN ((20268 - `co`) div (7)) + 1 < 12 THEN ((20268 - `co`) div (7)) + 1 ELSE 12 END AS `periods`,
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
  SELECT `c`, (((12 * (`yoe` + 400 * `era`) + ((5 * (`doe` - (365 * `yoe` + ((`yoe`) div (4)) - ((`yoe`) div (100)))) + 2) div (153)) + 2 - ((((12 * (`yoe` + 400 * `era`) + ((5 * (`doe` - (365 * `yoe` + ((`yoe`) div (4)) - ((`yoe`) div (100)))) + 2) div (153)) + 2) % (3)) + 3) % (3)))) div (3)) AS `o`, `cents`
  FROM (SELECT `c`, `cents`, `era`, `doe`, (((`doe` - ((`doe`) div (1460)) + ((`doe`) div (36524)) - ((`doe`) div (146096)))) div (365)) AS `yoe`
  FROM (SELECT `c`, `cents`, `era`, `z` - `era` * 146097 AS `doe`
  FROM (SELECT `c`, `cents`, `z`, (((`z` - ((((`z`) % (146097)) + 146097) % (146097)))) div (146097)) AS `era`
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
SELECT (146097 * (((((((`co` * 3 - 2) - (((((`co` * 3 - 2)) % (12)) + 12) % (12)))) div (12)) - ((((((((`co` * 3 - 2) - (((((`co` * 3 - 2)) % (12)) + 12) % (12)))) div (12))) % (400)) + 400) % (400)))) div (400)) + (365 * (((((`co` * 3 - 2) - (((((`co` * 3 - 2)) % (12)) + 12) % (12)))) div (12)) - 400 * (((((((`co` * 3 - 2) - (((((`co` * 3 - 2)) % (12)) + 12) % (12)))) div (12)) - ((((((((`co` * 3 - 2) - (((((`co` * 3 - 2)) % (12)) + 12) % (12)))) div (12))) % (400)) + 400) % (400)))) div (400))) + (((((((`co` * 3 - 2) - (((((`co` * 3 - 2)) % (12)) + 12) % (12)))) div (12)) - 400 * (((((((`co` * 3 - 2) - (((((`co` * 3 - 2)) % (12)) + 12) % (12)))) div (12)) - ((((((((`co` * 3 - 2) - (((((`co` * 3 - 2)) % (12)) + 12) % (12)))) div (12))) % (400)) + 400) % (400)))) div (400)))) div (4)) - (((((((`co` * 3 - 2) - (((((`co` * 3 - 2)) % (12)) + 12) % (12)))) div (12)) - 400 * (((((((`co` * 3 - 2) - (((((`co` * 3 - 2)) % (12)) + 12) % (12)))) div (12)) - ((((((((`co` * 3 - 2) - (((((`co` * 3 - 2)) % (12)) + 12) % (12)))) div (12))) % (400)) + 400) % (400)))) div (400)))) div (100)) + ((153 * ((`co` * 3 - 2) - 12 * ((((`co` * 3 - 2) - (((((`co` * 3 - 2)) % (12)) + 12) % (12)))) div (12))) + 2) div (5))) - 719468) AS `cohort_start`,
  `k` AS `period`,
  (SELECT max(`o`) FROM `active`) - `co` + 1 AS `periods`,
  `n` AS `customers`,
  `k_cents` AS `revenue_minor`,
  CAST(`k_cents` AS DOUBLE) / CAST(1e+2 AS DOUBLE) AS `revenue`
FROM `cells`
ORDER BY `cohort_start`, `period`
