-- scoreSql, BG/NBD (Fader, Hardie & Lee 2005, CDNOW), horizon 39
SELECT "customer_id", "p" AS "probability_alive", "p" * "if_alive" AS "expected_purchases"
FROM (
  SELECT "customer_id", "x", "age", CASE WHEN "x" = CAST(0e+0 AS DOUBLE) THEN CAST(1e+0 AS DOUBLE) ELSE CASE WHEN "w" <= CAST(0e+0 AS DOUBLE) THEN CAST(1e+0 AS DOUBLE) / (CAST(1e+0 AS DOUBLE) + CASE WHEN "w" < CAST(-7.08e+2 AS DOUBLE) THEN CAST(0e+0 AS DOUBLE) ELSE exp("w") END) ELSE (CASE WHEN -"w" < CAST(-7.08e+2 AS DOUBLE) THEN CAST(0e+0 AS DOUBLE) ELSE exp(-"w") END) / (CAST(1e+0 AS DOUBLE) + (CASE WHEN -"w" < CAST(-7.08e+2 AS DOUBLE) THEN CAST(0e+0 AS DOUBLE) ELSE exp(-"w") END)) END END AS "p"
  FROM (
  SELECT "customer_id", "x", "age", CASE WHEN "x" = CAST(0e+0 AS DOUBLE) THEN CAST(0e+0 AS DOUBLE) ELSE CAST(-2.3193205734728903e-1 AS DOUBLE) - ln(CAST(2.426e+0 AS DOUBLE) + "x" - CAST(1e+0 AS DOUBLE) + CAST(0e+0 AS DOUBLE)) + (CAST(2.43e-1 AS DOUBLE) + "x") * ln((CAST(4.414e+0 AS DOUBLE) + "age") / (CAST(4.414e+0 AS DOUBLE) + "tx")) END AS "w"
  FROM (
  SELECT "customer_id" AS "customer_id", CAST("frequency" AS DOUBLE) AS "x", CAST("recency" AS DOUBLE) AS "tx", CAST("T" AS DOUBLE) AS "age"
  FROM "shop"."summary"
) AS "s"
) AS "s1"
) AS "s2"
LEFT JOIN (
  SELECT "x", "age",
  CASE WHEN "u" * ("k" + CAST(1e+0 AS DOUBLE)) < CAST(1.1102230246251565e-16 AS DOUBLE) THEN "k" * "u"
    WHEN "value" > CAST(0e+0 AS DOUBLE) AND "k" * "l1u" * abs(CASE WHEN "value" > CAST(0e+0 AS DOUBLE) THEN "c" / ("value" * CAST(-2.0699999999999996e-1 AS DOUBLE)) END - CAST(1e+0 AS DOUBLE)) <= CASE WHEN "z" <= CAST(9e-1 AS DOUBLE) THEN CAST(8e+2 AS DOUBLE) ELSE CAST(1e+2 AS DOUBLE) END THEN "value" END AS "if_alive"
FROM (
  SELECT "x", "age", "k", "u", "z", "l1u", "c", CASE WHEN "ok" = 1 AND "n_terms" < CAST(1e+5 AS DOUBLE) AND "ck" + "n_terms" >= CAST(0e+0 AS DOUBLE) AND "rho" > CAST(0e+0 AS DOUBLE) AND "rho" < CAST(1e+0 AS DOUBLE) THEN CASE WHEN "ck" = CAST(0e+0 AS DOUBLE) THEN "c" * ("l1u" * (CASE WHEN CAST(-2.0699999999999996e-1 AS DOUBLE) * "l1u" >= CAST(1e+0 AS DOUBLE) THEN CAST(1e+0 AS DOUBLE) - (CASE WHEN -(CAST(-2.0699999999999996e-1 AS DOUBLE) * "l1u") < CAST(-7.08e+2 AS DOUBLE) THEN CAST(0e+0 AS DOUBLE) ELSE exp(-(CAST(-2.0699999999999996e-1 AS DOUBLE) * "l1u")) END) WHEN exp(-(CAST(-2.0699999999999996e-1 AS DOUBLE) * "l1u")) = CAST(1e+0 AS DOUBLE) THEN CAST(-2.0699999999999996e-1 AS DOUBLE) * "l1u" ELSE (CAST(1e+0 AS DOUBLE) - exp(-(CAST(-2.0699999999999996e-1 AS DOUBLE) * "l1u"))) * CAST(-2.0699999999999996e-1 AS DOUBLE) * "l1u" / -ln(exp(-(CAST(-2.0699999999999996e-1 AS DOUBLE) * "l1u"))) END) / (CAST(-2.0699999999999996e-1 AS DOUBLE) * "l1u") - (CASE WHEN -(CAST(-2.0699999999999996e-1 AS DOUBLE) * "l1u") < CAST(-7.08e+2 AS DOUBLE) THEN CAST(0e+0 AS DOUBLE) ELSE exp(-(CAST(-2.0699999999999996e-1 AS DOUBLE) * "l1u")) END) * "s_sum") WHEN "ln_last" + ln("rho") - ln(CAST(1e+0 AS DOUBLE) - "rho") <= CAST(-4.158883083359672e+1 AS DOUBLE) + "ln_low" + CAST(-2.0699999999999996e-1 AS DOUBLE) * "l1u" THEN "c" * ("l1u" * (CASE WHEN CAST(-2.0699999999999996e-1 AS DOUBLE) * "l1u" >= CAST(1e+0 AS DOUBLE) THEN CAST(1e+0 AS DOUBLE) - (CASE WHEN -(CAST(-2.0699999999999996e-1 AS DOUBLE) * "l1u") < CAST(-7.08e+2 AS DOUBLE) THEN CAST(0e+0 AS DOUBLE) ELSE exp(-(CAST(-2.0699999999999996e-1 AS DOUBLE) * "l1u")) END) WHEN exp(-(CAST(-2.0699999999999996e-1 AS DOUBLE) * "l1u")) = CAST(1e+0 AS DOUBLE) THEN CAST(-2.0699999999999996e-1 AS DOUBLE) * "l1u" ELSE (CAST(1e+0 AS DOUBLE) - exp(-(CAST(-2.0699999999999996e-1 AS DOUBLE) * "l1u"))) * CAST(-2.0699999999999996e-1 AS DOUBLE) * "l1u" / -ln(exp(-(CAST(-2.0699999999999996e-1 AS DOUBLE) * "l1u"))) END) / (CAST(-2.0699999999999996e-1 AS DOUBLE) * "l1u") - (CASE WHEN -(CAST(-2.0699999999999996e-1 AS DOUBLE) * "l1u") < CAST(-7.08e+2 AS DOUBLE) THEN CAST(0e+0 AS DOUBLE) ELSE exp(-(CAST(-2.0699999999999996e-1 AS DOUBLE) * "l1u")) END) * "s_sum") END END AS "value"
  FROM (
  SELECT *, "z" * (CAST(1e+0 AS DOUBLE) + CAST(0e+0 AS DOUBLE) / ("n_terms" + CAST(1e+0 AS DOUBLE))) AS "rho"
  FROM (
  SELECT "x", "age", "k", "c", "u", "z", "ck", "l1u", "ok", "ln_low", "ln_s1", "n_terms", "s_sum", "ln_last" FROM (
  SELECT "x", "age", "k", "c", "u", "z", "ck", "l1u", "ok", "ln_low", "ln_s1", "n_terms",
    sum(CASE WHEN "zeros" > 0 OR "ck" = CAST(0e+0 AS DOUBLE) THEN CAST(0e+0 AS DOUBLE) ELSE CASE WHEN (("negatives") % (2)) = 1 THEN -1 ELSE 1 END * CASE WHEN "ck" < CAST(0e+0 AS DOUBLE) THEN -1 ELSE 1 END * (CASE WHEN "ln_term" < CAST(-7.08e+2 AS DOUBLE) THEN CAST(0e+0 AS DOUBLE) ELSE exp("ln_term") END) END) AS "s_sum",
    max(CASE WHEN "n" = "n_terms" - 1 THEN (CASE WHEN "zeros" > 0 THEN CAST(-1e+300 AS DOUBLE) ELSE "ln_term" END) END) AS "ln_last"
  FROM (
  SELECT "x", "age", "k", "c", "u", "z", "ck", "l1u", "ok", "ln_low", "ln_s1", "n_terms", "n",
    "ln_s1" + sum(CASE WHEN "ratio" = CAST(0e+0 AS DOUBLE) THEN CAST(0e+0 AS DOUBLE) ELSE ln(abs("ratio")) END) OVER (PARTITION BY "x", "age" ORDER BY "n" ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS "ln_term",
    sum(CASE WHEN "ratio" < CAST(0e+0 AS DOUBLE) THEN 1 ELSE 0 END) OVER (PARTITION BY "x", "age" ORDER BY "n" ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS "negatives",
    sum(CASE WHEN "ratio" = CAST(0e+0 AS DOUBLE) THEN 1 ELSE 0 END) OVER (PARTITION BY "x", "age" ORDER BY "n" ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS "zeros"
  FROM (
  SELECT "x", "age", "k", "c", "u", "z", "ck", "l1u", "ok", "ln_low", "ln_s1", "n_terms", "n", CASE WHEN "n" = 0 THEN CAST(1e+0 AS DOUBLE) ELSE ("ck" + "n") * (CAST(-2.0699999999999996e-1 AS DOUBLE) + "n") / (("c" + "n") * ("n" + 1)) * "z" END AS "ratio"
  FROM (SELECT *, unnest(range(0, CASE WHEN "ok" = 1 AND "n_terms" < CAST(1e+5 AS DOUBLE) THEN "n_terms" ELSE 1 END)) AS "n" FROM (
  SELECT "x", "age", "k", "c", "u", "z", "ck", "l1u", "ok", "ln_low", "ln_s1",
    CAST(CASE WHEN "n0" + CAST(0e+0 AS DOUBLE) > CAST(1e+5 AS DOUBLE) THEN CAST(1e+5 AS DOUBLE) WHEN "n0" + CAST(0e+0 AS DOUBLE) < -"ck" THEN ceil(-"ck") ELSE "n0" + CAST(0e+0 AS DOUBLE) END AS BIGINT) AS "n_terms"
  FROM (
  SELECT *, CASE WHEN "ok" = 1 AND "ck" <> CAST(0e+0 AS DOUBLE) THEN (CASE WHEN ceil((CAST(-4.158883083359672e+1 AS DOUBLE) + "ln_low" + CAST(-2.0699999999999996e-1 AS DOUBLE) * "l1u" - "l1u" - "ln_s1") / ln("z")) < CAST(1e+0 AS DOUBLE) THEN CAST(1e+0 AS DOUBLE) ELSE ceil((CAST(-4.158883083359672e+1 AS DOUBLE) + "ln_low" + CAST(-2.0699999999999996e-1 AS DOUBLE) * "l1u" - "l1u" - "ln_s1") / ln("z")) END) ELSE CAST(1e+0 AS DOUBLE) END AS "n0"
  FROM (
  SELECT "x", "age", "k", "c", "u", "z", "ck", "l1u", "ok",
    CASE WHEN "ok" = 1 AND "ck" <> CAST(0e+0 AS DOUBLE) THEN ln(CASE WHEN "k" * "l1u" >= CAST(1e+0 AS DOUBLE) THEN CAST(1e+0 AS DOUBLE) - (CASE WHEN -("k" * "l1u") < CAST(-7.08e+2 AS DOUBLE) THEN CAST(0e+0 AS DOUBLE) ELSE exp(-("k" * "l1u")) END) WHEN exp(-("k" * "l1u")) = CAST(1e+0 AS DOUBLE) THEN "k" * "l1u" ELSE (CAST(1e+0 AS DOUBLE) - exp(-("k" * "l1u"))) * "k" * "l1u" / -ln(exp(-("k" * "l1u"))) END) - ln("c") ELSE CAST(0e+0 AS DOUBLE) END AS "ln_low",
    CASE WHEN "ok" = 1 AND "ck" <> CAST(0e+0 AS DOUBLE) THEN ln(abs("ck")) - ln("c") + ln("z") ELSE CAST(0e+0 AS DOUBLE) END AS "ln_s1"
  FROM (
  SELECT "x", "age", "k", "c", "u", "z", "c" - "k" AS "ck", CASE WHEN (CAST(1e+0 AS DOUBLE) + "u") = CAST(1e+0 AS DOUBLE) THEN "u" ELSE ln((CAST(1e+0 AS DOUBLE) + "u")) * "u" / ((CAST(1e+0 AS DOUBLE) + "u") - CAST(1e+0 AS DOUBLE)) END AS "l1u",
    CASE WHEN "c" > CAST(0e+0 AS DOUBLE) AND "z" <= CAST(9.9e-1 AS DOUBLE) AND "c" <= CAST(2.0699999999999995e+3 AS DOUBLE) AND "u" * ("k" + CAST(1e+0 AS DOUBLE)) >= CAST(1.1102230246251565e-16 AS DOUBLE) THEN 1 ELSE 0 END AS "ok"
  FROM (
  SELECT "x", "age", CAST(2.43e-1 AS DOUBLE) + "x" AS "k", CAST(7.93e-1 AS DOUBLE) + (CAST(2.426e+0 AS DOUBLE) + "x" + CAST(0e+0 AS DOUBLE)) - CAST(1e+0 AS DOUBLE) AS "c",
    CAST(3.9e+1 AS DOUBLE) / (CAST(4.414e+0 AS DOUBLE) + "age") AS "u", CAST(3.9e+1 AS DOUBLE) / ((CAST(4.414e+0 AS DOUBLE) + "age") + CAST(3.9e+1 AS DOUBLE)) AS "z"
  FROM (
  SELECT DISTINCT "x", "age" FROM (
  SELECT "customer_id" AS "customer_id", CAST("frequency" AS DOUBLE) AS "x", CAST("recency" AS DOUBLE) AS "tx", CAST("T" AS DOUBLE) AS "age"
  FROM "shop"."summary"
) AS "s"
) AS "d"
) AS "b0"
) AS "b1"
) AS "b2"
) AS "b3"
) AS "b4") AS "g"
  WHERE "ok" = 1
) AS "r0"
) AS "r1"
  GROUP BY "x", "age", "k", "c", "u", "z", "ck", "l1u", "ok", "ln_low", "ln_s1", "n_terms"
) AS "r2"
  UNION ALL
  SELECT "x", "age", "k", "c", "u", "z", "ck", "l1u", "ok", "ln_low", "ln_s1", "n_terms", NULL AS "s_sum", NULL AS "ln_last" FROM (
  SELECT "x", "age", "k", "c", "u", "z", "ck", "l1u", "ok", "ln_low", "ln_s1",
    CAST(CASE WHEN "n0" + CAST(0e+0 AS DOUBLE) > CAST(1e+5 AS DOUBLE) THEN CAST(1e+5 AS DOUBLE) WHEN "n0" + CAST(0e+0 AS DOUBLE) < -"ck" THEN ceil(-"ck") ELSE "n0" + CAST(0e+0 AS DOUBLE) END AS BIGINT) AS "n_terms"
  FROM (
  SELECT *, CASE WHEN "ok" = 1 AND "ck" <> CAST(0e+0 AS DOUBLE) THEN (CASE WHEN ceil((CAST(-4.158883083359672e+1 AS DOUBLE) + "ln_low" + CAST(-2.0699999999999996e-1 AS DOUBLE) * "l1u" - "l1u" - "ln_s1") / ln("z")) < CAST(1e+0 AS DOUBLE) THEN CAST(1e+0 AS DOUBLE) ELSE ceil((CAST(-4.158883083359672e+1 AS DOUBLE) + "ln_low" + CAST(-2.0699999999999996e-1 AS DOUBLE) * "l1u" - "l1u" - "ln_s1") / ln("z")) END) ELSE CAST(1e+0 AS DOUBLE) END AS "n0"
  FROM (
  SELECT "x", "age", "k", "c", "u", "z", "ck", "l1u", "ok",
    CASE WHEN "ok" = 1 AND "ck" <> CAST(0e+0 AS DOUBLE) THEN ln(CASE WHEN "k" * "l1u" >= CAST(1e+0 AS DOUBLE) THEN CAST(1e+0 AS DOUBLE) - (CASE WHEN -("k" * "l1u") < CAST(-7.08e+2 AS DOUBLE) THEN CAST(0e+0 AS DOUBLE) ELSE exp(-("k" * "l1u")) END) WHEN exp(-("k" * "l1u")) = CAST(1e+0 AS DOUBLE) THEN "k" * "l1u" ELSE (CAST(1e+0 AS DOUBLE) - exp(-("k" * "l1u"))) * "k" * "l1u" / -ln(exp(-("k" * "l1u"))) END) - ln("c") ELSE CAST(0e+0 AS DOUBLE) END AS "ln_low",
    CASE WHEN "ok" = 1 AND "ck" <> CAST(0e+0 AS DOUBLE) THEN ln(abs("ck")) - ln("c") + ln("z") ELSE CAST(0e+0 AS DOUBLE) END AS "ln_s1"
  FROM (
  SELECT "x", "age", "k", "c", "u", "z", "c" - "k" AS "ck", CASE WHEN (CAST(1e+0 AS DOUBLE) + "u") = CAST(1e+0 AS DOUBLE) THEN "u" ELSE ln((CAST(1e+0 AS DOUBLE) + "u")) * "u" / ((CAST(1e+0 AS DOUBLE) + "u") - CAST(1e+0 AS DOUBLE)) END AS "l1u",
    CASE WHEN "c" > CAST(0e+0 AS DOUBLE) AND "z" <= CAST(9.9e-1 AS DOUBLE) AND "c" <= CAST(2.0699999999999995e+3 AS DOUBLE) AND "u" * ("k" + CAST(1e+0 AS DOUBLE)) >= CAST(1.1102230246251565e-16 AS DOUBLE) THEN 1 ELSE 0 END AS "ok"
  FROM (
  SELECT "x", "age", CAST(2.43e-1 AS DOUBLE) + "x" AS "k", CAST(7.93e-1 AS DOUBLE) + (CAST(2.426e+0 AS DOUBLE) + "x" + CAST(0e+0 AS DOUBLE)) - CAST(1e+0 AS DOUBLE) AS "c",
    CAST(3.9e+1 AS DOUBLE) / (CAST(4.414e+0 AS DOUBLE) + "age") AS "u", CAST(3.9e+1 AS DOUBLE) / ((CAST(4.414e+0 AS DOUBLE) + "age") + CAST(3.9e+1 AS DOUBLE)) AS "z"
  FROM (
  SELECT DISTINCT "x", "age" FROM (
  SELECT "customer_id" AS "customer_id", CAST("frequency" AS DOUBLE) AS "x", CAST("recency" AS DOUBLE) AS "tx", CAST("T" AS DOUBLE) AS "age"
  FROM "shop"."summary"
) AS "s"
) AS "d"
) AS "b0"
) AS "b1"
) AS "b2"
) AS "b3"
) AS "b4" WHERE "ok" = 0
) AS "r3"
) AS "r4"
) AS "r5"
) AS "e" USING ("x", "age")

-- scoreSql, MBG/NBD with a = 2.5, renamed columns
SELECT "customer_id", "p" AS "probability_alive", "p" * "if_alive" AS "expected_purchases"
FROM (
  SELECT "customer_id", "x", "age", CASE WHEN "w" <= CAST(0e+0 AS DOUBLE) THEN CAST(1e+0 AS DOUBLE) / (CAST(1e+0 AS DOUBLE) + CASE WHEN "w" < CAST(-7.08e+2 AS DOUBLE) THEN CAST(0e+0 AS DOUBLE) ELSE exp("w") END) ELSE (CASE WHEN -"w" < CAST(-7.08e+2 AS DOUBLE) THEN CAST(0e+0 AS DOUBLE) ELSE exp(-"w") END) / (CAST(1e+0 AS DOUBLE) + (CASE WHEN -"w" < CAST(-7.08e+2 AS DOUBLE) THEN CAST(0e+0 AS DOUBLE) ELSE exp(-"w") END)) END AS "p"
  FROM (
  SELECT "customer_id", "x", "age", CASE WHEN 1 = 0 THEN CAST(0e+0 AS DOUBLE) ELSE CAST(9.162907318741551e-1 AS DOUBLE) - ln(CAST(1.614e+0 AS DOUBLE) + "x" - CAST(1e+0 AS DOUBLE) + CAST(1e+0 AS DOUBLE)) + (CAST(5.25e-1 AS DOUBLE) + "x") * ln((CAST(6.183e+0 AS DOUBLE) + "age") / (CAST(6.183e+0 AS DOUBLE) + "tx")) END AS "w"
  FROM (
  SELECT "id" AS "customer_id", CAST("x" AS DOUBLE) AS "x", CAST("t_x" AS DOUBLE) AS "tx", CAST("age" AS DOUBLE) AS "age"
  FROM "shop"."summary"
) AS "s"
) AS "s1"
) AS "s2"
LEFT JOIN (
  SELECT "x", "age",
  CASE WHEN "u" * ("k" + CAST(1e+0 AS DOUBLE)) < CAST(1.1102230246251565e-16 AS DOUBLE) THEN "k" * "u"
    WHEN "value" > CAST(0e+0 AS DOUBLE) AND "k" * "l1u" * abs(CASE WHEN "value" > CAST(0e+0 AS DOUBLE) THEN "c" / ("value" * CAST(1.5e+0 AS DOUBLE)) END - CAST(1e+0 AS DOUBLE)) <= CASE WHEN "z" <= CAST(9e-1 AS DOUBLE) THEN CAST(8e+2 AS DOUBLE) ELSE CAST(1e+2 AS DOUBLE) END THEN "value" END AS "if_alive"
FROM (
  SELECT "x", "age", "k", "u", "z", "l1u", "c", CASE WHEN "ok" = 1 AND "n_terms" < CAST(1e+5 AS DOUBLE) AND "ck" + "n_terms" >= CAST(0e+0 AS DOUBLE) AND "rho" > CAST(0e+0 AS DOUBLE) AND "rho" < CAST(1e+0 AS DOUBLE) THEN CASE WHEN "ck" = CAST(0e+0 AS DOUBLE) THEN "c" * ("l1u" * (CASE WHEN CAST(1.5e+0 AS DOUBLE) * "l1u" >= CAST(1e+0 AS DOUBLE) THEN CAST(1e+0 AS DOUBLE) - (CASE WHEN -(CAST(1.5e+0 AS DOUBLE) * "l1u") < CAST(-7.08e+2 AS DOUBLE) THEN CAST(0e+0 AS DOUBLE) ELSE exp(-(CAST(1.5e+0 AS DOUBLE) * "l1u")) END) WHEN exp(-(CAST(1.5e+0 AS DOUBLE) * "l1u")) = CAST(1e+0 AS DOUBLE) THEN CAST(1.5e+0 AS DOUBLE) * "l1u" ELSE (CAST(1e+0 AS DOUBLE) - exp(-(CAST(1.5e+0 AS DOUBLE) * "l1u"))) * CAST(1.5e+0 AS DOUBLE) * "l1u" / -ln(exp(-(CAST(1.5e+0 AS DOUBLE) * "l1u"))) END) / (CAST(1.5e+0 AS DOUBLE) * "l1u") - (CASE WHEN -(CAST(1.5e+0 AS DOUBLE) * "l1u") < CAST(-7.08e+2 AS DOUBLE) THEN CAST(0e+0 AS DOUBLE) ELSE exp(-(CAST(1.5e+0 AS DOUBLE) * "l1u")) END) * "s_sum") WHEN "ln_last" + ln("rho") - ln(CAST(1e+0 AS DOUBLE) - "rho") <= CAST(-4.158883083359672e+1 AS DOUBLE) + "ln_low" + CAST(1.5e+0 AS DOUBLE) * "l1u" THEN "c" * ("l1u" * (CASE WHEN CAST(1.5e+0 AS DOUBLE) * "l1u" >= CAST(1e+0 AS DOUBLE) THEN CAST(1e+0 AS DOUBLE) - (CASE WHEN -(CAST(1.5e+0 AS DOUBLE) * "l1u") < CAST(-7.08e+2 AS DOUBLE) THEN CAST(0e+0 AS DOUBLE) ELSE exp(-(CAST(1.5e+0 AS DOUBLE) * "l1u")) END) WHEN exp(-(CAST(1.5e+0 AS DOUBLE) * "l1u")) = CAST(1e+0 AS DOUBLE) THEN CAST(1.5e+0 AS DOUBLE) * "l1u" ELSE (CAST(1e+0 AS DOUBLE) - exp(-(CAST(1.5e+0 AS DOUBLE) * "l1u"))) * CAST(1.5e+0 AS DOUBLE) * "l1u" / -ln(exp(-(CAST(1.5e+0 AS DOUBLE) * "l1u"))) END) / (CAST(1.5e+0 AS DOUBLE) * "l1u") - (CASE WHEN -(CAST(1.5e+0 AS DOUBLE) * "l1u") < CAST(-7.08e+2 AS DOUBLE) THEN CAST(0e+0 AS DOUBLE) ELSE exp(-(CAST(1.5e+0 AS DOUBLE) * "l1u")) END) * "s_sum") END END AS "value"
  FROM (
  SELECT *, "z" * (CAST(1e+0 AS DOUBLE) + CAST(5e-1 AS DOUBLE) / ("n_terms" + CAST(1e+0 AS DOUBLE))) AS "rho"
  FROM (
  SELECT "x", "age", "k", "c", "u", "z", "ck", "l1u", "ok", "ln_low", "ln_s1", "n_terms", "s_sum", "ln_last" FROM (
  SELECT "x", "age", "k", "c", "u", "z", "ck", "l1u", "ok", "ln_low", "ln_s1", "n_terms",
    sum(CASE WHEN "zeros" > 0 OR "ck" = CAST(0e+0 AS DOUBLE) THEN CAST(0e+0 AS DOUBLE) ELSE CASE WHEN (("negatives") % (2)) = 1 THEN -1 ELSE 1 END * CASE WHEN "ck" < CAST(0e+0 AS DOUBLE) THEN -1 ELSE 1 END * (CASE WHEN "ln_term" < CAST(-7.08e+2 AS DOUBLE) THEN CAST(0e+0 AS DOUBLE) ELSE exp("ln_term") END) END) AS "s_sum",
    max(CASE WHEN "n" = "n_terms" - 1 THEN (CASE WHEN "zeros" > 0 THEN CAST(-1e+300 AS DOUBLE) ELSE "ln_term" END) END) AS "ln_last"
  FROM (
  SELECT "x", "age", "k", "c", "u", "z", "ck", "l1u", "ok", "ln_low", "ln_s1", "n_terms", "n",
    "ln_s1" + sum(CASE WHEN "ratio" = CAST(0e+0 AS DOUBLE) THEN CAST(0e+0 AS DOUBLE) ELSE ln(abs("ratio")) END) OVER (PARTITION BY "x", "age" ORDER BY "n" ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS "ln_term",
    sum(CASE WHEN "ratio" < CAST(0e+0 AS DOUBLE) THEN 1 ELSE 0 END) OVER (PARTITION BY "x", "age" ORDER BY "n" ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS "negatives",
    sum(CASE WHEN "ratio" = CAST(0e+0 AS DOUBLE) THEN 1 ELSE 0 END) OVER (PARTITION BY "x", "age" ORDER BY "n" ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS "zeros"
  FROM (
  SELECT "x", "age", "k", "c", "u", "z", "ck", "l1u", "ok", "ln_low", "ln_s1", "n_terms", "n", CASE WHEN "n" = 0 THEN CAST(1e+0 AS DOUBLE) ELSE ("ck" + "n") * (CAST(1.5e+0 AS DOUBLE) + "n") / (("c" + "n") * ("n" + 1)) * "z" END AS "ratio"
  FROM (SELECT *, unnest(range(0, CASE WHEN "ok" = 1 AND "n_terms" < CAST(1e+5 AS DOUBLE) THEN "n_terms" ELSE 1 END)) AS "n" FROM (
  SELECT "x", "age", "k", "c", "u", "z", "ck", "l1u", "ok", "ln_low", "ln_s1",
    CAST(CASE WHEN "n0" + CASE WHEN "ok" = 1 AND "ck" <> CAST(0e+0 AS DOUBLE) THEN ceil(CAST(5e-1 AS DOUBLE) * ln("n0" + CAST(2e+0 AS DOUBLE)) / -ln("z")) + CAST(1e+0 AS DOUBLE) ELSE CAST(0e+0 AS DOUBLE) END > CAST(1e+5 AS DOUBLE) THEN CAST(1e+5 AS DOUBLE) WHEN "n0" + CASE WHEN "ok" = 1 AND "ck" <> CAST(0e+0 AS DOUBLE) THEN ceil(CAST(5e-1 AS DOUBLE) * ln("n0" + CAST(2e+0 AS DOUBLE)) / -ln("z")) + CAST(1e+0 AS DOUBLE) ELSE CAST(0e+0 AS DOUBLE) END < -"ck" THEN ceil(-"ck") ELSE "n0" + CASE WHEN "ok" = 1 AND "ck" <> CAST(0e+0 AS DOUBLE) THEN ceil(CAST(5e-1 AS DOUBLE) * ln("n0" + CAST(2e+0 AS DOUBLE)) / -ln("z")) + CAST(1e+0 AS DOUBLE) ELSE CAST(0e+0 AS DOUBLE) END END AS BIGINT) AS "n_terms"
  FROM (
  SELECT *, CASE WHEN "ok" = 1 AND "ck" <> CAST(0e+0 AS DOUBLE) THEN (CASE WHEN ceil((CAST(-4.158883083359672e+1 AS DOUBLE) + "ln_low" + CAST(1.5e+0 AS DOUBLE) * "l1u" - "l1u" - "ln_s1") / ln("z")) < CAST(1e+0 AS DOUBLE) THEN CAST(1e+0 AS DOUBLE) ELSE ceil((CAST(-4.158883083359672e+1 AS DOUBLE) + "ln_low" + CAST(1.5e+0 AS DOUBLE) * "l1u" - "l1u" - "ln_s1") / ln("z")) END) ELSE CAST(1e+0 AS DOUBLE) END AS "n0"
  FROM (
  SELECT "x", "age", "k", "c", "u", "z", "ck", "l1u", "ok",
    CASE WHEN "ok" = 1 AND "ck" <> CAST(0e+0 AS DOUBLE) THEN ln(CASE WHEN "k" * "l1u" >= CAST(1e+0 AS DOUBLE) THEN CAST(1e+0 AS DOUBLE) - (CASE WHEN -("k" * "l1u") < CAST(-7.08e+2 AS DOUBLE) THEN CAST(0e+0 AS DOUBLE) ELSE exp(-("k" * "l1u")) END) WHEN exp(-("k" * "l1u")) = CAST(1e+0 AS DOUBLE) THEN "k" * "l1u" ELSE (CAST(1e+0 AS DOUBLE) - exp(-("k" * "l1u"))) * "k" * "l1u" / -ln(exp(-("k" * "l1u"))) END) - ln("c") ELSE CAST(0e+0 AS DOUBLE) END AS "ln_low",
    CASE WHEN "ok" = 1 AND "ck" <> CAST(0e+0 AS DOUBLE) THEN ln(abs("ck")) - ln("c") + ln("z") ELSE CAST(0e+0 AS DOUBLE) END AS "ln_s1"
  FROM (
  SELECT "x", "age", "k", "c", "u", "z", "c" - "k" AS "ck", CASE WHEN (CAST(1e+0 AS DOUBLE) + "u") = CAST(1e+0 AS DOUBLE) THEN "u" ELSE ln((CAST(1e+0 AS DOUBLE) + "u")) * "u" / ((CAST(1e+0 AS DOUBLE) + "u") - CAST(1e+0 AS DOUBLE)) END AS "l1u",
    CASE WHEN "c" > CAST(0e+0 AS DOUBLE) AND "z" <= CAST(9.9e-1 AS DOUBLE) AND "c" <= CAST(1.5e+4 AS DOUBLE) AND "u" * ("k" + CAST(1e+0 AS DOUBLE)) >= CAST(1.1102230246251565e-16 AS DOUBLE) THEN 1 ELSE 0 END AS "ok"
  FROM (
  SELECT "x", "age", CAST(5.25e-1 AS DOUBLE) + "x" AS "k", CAST(2.5e+0 AS DOUBLE) + (CAST(1.614e+0 AS DOUBLE) + "x" + CAST(1e+0 AS DOUBLE)) - CAST(1e+0 AS DOUBLE) AS "c",
    CAST(3.9e+1 AS DOUBLE) / (CAST(6.183e+0 AS DOUBLE) + "age") AS "u", CAST(3.9e+1 AS DOUBLE) / ((CAST(6.183e+0 AS DOUBLE) + "age") + CAST(3.9e+1 AS DOUBLE)) AS "z"
  FROM (
  SELECT DISTINCT "x", "age" FROM (
  SELECT "id" AS "customer_id", CAST("x" AS DOUBLE) AS "x", CAST("t_x" AS DOUBLE) AS "tx", CAST("age" AS DOUBLE) AS "age"
  FROM "shop"."summary"
) AS "s"
) AS "d"
) AS "b0"
) AS "b1"
) AS "b2"
) AS "b3"
) AS "b4") AS "g"
  WHERE "ok" = 1
) AS "r0"
) AS "r1"
  GROUP BY "x", "age", "k", "c", "u", "z", "ck", "l1u", "ok", "ln_low", "ln_s1", "n_terms"
) AS "r2"
  UNION ALL
  SELECT "x", "age", "k", "c", "u", "z", "ck", "l1u", "ok", "ln_low", "ln_s1", "n_terms", NULL AS "s_sum", NULL AS "ln_last" FROM (
  SELECT "x", "age", "k", "c", "u", "z", "ck", "l1u", "ok", "ln_low", "ln_s1",
    CAST(CASE WHEN "n0" + CASE WHEN "ok" = 1 AND "ck" <> CAST(0e+0 AS DOUBLE) THEN ceil(CAST(5e-1 AS DOUBLE) * ln("n0" + CAST(2e+0 AS DOUBLE)) / -ln("z")) + CAST(1e+0 AS DOUBLE) ELSE CAST(0e+0 AS DOUBLE) END > CAST(1e+5 AS DOUBLE) THEN CAST(1e+5 AS DOUBLE) WHEN "n0" + CASE WHEN "ok" = 1 AND "ck" <> CAST(0e+0 AS DOUBLE) THEN ceil(CAST(5e-1 AS DOUBLE) * ln("n0" + CAST(2e+0 AS DOUBLE)) / -ln("z")) + CAST(1e+0 AS DOUBLE) ELSE CAST(0e+0 AS DOUBLE) END < -"ck" THEN ceil(-"ck") ELSE "n0" + CASE WHEN "ok" = 1 AND "ck" <> CAST(0e+0 AS DOUBLE) THEN ceil(CAST(5e-1 AS DOUBLE) * ln("n0" + CAST(2e+0 AS DOUBLE)) / -ln("z")) + CAST(1e+0 AS DOUBLE) ELSE CAST(0e+0 AS DOUBLE) END END AS BIGINT) AS "n_terms"
  FROM (
  SELECT *, CASE WHEN "ok" = 1 AND "ck" <> CAST(0e+0 AS DOUBLE) THEN (CASE WHEN ceil((CAST(-4.158883083359672e+1 AS DOUBLE) + "ln_low" + CAST(1.5e+0 AS DOUBLE) * "l1u" - "l1u" - "ln_s1") / ln("z")) < CAST(1e+0 AS DOUBLE) THEN CAST(1e+0 AS DOUBLE) ELSE ceil((CAST(-4.158883083359672e+1 AS DOUBLE) + "ln_low" + CAST(1.5e+0 AS DOUBLE) * "l1u" - "l1u" - "ln_s1") / ln("z")) END) ELSE CAST(1e+0 AS DOUBLE) END AS "n0"
  FROM (
  SELECT "x", "age", "k", "c", "u", "z", "ck", "l1u", "ok",
    CASE WHEN "ok" = 1 AND "ck" <> CAST(0e+0 AS DOUBLE) THEN ln(CASE WHEN "k" * "l1u" >= CAST(1e+0 AS DOUBLE) THEN CAST(1e+0 AS DOUBLE) - (CASE WHEN -("k" * "l1u") < CAST(-7.08e+2 AS DOUBLE) THEN CAST(0e+0 AS DOUBLE) ELSE exp(-("k" * "l1u")) END) WHEN exp(-("k" * "l1u")) = CAST(1e+0 AS DOUBLE) THEN "k" * "l1u" ELSE (CAST(1e+0 AS DOUBLE) - exp(-("k" * "l1u"))) * "k" * "l1u" / -ln(exp(-("k" * "l1u"))) END) - ln("c") ELSE CAST(0e+0 AS DOUBLE) END AS "ln_low",
    CASE WHEN "ok" = 1 AND "ck" <> CAST(0e+0 AS DOUBLE) THEN ln(abs("ck")) - ln("c") + ln("z") ELSE CAST(0e+0 AS DOUBLE) END AS "ln_s1"
  FROM (
  SELECT "x", "age", "k", "c", "u", "z", "c" - "k" AS "ck", CASE WHEN (CAST(1e+0 AS DOUBLE) + "u") = CAST(1e+0 AS DOUBLE) THEN "u" ELSE ln((CAST(1e+0 AS DOUBLE) + "u")) * "u" / ((CAST(1e+0 AS DOUBLE) + "u") - CAST(1e+0 AS DOUBLE)) END AS "l1u",
    CASE WHEN "c" > CAST(0e+0 AS DOUBLE) AND "z" <= CAST(9.9e-1 AS DOUBLE) AND "c" <= CAST(1.5e+4 AS DOUBLE) AND "u" * ("k" + CAST(1e+0 AS DOUBLE)) >= CAST(1.1102230246251565e-16 AS DOUBLE) THEN 1 ELSE 0 END AS "ok"
  FROM (
  SELECT "x", "age", CAST(5.25e-1 AS DOUBLE) + "x" AS "k", CAST(2.5e+0 AS DOUBLE) + (CAST(1.614e+0 AS DOUBLE) + "x" + CAST(1e+0 AS DOUBLE)) - CAST(1e+0 AS DOUBLE) AS "c",
    CAST(3.9e+1 AS DOUBLE) / (CAST(6.183e+0 AS DOUBLE) + "age") AS "u", CAST(3.9e+1 AS DOUBLE) / ((CAST(6.183e+0 AS DOUBLE) + "age") + CAST(3.9e+1 AS DOUBLE)) AS "z"
  FROM (
  SELECT DISTINCT "x", "age" FROM (
  SELECT "id" AS "customer_id", CAST("x" AS DOUBLE) AS "x", CAST("t_x" AS DOUBLE) AS "tx", CAST("age" AS DOUBLE) AS "age"
  FROM "shop"."summary"
) AS "s"
) AS "d"
) AS "b0"
) AS "b1"
) AS "b2"
) AS "b3"
) AS "b4" WHERE "ok" = 0
) AS "r3"
) AS "r4"
) AS "r5"
) AS "e" USING ("x", "age")

-- scoreSql, Pareto/NBD (CDNOW), horizon 39
SELECT "customer_id", "p" AS "probability_alive", "p" * "if_alive" AS "expected_purchases"
FROM (
  SELECT "customer_id", "e0" / ("e0" + CASE WHEN "e1" - "e2" > CAST(0e+0 AS DOUBLE) THEN "e1" - "e2" ELSE CAST(0e+0 AS DOUBLE) END) AS "p", (CAST(5.53e-1 AS DOUBLE) + "x") / (CAST(1.058e+1 AS DOUBLE) + "age") * (CAST(1.167e+1 AS DOUBLE) + "age") * (CASE WHEN abs(CAST(-3.94e-1 AS DOUBLE) * "lb") < CAST(1e-9 AS DOUBLE) THEN -"lb" * (CAST(1e+0 AS DOUBLE) + CAST(-3.94e-1 AS DOUBLE) * "lb" / CAST(2e+0 AS DOUBLE)) ELSE (CASE WHEN -(CAST(-3.94e-1 AS DOUBLE) * "lb") >= CAST(1e+0 AS DOUBLE) THEN CAST(1e+0 AS DOUBLE) - (CASE WHEN -(-(CAST(-3.94e-1 AS DOUBLE) * "lb")) < CAST(-7.08e+2 AS DOUBLE) THEN CAST(0e+0 AS DOUBLE) ELSE exp(-(-(CAST(-3.94e-1 AS DOUBLE) * "lb"))) END) WHEN exp(-(-(CAST(-3.94e-1 AS DOUBLE) * "lb"))) = CAST(1e+0 AS DOUBLE) THEN -(CAST(-3.94e-1 AS DOUBLE) * "lb") ELSE (CAST(1e+0 AS DOUBLE) - exp(-(-(CAST(-3.94e-1 AS DOUBLE) * "lb")))) * -(CAST(-3.94e-1 AS DOUBLE) * "lb") / -ln(exp(-(-(CAST(-3.94e-1 AS DOUBLE) * "lb")))) END) / CAST(-3.94e-1 AS DOUBLE) END) AS "if_alive"
  FROM (
  SELECT *, -(CASE WHEN (CAST(1e+0 AS DOUBLE) + CAST(3.9e+1 AS DOUBLE) / (CAST(1.167e+1 AS DOUBLE) + "age")) = CAST(1e+0 AS DOUBLE) THEN CAST(3.9e+1 AS DOUBLE) / (CAST(1.167e+1 AS DOUBLE) + "age") ELSE ln((CAST(1e+0 AS DOUBLE) + CAST(3.9e+1 AS DOUBLE) / (CAST(1.167e+1 AS DOUBLE) + "age"))) * CAST(3.9e+1 AS DOUBLE) / (CAST(1.167e+1 AS DOUBLE) + "age") / ((CAST(1e+0 AS DOUBLE) + CAST(3.9e+1 AS DOUBLE) / (CAST(1.167e+1 AS DOUBLE) + "age")) - CAST(1e+0 AS DOUBLE)) END) AS "lb"
  FROM (
  SELECT "customer_id", "x", "age", CASE WHEN "lf" - "top" < CAST(-7.08e+2 AS DOUBLE) THEN CAST(0e+0 AS DOUBLE) ELSE exp("lf" - "top") END AS "e0",
    CAST(6.06e-1 AS DOUBLE) / (CAST(5.53e-1 AS DOUBLE) + CAST(6.06e-1 AS DOUBLE) + "x") * (CASE WHEN "j_tx" - "top" < CAST(-7.08e+2 AS DOUBLE) THEN CAST(0e+0 AS DOUBLE) ELSE exp("j_tx" - "top") END) AS "e1",
    CAST(6.06e-1 AS DOUBLE) / (CAST(5.53e-1 AS DOUBLE) + CAST(6.06e-1 AS DOUBLE) + "x") * (CASE WHEN "j_t" - "top" < CAST(-7.08e+2 AS DOUBLE) THEN CAST(0e+0 AS DOUBLE) ELSE exp("j_t" - "top") END) AS "e2"
  FROM (
  SELECT *, CASE WHEN "lf" >= "j_tx" THEN "lf" ELSE "j_tx" END AS "top"
  FROM (
  SELECT *, -(CAST(5.53e-1 AS DOUBLE) + "x") * ln(CAST(1.058e+1 AS DOUBLE) + "age") - CAST(6.06e-1 AS DOUBLE) * ln(CAST(1.167e+1 AS DOUBLE) + "age") AS "lf"
  FROM (
  SELECT "customer_id", "x", "tx", "age", "j_tx", "j_t"
  FROM (
  SELECT "customer_id", "x", "tx", "age", "j_tx"
  FROM (
  SELECT "customer_id" AS "customer_id", CAST("frequency" AS DOUBLE) AS "x", CAST("recency" AS DOUBLE) AS "tx", CAST("T" AS DOUBLE) AS "age"
  FROM "shop"."summary"
) AS "s"
  LEFT JOIN (
  SELECT "x", "tx", CASE WHEN "z" <= CAST(9e-1 AS DOUBLE) THEN "pre" + ln("h") END AS "j_tx"
FROM (
  SELECT "x", "tx", "pp", "qq", "z", "pre", "n_terms", sum(CASE WHEN "ln_term" < CAST(-7.08e+2 AS DOUBLE) THEN CAST(0e+0 AS DOUBLE) ELSE exp("ln_term") END) AS "h"
  FROM (
  SELECT "x", "tx", "pp", "qq", "z", "pre", "n_terms", sum(CASE WHEN "n" = 0 THEN CAST(0e+0 AS DOUBLE) ELSE ln((CAST(1.6059999999999999e+0 AS DOUBLE) + "n" - 1) / ((CAST(5.53e-1 AS DOUBLE) + CAST(6.06e-1 AS DOUBLE) + "x" + CAST(1e+0 AS DOUBLE)) + "n" - 1) * "z") END) OVER (PARTITION BY "x", "tx" ORDER BY "n" ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS "ln_term"
  FROM (SELECT *, unnest(range(0, "n_terms")) AS "n" FROM (
  SELECT "x", "tx", "pp", "qq", "z", "pre", CAST(CASE WHEN "z" = CAST(0e+0 AS DOUBLE) OR "z" > CAST(9e-1 AS DOUBLE) THEN CAST(1e+0 AS DOUBLE) ELSE ceil((CAST(-4.158883083359672e+1 AS DOUBLE) + ln(CAST(1e+0 AS DOUBLE) - "z")) / ln("z")) END AS BIGINT) AS "n_terms"
  FROM (
  SELECT "x", "tx", CAST(1.6059999999999999e+0 AS DOUBLE) AS "pp", CAST(5.53e-1 AS DOUBLE) + CAST(6.06e-1 AS DOUBLE) + "x" + CAST(1e+0 AS DOUBLE) AS "qq",
    (CAST(1.167e+1 AS DOUBLE) - CAST(1.058e+1 AS DOUBLE)) / (CAST(1.167e+1 AS DOUBLE) + "tx") AS "z",
    -(CAST(5.53e-1 AS DOUBLE) + "x" - CAST(1e+0 AS DOUBLE)) * ln((CAST(1.058e+1 AS DOUBLE) + "tx")) - CAST(1.6059999999999999e+0 AS DOUBLE) * ln((CAST(1.167e+1 AS DOUBLE) + "tx")) AS "pre"
  FROM (
  SELECT DISTINCT "x", "tx" FROM (
  SELECT "customer_id" AS "customer_id", CAST("frequency" AS DOUBLE) AS "x", CAST("recency" AS DOUBLE) AS "tx", CAST("T" AS DOUBLE) AS "age"
  FROM "shop"."summary"
) AS "s"
) AS "d"
) AS "j0"
) AS "j1") AS "g"
) AS "j2"
  GROUP BY "x", "tx", "pp", "qq", "z", "pre", "n_terms"
) AS "j3"
) AS "jx" USING ("x", "tx")
) AS "s1"
  LEFT JOIN (
  SELECT "x", "age", CASE WHEN "z" <= CAST(9e-1 AS DOUBLE) THEN "pre" + ln("h") END AS "j_t"
FROM (
  SELECT "x", "age", "pp", "qq", "z", "pre", "n_terms", sum(CASE WHEN "ln_term" < CAST(-7.08e+2 AS DOUBLE) THEN CAST(0e+0 AS DOUBLE) ELSE exp("ln_term") END) AS "h"
  FROM (
  SELECT "x", "age", "pp", "qq", "z", "pre", "n_terms", sum(CASE WHEN "n" = 0 THEN CAST(0e+0 AS DOUBLE) ELSE ln((CAST(1.6059999999999999e+0 AS DOUBLE) + "n" - 1) / ((CAST(5.53e-1 AS DOUBLE) + CAST(6.06e-1 AS DOUBLE) + "x" + CAST(1e+0 AS DOUBLE)) + "n" - 1) * "z") END) OVER (PARTITION BY "x", "age" ORDER BY "n" ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS "ln_term"
  FROM (SELECT *, unnest(range(0, "n_terms")) AS "n" FROM (
  SELECT "x", "age", "pp", "qq", "z", "pre", CAST(CASE WHEN "z" = CAST(0e+0 AS DOUBLE) OR "z" > CAST(9e-1 AS DOUBLE) THEN CAST(1e+0 AS DOUBLE) ELSE ceil((CAST(-4.158883083359672e+1 AS DOUBLE) + ln(CAST(1e+0 AS DOUBLE) - "z")) / ln("z")) END AS BIGINT) AS "n_terms"
  FROM (
  SELECT "x", "age", CAST(1.6059999999999999e+0 AS DOUBLE) AS "pp", CAST(5.53e-1 AS DOUBLE) + CAST(6.06e-1 AS DOUBLE) + "x" + CAST(1e+0 AS DOUBLE) AS "qq",
    (CAST(1.167e+1 AS DOUBLE) - CAST(1.058e+1 AS DOUBLE)) / (CAST(1.167e+1 AS DOUBLE) + "age") AS "z",
    -(CAST(5.53e-1 AS DOUBLE) + "x" - CAST(1e+0 AS DOUBLE)) * ln((CAST(1.058e+1 AS DOUBLE) + "age")) - CAST(1.6059999999999999e+0 AS DOUBLE) * ln((CAST(1.167e+1 AS DOUBLE) + "age")) AS "pre"
  FROM (
  SELECT DISTINCT "x", "age" FROM (
  SELECT "customer_id" AS "customer_id", CAST("frequency" AS DOUBLE) AS "x", CAST("recency" AS DOUBLE) AS "tx", CAST("T" AS DOUBLE) AS "age"
  FROM "shop"."summary"
) AS "s"
) AS "d"
) AS "j0"
) AS "j1") AS "g"
) AS "j2"
  GROUP BY "x", "age", "pp", "qq", "z", "pre", "n_terms"
) AS "j3"
) AS "jt" USING ("x", "age")
) AS "s2"
) AS "s3"
) AS "s4"
) AS "s5"
) AS "s6"
) AS "s7"

-- scoreSql, BG/NBD, horizon 0
SELECT "customer_id", "p" AS "probability_alive", "p" * CAST(0e+0 AS DOUBLE) AS "expected_purchases"
FROM (
  SELECT "customer_id", "x", "age", CASE WHEN "x" = CAST(0e+0 AS DOUBLE) THEN CAST(1e+0 AS DOUBLE) ELSE CASE WHEN "w" <= CAST(0e+0 AS DOUBLE) THEN CAST(1e+0 AS DOUBLE) / (CAST(1e+0 AS DOUBLE) + CASE WHEN "w" < CAST(-7.08e+2 AS DOUBLE) THEN CAST(0e+0 AS DOUBLE) ELSE exp("w") END) ELSE (CASE WHEN -"w" < CAST(-7.08e+2 AS DOUBLE) THEN CAST(0e+0 AS DOUBLE) ELSE exp(-"w") END) / (CAST(1e+0 AS DOUBLE) + (CASE WHEN -"w" < CAST(-7.08e+2 AS DOUBLE) THEN CAST(0e+0 AS DOUBLE) ELSE exp(-"w") END)) END END AS "p"
  FROM (
  SELECT "customer_id", "x", "age", CASE WHEN "x" = CAST(0e+0 AS DOUBLE) THEN CAST(0e+0 AS DOUBLE) ELSE CAST(-2.3193205734728903e-1 AS DOUBLE) - ln(CAST(2.426e+0 AS DOUBLE) + "x" - CAST(1e+0 AS DOUBLE) + CAST(0e+0 AS DOUBLE)) + (CAST(2.43e-1 AS DOUBLE) + "x") * ln((CAST(4.414e+0 AS DOUBLE) + "age") / (CAST(4.414e+0 AS DOUBLE) + "tx")) END AS "w"
  FROM (
  SELECT "customer_id" AS "customer_id", CAST("frequency" AS DOUBLE) AS "x", CAST("recency" AS DOUBLE) AS "tx", CAST("T" AS DOUBLE) AS "age"
  FROM "shop"."summary"
) AS "s"
) AS "s1"
) AS "s2"

