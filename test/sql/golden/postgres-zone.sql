-- rfmSummarySql
WITH
"local_days" AS (
  SELECT "customer_id" AS "c", CAST(CAST((to_timestamp(0) + CAST(floor(extract(epoch FROM "ordered_at") * 1000) AS BIGINT) * interval '1 millisecond') AT TIME ZONE 'America/Santiago' AS DATE) - DATE '1970-01-01' AS BIGINT) AS "day", CAST(round("total" * 100) AS BIGINT) AS "cents"
  FROM "orders"
),
"keyed" AS (
  SELECT "c", "day" AS "period", "cents" FROM "local_days"
),
"periods" AS (
  SELECT "c", "period", sum("cents") AS "period_cents"
  FROM "keyed" GROUP BY "c", "period"
),
"customers" AS (
  SELECT "c", count(*) AS "n", min("period") AS "first_period", max("period") AS "last_period",
    sum("period_cents") AS "total_cents", (array_agg("period_cents" ORDER BY "period"))[1] AS "first_cents"
  FROM "periods" WHERE "period" <= 20269 GROUP BY "c"
)
SELECT "c" AS "customer_id",
  "n" - 1 AS "frequency",
  CAST((CAST(extract(epoch FROM CAST(DATE '1970-01-01' + CAST("last_period" AS INTEGER) AS TIMESTAMP) AT TIME ZONE 'America/Santiago') * 1000 AS BIGINT) - CAST(extract(epoch FROM CAST(DATE '1970-01-01' + CAST("first_period" AS INTEGER) AS TIMESTAMP) AT TIME ZONE 'America/Santiago') * 1000 AS BIGINT)) AS DOUBLE PRECISION) / CAST(6.048e+8 AS DOUBLE PRECISION) AS "recency",
  CAST((CAST(extract(epoch FROM CAST(DATE '1970-01-01' + CAST(20269 AS INTEGER) AS TIMESTAMP) AT TIME ZONE 'America/Santiago') * 1000 AS BIGINT) - CAST(extract(epoch FROM CAST(DATE '1970-01-01' + CAST("first_period" AS INTEGER) AS TIMESTAMP) AT TIME ZONE 'America/Santiago') * 1000 AS BIGINT)) AS DOUBLE PRECISION) / CAST(6.048e+8 AS DOUBLE PRECISION) AS "T",
  CASE WHEN "n" > 1 THEN CAST("total_cents" - "first_cents" AS DOUBLE PRECISION) / CAST("n" - 1 AS DOUBLE PRECISION) / CAST(1e+2 AS DOUBLE PRECISION) ELSE CAST(0e+0 AS DOUBLE PRECISION) END AS "monetary_value"
FROM "customers"

-- rfmHistogramSql
WITH
"local_days" AS (
  SELECT "customer_id" AS "c", CAST(CAST((to_timestamp(0) + CAST(floor(extract(epoch FROM "ordered_at") * 1000) AS BIGINT) * interval '1 millisecond') AT TIME ZONE 'America/Santiago' AS DATE) - DATE '1970-01-01' AS BIGINT) AS "day", CAST(round("total" * 100) AS BIGINT) AS "cents"
  FROM "orders"
),
"keyed" AS (
  SELECT "c", "day" AS "period", "cents" FROM "local_days"
),
"periods" AS (
  SELECT "c", "period", sum("cents") AS "period_cents"
  FROM "keyed" GROUP BY "c", "period"
),
"customers" AS (
  SELECT "c", count(*) AS "n", min("period") AS "first_period", max("period") AS "last_period",
    sum("period_cents") AS "total_cents", (array_agg("period_cents" ORDER BY "period"))[1] AS "first_cents"
  FROM "periods" WHERE "period" <= 20269 GROUP BY "c"
),
"summary" AS (
  SELECT "c" AS "customer_id",
    "n" - 1 AS "frequency",
    CAST((CAST(extract(epoch FROM CAST(DATE '1970-01-01' + CAST("last_period" AS INTEGER) AS TIMESTAMP) AT TIME ZONE 'America/Santiago') * 1000 AS BIGINT) - CAST(extract(epoch FROM CAST(DATE '1970-01-01' + CAST("first_period" AS INTEGER) AS TIMESTAMP) AT TIME ZONE 'America/Santiago') * 1000 AS BIGINT)) AS DOUBLE PRECISION) / CAST(6.048e+8 AS DOUBLE PRECISION) AS "recency",
    CAST((CAST(extract(epoch FROM CAST(DATE '1970-01-01' + CAST(20269 AS INTEGER) AS TIMESTAMP) AT TIME ZONE 'America/Santiago') * 1000 AS BIGINT) - CAST(extract(epoch FROM CAST(DATE '1970-01-01' + CAST("first_period" AS INTEGER) AS TIMESTAMP) AT TIME ZONE 'America/Santiago') * 1000 AS BIGINT)) AS DOUBLE PRECISION) / CAST(6.048e+8 AS DOUBLE PRECISION) AS "T",
    CASE WHEN "n" > 1 THEN CAST("total_cents" - "first_cents" AS DOUBLE PRECISION) / CAST("n" - 1 AS DOUBLE PRECISION) / CAST(1e+2 AS DOUBLE PRECISION) ELSE CAST(0e+0 AS DOUBLE PRECISION) END AS "monetary_value"
  FROM "customers"
)
SELECT "frequency", "recency", "T", count(*) AS "weight"
FROM "summary"
GROUP BY "frequency", "recency", "T"
ORDER BY "frequency", "recency", "T"

