-- weekly, active within 28 days, to 2025-06-30
WITH
"local_days" AS (
  SELECT "customer_id" AS "c", (((epoch_ms("ordered_at") + 19800000 - ((((epoch_ms("ordered_at") + 19800000) % (86400000)) + 86400000) % (86400000)))) // (86400000)) AS "day", CAST(round("total" * 100) AS BIGINT) AS "cents"
  FROM "shop"."orders"
),
"days" AS (
  SELECT "c", "day_cents", ((("day" + 4 - (((("day" + 4) % (7)) + 7) % (7)))) // (7)) AS "pd", ((("day" + 28 + 4 - (((("day" + 28 + 4) % (7)) + 7) % (7)))) // (7)) AS "pw" FROM (SELECT "c", "day", sum("cents") AS "day_cents" FROM "local_days" WHERE "day" <= 20269 GROUP BY "c", "day") "purchase_days"
),
"firsts" AS (
  SELECT "c", min("pd") AS "pf"
  FROM "days" GROUP BY "c"
),
"marks" AS (
  SELECT "c", "p",
    CASE WHEN "p" > "pd" THEN CAST(1 AS BIGINT) ELSE CAST(0 AS BIGINT) END AS "at_start",
    CASE WHEN "p" < "pw" THEN CAST(1 AS BIGINT) ELSE CAST(0 AS BIGINT) END AS "at_end",
    CASE WHEN "p" = "pd" THEN "day_cents" ELSE CAST(0 AS BIGINT) END AS "mark_cents"
  FROM (SELECT "c", "pd", "pw", "day_cents", unnest(generate_series("pd", "pw")) AS "p" FROM "days") "expanded"
),
"states" AS (
  SELECT "c", "p", max("at_start") AS "s", max("at_end") AS "e", sum("mark_cents") AS "p_cents"
  FROM "marks" WHERE "p" <= 2896 GROUP BY "c", "p"
),
"classified" AS (
  SELECT "p", "s", "e", "p_cents", "pf"
  FROM "states" INNER JOIN "firsts" USING ("c")
)
SELECT (7 * "p" - 4) AS "period_start",
  (7 * "p" - 4) * 86400000 - 19800000 AS "start_ms",
  sum("s") AS "customers_at_start",
  sum("e") AS "customers_at_end",
  sum(CASE WHEN "e" = 1 AND "s" = 0 AND "pf" = "p" THEN 1 ELSE 0 END) AS "acquired",
  sum(CASE WHEN "e" = 1 AND "s" = 0 AND "pf" < "p" THEN 1 ELSE 0 END) AS "reactivated",
  sum(CASE WHEN "s" = 1 AND "e" = 1 THEN 1 ELSE 0 END) AS "retained",
  sum("p_cents") AS "revenue_minor",
  sum(CASE WHEN "pf" = "p" THEN "p_cents" ELSE 0 END) AS "new_revenue_minor",
  (SELECT (7 * "first_p" - 4) FROM (SELECT min("pf") AS "first_p" FROM "firsts") "series_first") AS "series_start",
  20268 AS "series_end"
FROM "classified"
GROUP BY "p"
ORDER BY "p"

-- quarterly
WITH
"local_days" AS (
  SELECT "cid" AS "c", (((CAST("at_ms" AS BIGINT) - ((((CAST("at_ms" AS BIGINT)) % (86400000)) + 86400000) % (86400000)))) // (86400000)) AS "day", CAST(0 AS BIGINT) AS "cents"
  FROM "orders"
),
"days" AS (
  SELECT "c", "day_cents", (((12 * ("pd_yoe" + 400 * "pd_era") + ((5 * ("pd_doe" - (365 * "pd_yoe" + (("pd_yoe") // (4)) - (("pd_yoe") // (100)))) + 2) // (153)) + 2 - ((((12 * ("pd_yoe" + 400 * "pd_era") + ((5 * ("pd_doe" - (365 * "pd_yoe" + (("pd_yoe") // (4)) - (("pd_yoe") // (100)))) + 2) // (153)) + 2) % (3)) + 3) % (3)))) // (3)) AS "pd", (((12 * ("pw_yoe" + 400 * "pw_era") + ((5 * ("pw_doe" - (365 * "pw_yoe" + (("pw_yoe") // (4)) - (("pw_yoe") // (100)))) + 2) // (153)) + 2 - ((((12 * ("pw_yoe" + 400 * "pw_era") + ((5 * ("pw_doe" - (365 * "pw_yoe" + (("pw_yoe") // (4)) - (("pw_yoe") // (100)))) + 2) // (153)) + 2) % (3)) + 3) % (3)))) // (3)) AS "pw"
  FROM (SELECT "c", "day_cents", "pd_era", "pd_doe", ((("pd_doe" - (("pd_doe") // (1460)) + (("pd_doe") // (36524)) - (("pd_doe") // (146096)))) // (365)) AS "pd_yoe", "pw_era", "pw_doe", ((("pw_doe" - (("pw_doe") // (1460)) + (("pw_doe") // (36524)) - (("pw_doe") // (146096)))) // (365)) AS "pw_yoe"
  FROM (SELECT "c", "day_cents", "pd_era", "pd_z" - "pd_era" * 146097 AS "pd_doe", "pw_era", "pw_z" - "pw_era" * 146097 AS "pw_doe"
  FROM (SELECT "c", "day_cents", "pd_z", ((("pd_z" - (((("pd_z") % (146097)) + 146097) % (146097)))) // (146097)) AS "pd_era", "pw_z", ((("pw_z" - (((("pw_z") % (146097)) + 146097) % (146097)))) // (146097)) AS "pw_era"
  FROM (SELECT "c", "day_cents", "day" + 719468 AS "pd_z", "day" + 90 + 719468 AS "pw_z"
  FROM (SELECT "c", "day", sum("cents") AS "day_cents" FROM "local_days" GROUP BY "c", "day") "purchase_days") "o2") "o3") "o4") "o5"
),
"firsts" AS (
  SELECT "c", min("pd") AS "pf"
  FROM "days" GROUP BY "c"
),
"marks" AS (
  SELECT "c", "p",
    CASE WHEN "p" > "pd" THEN CAST(1 AS BIGINT) ELSE CAST(0 AS BIGINT) END AS "at_start",
    CASE WHEN "p" < "pw" THEN CAST(1 AS BIGINT) ELSE CAST(0 AS BIGINT) END AS "at_end",
    CASE WHEN "p" = "pd" THEN "day_cents" ELSE CAST(0 AS BIGINT) END AS "mark_cents"
  FROM (SELECT "c", "pd", "pw", "day_cents", unnest(generate_series("pd", "pw")) AS "p" FROM "days") "expanded"
),
"states" AS (
  SELECT "c", "p", max("at_start") AS "s", max("at_end") AS "e", sum("mark_cents") AS "p_cents"
  FROM "marks" WHERE "p" <= (SELECT max("pd") FROM "days") GROUP BY "c", "p"
),
"classified" AS (
  SELECT "p", "s", "e", "p_cents", "pf"
  FROM "states" INNER JOIN "firsts" USING ("c")
)
SELECT (146097 * ((((((("p" * 3 - 2) - ((((("p" * 3 - 2)) % (12)) + 12) % (12)))) // (12)) - (((((((("p" * 3 - 2) - ((((("p" * 3 - 2)) % (12)) + 12) % (12)))) // (12))) % (400)) + 400) % (400)))) // (400)) + (365 * ((((("p" * 3 - 2) - ((((("p" * 3 - 2)) % (12)) + 12) % (12)))) // (12)) - 400 * ((((((("p" * 3 - 2) - ((((("p" * 3 - 2)) % (12)) + 12) % (12)))) // (12)) - (((((((("p" * 3 - 2) - ((((("p" * 3 - 2)) % (12)) + 12) % (12)))) // (12))) % (400)) + 400) % (400)))) // (400))) + ((((((("p" * 3 - 2) - ((((("p" * 3 - 2)) % (12)) + 12) % (12)))) // (12)) - 400 * ((((((("p" * 3 - 2) - ((((("p" * 3 - 2)) % (12)) + 12) % (12)))) // (12)) - (((((((("p" * 3 - 2) - ((((("p" * 3 - 2)) % (12)) + 12) % (12)))) // (12))) % (400)) + 400) % (400)))) // (400)))) // (4)) - ((((((("p" * 3 - 2) - ((((("p" * 3 - 2)) % (12)) + 12) % (12)))) // (12)) - 400 * ((((((("p" * 3 - 2) - ((((("p" * 3 - 2)) % (12)) + 12) % (12)))) // (12)) - (((((((("p" * 3 - 2) - ((((("p" * 3 - 2)) % (12)) + 12) % (12)))) // (12))) % (400)) + 400) % (400)))) // (400)))) // (100)) + ((153 * (("p" * 3 - 2) - 12 * (((("p" * 3 - 2) - ((((("p" * 3 - 2)) % (12)) + 12) % (12)))) // (12))) + 2) // (5))) - 719468) AS "period_start",
  (146097 * ((((((("p" * 3 - 2) - ((((("p" * 3 - 2)) % (12)) + 12) % (12)))) // (12)) - (((((((("p" * 3 - 2) - ((((("p" * 3 - 2)) % (12)) + 12) % (12)))) // (12))) % (400)) + 400) % (400)))) // (400)) + (365 * ((((("p" * 3 - 2) - ((((("p" * 3 - 2)) % (12)) + 12) % (12)))) // (12)) - 400 * ((((((("p" * 3 - 2) - ((((("p" * 3 - 2)) % (12)) + 12) % (12)))) // (12)) - (((((((("p" * 3 - 2) - ((((("p" * 3 - 2)) % (12)) + 12) % (12)))) // (12))) % (400)) + 400) % (400)))) // (400))) + ((((((("p" * 3 - 2) - ((((("p" * 3 - 2)) % (12)) + 12) % (12)))) // (12)) - 400 * ((((((("p" * 3 - 2) - ((((("p" * 3 - 2)) % (12)) + 12) % (12)))) // (12)) - (((((((("p" * 3 - 2) - ((((("p" * 3 - 2)) % (12)) + 12) % (12)))) // (12))) % (400)) + 400) % (400)))) // (400)))) // (4)) - ((((((("p" * 3 - 2) - ((((("p" * 3 - 2)) % (12)) + 12) % (12)))) // (12)) - 400 * ((((((("p" * 3 - 2) - ((((("p" * 3 - 2)) % (12)) + 12) % (12)))) // (12)) - (((((((("p" * 3 - 2) - ((((("p" * 3 - 2)) % (12)) + 12) % (12)))) // (12))) % (400)) + 400) % (400)))) // (400)))) // (100)) + ((153 * (("p" * 3 - 2) - 12 * (((("p" * 3 - 2) - ((((("p" * 3 - 2)) % (12)) + 12) % (12)))) // (12))) + 2) // (5))) - 719468) * 86400000 - 0 AS "start_ms",
  sum("s") AS "customers_at_start",
  sum("e") AS "customers_at_end",
  sum(CASE WHEN "e" = 1 AND "s" = 0 AND "pf" = "p" THEN 1 ELSE 0 END) AS "acquired",
  sum(CASE WHEN "e" = 1 AND "s" = 0 AND "pf" < "p" THEN 1 ELSE 0 END) AS "reactivated",
  sum(CASE WHEN "s" = 1 AND "e" = 1 THEN 1 ELSE 0 END) AS "retained",
  sum("p_cents") AS "revenue_minor",
  sum(CASE WHEN "pf" = "p" THEN "p_cents" ELSE 0 END) AS "new_revenue_minor",
  (SELECT (146097 * ((((((("first_p" * 3 - 2) - ((((("first_p" * 3 - 2)) % (12)) + 12) % (12)))) // (12)) - (((((((("first_p" * 3 - 2) - ((((("first_p" * 3 - 2)) % (12)) + 12) % (12)))) // (12))) % (400)) + 400) % (400)))) // (400)) + (365 * ((((("first_p" * 3 - 2) - ((((("first_p" * 3 - 2)) % (12)) + 12) % (12)))) // (12)) - 400 * ((((((("first_p" * 3 - 2) - ((((("first_p" * 3 - 2)) % (12)) + 12) % (12)))) // (12)) - (((((((("first_p" * 3 - 2) - ((((("first_p" * 3 - 2)) % (12)) + 12) % (12)))) // (12))) % (400)) + 400) % (400)))) // (400))) + ((((((("first_p" * 3 - 2) - ((((("first_p" * 3 - 2)) % (12)) + 12) % (12)))) // (12)) - 400 * ((((((("first_p" * 3 - 2) - ((((("first_p" * 3 - 2)) % (12)) + 12) % (12)))) // (12)) - (((((((("first_p" * 3 - 2) - ((((("first_p" * 3 - 2)) % (12)) + 12) % (12)))) // (12))) % (400)) + 400) % (400)))) // (400)))) // (4)) - ((((((("first_p" * 3 - 2) - ((((("first_p" * 3 - 2)) % (12)) + 12) % (12)))) // (12)) - 400 * ((((((("first_p" * 3 - 2) - ((((("first_p" * 3 - 2)) % (12)) + 12) % (12)))) // (12)) - (((((((("first_p" * 3 - 2) - ((((("first_p" * 3 - 2)) % (12)) + 12) % (12)))) // (12))) % (400)) + 400) % (400)))) // (400)))) // (100)) + ((153 * (("first_p" * 3 - 2) - 12 * (((("first_p" * 3 - 2) - ((((("first_p" * 3 - 2)) % (12)) + 12) % (12)))) // (12))) + 2) // (5))) - 719468) FROM (SELECT min("pf") AS "first_p" FROM "firsts") "series_first") AS "series_start",
  (SELECT (146097 * ((((((("last_p" * 3 - 2) - ((((("last_p" * 3 - 2)) % (12)) + 12) % (12)))) // (12)) - (((((((("last_p" * 3 - 2) - ((((("last_p" * 3 - 2)) % (12)) + 12) % (12)))) // (12))) % (400)) + 400) % (400)))) // (400)) + (365 * ((((("last_p" * 3 - 2) - ((((("last_p" * 3 - 2)) % (12)) + 12) % (12)))) // (12)) - 400 * ((((((("last_p" * 3 - 2) - ((((("last_p" * 3 - 2)) % (12)) + 12) % (12)))) // (12)) - (((((((("last_p" * 3 - 2) - ((((("last_p" * 3 - 2)) % (12)) + 12) % (12)))) // (12))) % (400)) + 400) % (400)))) // (400))) + ((((((("last_p" * 3 - 2) - ((((("last_p" * 3 - 2)) % (12)) + 12) % (12)))) // (12)) - 400 * ((((((("last_p" * 3 - 2) - ((((("last_p" * 3 - 2)) % (12)) + 12) % (12)))) // (12)) - (((((((("last_p" * 3 - 2) - ((((("last_p" * 3 - 2)) % (12)) + 12) % (12)))) // (12))) % (400)) + 400) % (400)))) // (400)))) // (4)) - ((((((("last_p" * 3 - 2) - ((((("last_p" * 3 - 2)) % (12)) + 12) % (12)))) // (12)) - 400 * ((((((("last_p" * 3 - 2) - ((((("last_p" * 3 - 2)) % (12)) + 12) % (12)))) // (12)) - (((((((("last_p" * 3 - 2) - ((((("last_p" * 3 - 2)) % (12)) + 12) % (12)))) // (12))) % (400)) + 400) % (400)))) // (400)))) // (100)) + ((153 * (("last_p" * 3 - 2) - 12 * (((("last_p" * 3 - 2) - ((((("last_p" * 3 - 2)) % (12)) + 12) % (12)))) // (12))) + 2) // (5))) - 719468) FROM (SELECT max("pd") AS "last_p" FROM "days") "series_last") AS "series_end"
FROM "classified"
GROUP BY "p"
ORDER BY "p"