-- calibrationHoldoutSummarySql (calibration to 2025-03-31, holdout to 2025-06-30)
WITH
"local_days" AS (
  SELECT "customer_id" AS "c", CAST(CAST((to_timestamp(0) + CAST(floor(extract(epoch FROM "ordered_at") * 1000) AS BIGINT) * interval '1 millisecond') AT TIME ZONE 'America/Santiago' AS DATE) - DATE '1970-01-01' AS BIGINT) AS "day", CAST(round("total" * 100) AS BIGINT) AS "cents"
  FROM "orders"
),
"keyed" AS (
  SELECT "c", "day" AS "period", "cents" FROM "local_days"
),
"periods" AS (
  SELECT "c", "period", sum("cents") AS "period_cents"
  FROM "keyed" GROUP BY "c", "period"
),
"customers" AS (
  SELECT "c",
    sum(CASE WHEN "period" <= 20177 THEN 1 ELSE 0 END) AS "n",
    min("period") AS "first_period",
    max(CASE WHEN "period" <= 20177 THEN "period" END) AS "last_period",
    sum(CASE WHEN "period" <= 20177 THEN "period_cents" ELSE 0 END) AS "total_cents",
    (array_agg("period_cents" ORDER BY "period"))[1] AS "first_cents",
    sum(CASE WHEN "period" > 20177 AND "period" <= 20269 THEN 1 ELSE 0 END) AS "n_holdout",
    sum(CASE WHEN "period" > 20177 AND "period" <= 20269 THEN "period_cents" ELSE 0 END) AS "holdout_cents"
  FROM "periods" GROUP BY "c"
)
SELECT "c" AS "customer_id",
  "n" - 1 AS "frequency_cal",
  CAST((CAST(extract(epoch FROM CAST(DATE '1970-01-01' + CAST("last_period" AS INTEGER) AS TIMESTAMP) AT TIME ZONE 'America/Santiago') * 1000 AS BIGINT) - CAST(extract(epoch FROM CAST(DATE '1970-01-01' + CAST("first_period" AS INTEGER) AS TIMESTAMP) AT TIME ZONE 'America/Santiago') * 1000 AS BIGINT)) AS DOUBLE PRECISION) / CAST(6.048e+8 AS DOUBLE PRECISION) AS "recency_cal",
  CAST((CAST(extract(epoch FROM CAST(DATE '1970-01-01' + CAST(20177 AS INTEGER) AS TIMESTAMP) AT TIME ZONE 'America/Santiago') * 1000 AS BIGINT) - CAST(extract(epoch FROM CAST(DATE '1970-01-01' + CAST("first_period" AS INTEGER) AS TIMESTAMP) AT TIME ZONE 'America/Santiago') * 1000 AS BIGINT)) AS DOUBLE PRECISION) / CAST(6.048e+8 AS DOUBLE PRECISION) AS "T_cal",
  CASE WHEN "n" > 1 THEN CAST("total_cents" - "first_cents" AS DOUBLE PRECISION) / CAST("n" - 1 AS DOUBLE PRECISION) / CAST(1e+2 AS DOUBLE PRECISION) ELSE CAST(0e+0 AS DOUBLE PRECISION) END AS "monetary_value_cal",
  "n_holdout" AS "frequency_holdout",
  CASE WHEN "n_holdout" > 0 THEN CAST("holdout_cents" AS DOUBLE PRECISION) / CAST("n_holdout" AS DOUBLE PRECISION) / CAST(1e+2 AS DOUBLE PRECISION) ELSE CAST(0e+0 AS DOUBLE PRECISION) END AS "monetary_value_holdout",
  CAST(1.3148809523809524e+1 AS DOUBLE PRECISION) AS "duration_holdout"
FROM "customers"
WHERE "first_period" <= 20177
