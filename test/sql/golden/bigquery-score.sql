-- scoreSql, BG/NBD (Fader, Hardie & Lee 2005, CDNOW), horizon 39
SELECT `customer_id`, `p` AS `probability_alive`, `p` * `if_alive` AS `expected_purchases`
FROM (
  SELECT `customer_id`, `x`, `age`, CASE WHEN `x` = CAST(0e+0 AS FLOAT64) THEN CAST(1e+0 AS FLOAT64) ELSE CASE WHEN `w` <= CAST(0e+0 AS FLOAT64) THEN CAST(1e+0 AS FLOAT64) / (CAST(1e+0 AS FLOAT64) + CASE WHEN `w` < CAST(-7.08e+2 AS FLOAT64) THEN CAST(0e+0 AS FLOAT64) ELSE exp(`w`) END) ELSE (CASE WHEN -`w` < CAST(-7.08e+2 AS FLOAT64) THEN CAST(0e+0 AS FLOAT64) ELSE exp(-`w`) END) / (CAST(1e+0 AS FLOAT64) + (CASE WHEN -`w` < CAST(-7.08e+2 AS FLOAT64) THEN CAST(0e+0 AS FLOAT64) ELSE exp(-`w`) END)) END END AS `p`
  FROM (
  SELECT `customer_id`, `x`, `age`, CASE WHEN `x` = CAST(0e+0 AS FLOAT64) THEN CAST(0e+0 AS FLOAT64) ELSE CAST(-2.3193205734728903e-1 AS FLOAT64) - LN(CAST(2.426e+0 AS FLOAT64) + `x` - CAST(1e+0 AS FLOAT64) + CAST(0e+0 AS FLOAT64)) + (CAST(2.43e-1 AS FLOAT64) + `x`) * LN((CAST(4.414e+0 AS FLOAT64) + `age`) / (CAST(4.414e+0 AS FLOAT64) + `tx`)) END AS `w`
  FROM (
  SELECT `customer_id` AS `customer_id`, CAST(`frequency` AS FLOAT64) AS `x`, CAST(`recency` AS FLOAT64) AS `tx`, CAST(`T` AS FLOAT64) AS `age`
  FROM `shop`.`summary`
) AS `s`
) AS `s1`
) AS `s2`
LEFT JOIN (
  SELECT `x`, `age`,
  CASE WHEN `u` * (`k` + CAST(1e+0 AS FLOAT64)) < CAST(1.1102230246251565e-16 AS FLOAT64) THEN `k` * `u`
    WHEN `value` > CAST(0e+0 AS FLOAT64) AND `k` * `l1u` * abs(CASE WHEN `value` > CAST(0e+0 AS FLOAT64) THEN `c` / (`value` * CAST(-2.0699999999999996e-1 AS FLOAT64)) END - CAST(1e+0 AS FLOAT64)) <= CASE WHEN `z` <= CAST(9e-1 AS FLOAT64) THEN CAST(8e+2 AS FLOAT64) ELSE CAST(1e+2 AS FLOAT64) END THEN `value` END AS `if_alive`
FROM (
  SELECT `x`, `age`, `k`, `u`, `z`, `l1u`, `c`, CASE WHEN `ok` = 1 AND `n_terms` < CAST(1e+5 AS FLOAT64) AND `ck` + `n_terms` >= CAST(0e+0 AS FLOAT64) AND `rho` > CAST(0e+0 AS FLOAT64) AND `rho` < CAST(1e+0 AS FLOAT64) THEN CASE WHEN `ck` = CAST(0e+0 AS FLOAT64) THEN `c` * (`l1u` * (CASE WHEN CAST(-2.0699999999999996e-1 AS FLOAT64) * `l1u` >= CAST(1e+0 AS FLOAT64) THEN CAST(1e+0 AS FLOAT64) - (CASE WHEN -(CAST(-2.0699999999999996e-1 AS FLOAT64) * `l1u`) < CAST(-7.08e+2 AS FLOAT64) THEN CAST(0e+0 AS FLOAT64) ELSE exp(-(CAST(-2.0699999999999996e-1 AS FLOAT64) * `l1u`)) END) WHEN exp(-(CAST(-2.0699999999999996e-1 AS FLOAT64) * `l1u`)) = CAST(1e+0 AS FLOAT64) THEN CAST(-2.0699999999999996e-1 AS FLOAT64) * `l1u` ELSE (CAST(1e+0 AS FLOAT64) - exp(-(CAST(-2.0699999999999996e-1 AS FLOAT64) * `l1u`))) * CAST(-2.0699999999999996e-1 AS FLOAT64) * `l1u` / -LN(exp(-(CAST(-2.0699999999999996e-1 AS FLOAT64) * `l1u`))) END) / (CAST(-2.0699999999999996e-1 AS FLOAT64) * `l1u`) - (CASE WHEN -(CAST(-2.0699999999999996e-1 AS FLOAT64) * `l1u`) < CAST(-7.08e+2 AS FLOAT64) THEN CAST(0e+0 AS FLOAT64) ELSE exp(-(CAST(-2.0699999999999996e-1 AS FLOAT64) * `l1u`)) END) * `s_sum`) WHEN `ln_last` + LN(`rho`) - LN(CAST(1e+0 AS FLOAT64) - `rho`) <= CAST(-4.158883083359672e+1 AS FLOAT64) + `ln_low` + CAST(-2.0699999999999996e-1 AS FLOAT64) * `l1u` THEN `c` * (`l1u` * (CASE WHEN CAST(-2.0699999999999996e-1 AS FLOAT64) * `l1u` >= CAST(1e+0 AS FLOAT64) THEN CAST(1e+0 AS FLOAT64) - (CASE WHEN -(CAST(-2.0699999999999996e-1 AS FLOAT64) * `l1u`) < CAST(-7.08e+2 AS FLOAT64) THEN CAST(0e+0 AS FLOAT64) ELSE exp(-(CAST(-2.0699999999999996e-1 AS FLOAT64) * `l1u`)) END) WHEN exp(-(CAST(-2.0699999999999996e-1 AS FLOAT64) * `l1u`)) = CAST(1e+0 AS FLOAT64) THEN CAST(-2.0699999999999996e-1 AS FLOAT64) * `l1u` ELSE (CAST(1e+0 AS FLOAT64) - exp(-(CAST(-2.0699999999999996e-1 AS FLOAT64) * `l1u`))) * CAST(-2.0699999999999996e-1 AS FLOAT64) * `l1u` / -LN(exp(-(CAST(-2.0699999999999996e-1 AS FLOAT64) * `l1u`))) END) / (CAST(-2.0699999999999996e-1 AS FLOAT64) * `l1u`) - (CASE WHEN -(CAST(-2.0699999999999996e-1 AS FLOAT64) * `l1u`) < CAST(-7.08e+2 AS FLOAT64) THEN CAST(0e+0 AS FLOAT64) ELSE exp(-(CAST(-2.0699999999999996e-1 AS FLOAT64) * `l1u`)) END) * `s_sum`) END END AS `value`
  FROM (
  SELECT *, `z` * (CAST(1e+0 AS FLOAT64) + CAST(0e+0 AS FLOAT64) / (`n_terms` + CAST(1e+0 AS FLOAT64))) AS `rho`
  FROM (
  SELECT `x`, `age`, `partition_key`, `k`, `c`, `u`, `z`, `ck`, `l1u`, `ok`, `ln_low`, `ln_s1`, `n_terms`, `s_sum`, `ln_last` FROM (
  SELECT `x`, `age`, `partition_key`, `k`, `c`, `u`, `z`, `ck`, `l1u`, `ok`, `ln_low`, `ln_s1`, `n_terms`,
    sum(CASE WHEN `zeros` > 0 OR `ck` = CAST(0e+0 AS FLOAT64) THEN CAST(0e+0 AS FLOAT64) ELSE CASE WHEN MOD(`negatives`, 2) = 1 THEN -1 ELSE 1 END * CASE WHEN `ck` < CAST(0e+0 AS FLOAT64) THEN -1 ELSE 1 END * (CASE WHEN `ln_term` < CAST(-7.08e+2 AS FLOAT64) THEN CAST(0e+0 AS FLOAT64) ELSE exp(`ln_term`) END) END) AS `s_sum`,
    max(CASE WHEN `n` = `n_terms` - 1 THEN (CASE WHEN `zeros` > 0 THEN CAST(-1e+300 AS FLOAT64) ELSE `ln_term` END) END) AS `ln_last`
  FROM (
  SELECT `x`, `age`, `partition_key`, `k`, `c`, `u`, `z`, `ck`, `l1u`, `ok`, `ln_low`, `ln_s1`, `n_terms`, `n`,
    `ln_s1` + sum(CASE WHEN `ratio` = CAST(0e+0 AS FLOAT64) THEN CAST(0e+0 AS FLOAT64) ELSE LN(abs(`ratio`)) END) OVER (PARTITION BY `partition_key` ORDER BY `n` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `ln_term`,
    sum(CASE WHEN `ratio` < CAST(0e+0 AS FLOAT64) THEN 1 ELSE 0 END) OVER (PARTITION BY `partition_key` ORDER BY `n` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `negatives`,
    sum(CASE WHEN `ratio` = CAST(0e+0 AS FLOAT64) THEN 1 ELSE 0 END) OVER (PARTITION BY `partition_key` ORDER BY `n` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `zeros`
  FROM (
  SELECT `x`, `age`, `partition_key`, `k`, `c`, `u`, `z`, `ck`, `l1u`, `ok`, `ln_low`, `ln_s1`, `n_terms`, `n`, CASE WHEN `n` = 0 THEN CAST(1e+0 AS FLOAT64) ELSE (`ck` + `n`) * (CAST(-2.0699999999999996e-1 AS FLOAT64) + `n`) / ((`c` + `n`) * (`n` + 1)) * `z` END AS `ratio`
  FROM (
  SELECT `x`, `age`, `partition_key`, `k`, `c`, `u`, `z`, `ck`, `l1u`, `ok`, `ln_low`, `ln_s1`,
    CAST(CASE WHEN `n0` + CAST(0e+0 AS FLOAT64) > CAST(1e+5 AS FLOAT64) THEN CAST(1e+5 AS FLOAT64) WHEN `n0` + CAST(0e+0 AS FLOAT64) < -`ck` THEN ceil(-`ck`) ELSE `n0` + CAST(0e+0 AS FLOAT64) END AS INT64) AS `n_terms`
  FROM (
  SELECT *, CASE WHEN `ok` = 1 AND `ck` <> CAST(0e+0 AS FLOAT64) THEN (CASE WHEN ceil((CAST(-4.158883083359672e+1 AS FLOAT64) + `ln_low` + CAST(-2.0699999999999996e-1 AS FLOAT64) * `l1u` - `l1u` - `ln_s1`) / LN(`z`)) < CAST(1e+0 AS FLOAT64) THEN CAST(1e+0 AS FLOAT64) ELSE ceil((CAST(-4.158883083359672e+1 AS FLOAT64) + `ln_low` + CAST(-2.0699999999999996e-1 AS FLOAT64) * `l1u` - `l1u` - `ln_s1`) / LN(`z`)) END) ELSE CAST(1e+0 AS FLOAT64) END AS `n0`
  FROM (
  SELECT `x`, `age`, `partition_key`, `k`, `c`, `u`, `z`, `ck`, `l1u`, `ok`,
    CASE WHEN `ok` = 1 AND `ck` <> CAST(0e+0 AS FLOAT64) THEN LN(CASE WHEN `k` * `l1u` >= CAST(1e+0 AS FLOAT64) THEN CAST(1e+0 AS FLOAT64) - (CASE WHEN -(`k` * `l1u`) < CAST(-7.08e+2 AS FLOAT64) THEN CAST(0e+0 AS FLOAT64) ELSE exp(-(`k` * `l1u`)) END) WHEN exp(-(`k` * `l1u`)) = CAST(1e+0 AS FLOAT64) THEN `k` * `l1u` ELSE (CAST(1e+0 AS FLOAT64) - exp(-(`k` * `l1u`))) * `k` * `l1u` / -LN(exp(-(`k` * `l1u`))) END) - LN(`c`) ELSE CAST(0e+0 AS FLOAT64) END AS `ln_low`,
    CASE WHEN `ok` = 1 AND `ck` <> CAST(0e+0 AS FLOAT64) THEN LN(abs(`ck`)) - LN(`c`) + LN(`z`) ELSE CAST(0e+0 AS FLOAT64) END AS `ln_s1`
  FROM (
  SELECT `x`, `age`, `partition_key`, `k`, `c`, `u`, `z`, `c` - `k` AS `ck`, CASE WHEN (CAST(1e+0 AS FLOAT64) + `u`) = CAST(1e+0 AS FLOAT64) THEN `u` ELSE LN((CAST(1e+0 AS FLOAT64) + `u`)) * `u` / ((CAST(1e+0 AS FLOAT64) + `u`) - CAST(1e+0 AS FLOAT64)) END AS `l1u`,
    CASE WHEN `c` > CAST(0e+0 AS FLOAT64) AND `z` <= CAST(9.9e-1 AS FLOAT64) AND `c` <= CAST(2.0699999999999995e+3 AS FLOAT64) AND `u` * (`k` + CAST(1e+0 AS FLOAT64)) >= CAST(1.1102230246251565e-16 AS FLOAT64) THEN 1 ELSE 0 END AS `ok`
  FROM (
  SELECT `x`, `age`, `partition_key`, CAST(2.43e-1 AS FLOAT64) + `x` AS `k`, CAST(7.93e-1 AS FLOAT64) + (CAST(2.426e+0 AS FLOAT64) + `x` + CAST(0e+0 AS FLOAT64)) - CAST(1e+0 AS FLOAT64) AS `c`,
    CAST(3.9e+1 AS FLOAT64) / (CAST(4.414e+0 AS FLOAT64) + `age`) AS `u`, CAST(3.9e+1 AS FLOAT64) / ((CAST(4.414e+0 AS FLOAT64) + `age`) + CAST(3.9e+1 AS FLOAT64)) AS `z`
  FROM (
  SELECT `x`, `age`, dense_rank() OVER (ORDER BY `x`, `age`) AS `partition_key`
  FROM (
  SELECT DISTINCT `x`, `age` FROM (
  SELECT `customer_id` AS `customer_id`, CAST(`frequency` AS FLOAT64) AS `x`, CAST(`recency` AS FLOAT64) AS `tx`, CAST(`T` AS FLOAT64) AS `age`
  FROM `shop`.`summary`
) AS `s`
) AS `d`
) AS `d1`
) AS `b0`
) AS `b1`
) AS `b2`
) AS `b3`
) AS `b4` CROSS JOIN UNNEST(GENERATE_ARRAY(0, CASE WHEN `ok` = 1 AND `n_terms` < CAST(1e+5 AS FLOAT64) THEN `n_terms` ELSE 1 END - 1)) AS `n`
  WHERE `ok` = 1
) AS `r0`
) AS `r1`
  GROUP BY `x`, `age`, `partition_key`, `k`, `c`, `u`, `z`, `ck`, `l1u`, `ok`, `ln_low`, `ln_s1`, `n_terms`
) AS `r2`
  UNION ALL
  SELECT `x`, `age`, `partition_key`, `k`, `c`, `u`, `z`, `ck`, `l1u`, `ok`, `ln_low`, `ln_s1`, `n_terms`, NULL AS `s_sum`, NULL AS `ln_last` FROM (
  SELECT `x`, `age`, `partition_key`, `k`, `c`, `u`, `z`, `ck`, `l1u`, `ok`, `ln_low`, `ln_s1`,
    CAST(CASE WHEN `n0` + CAST(0e+0 AS FLOAT64) > CAST(1e+5 AS FLOAT64) THEN CAST(1e+5 AS FLOAT64) WHEN `n0` + CAST(0e+0 AS FLOAT64) < -`ck` THEN ceil(-`ck`) ELSE `n0` + CAST(0e+0 AS FLOAT64) END AS INT64) AS `n_terms`
  FROM (
  SELECT *, CASE WHEN `ok` = 1 AND `ck` <> CAST(0e+0 AS FLOAT64) THEN (CASE WHEN ceil((CAST(-4.158883083359672e+1 AS FLOAT64) + `ln_low` + CAST(-2.0699999999999996e-1 AS FLOAT64) * `l1u` - `l1u` - `ln_s1`) / LN(`z`)) < CAST(1e+0 AS FLOAT64) THEN CAST(1e+0 AS FLOAT64) ELSE ceil((CAST(-4.158883083359672e+1 AS FLOAT64) + `ln_low` + CAST(-2.0699999999999996e-1 AS FLOAT64) * `l1u` - `l1u` - `ln_s1`) / LN(`z`)) END) ELSE CAST(1e+0 AS FLOAT64) END AS `n0`
  FROM (
  SELECT `x`, `age`, `partition_key`, `k`, `c`, `u`, `z`, `ck`, `l1u`, `ok`,
    CASE WHEN `ok` = 1 AND `ck` <> CAST(0e+0 AS FLOAT64) THEN LN(CASE WHEN `k` * `l1u` >= CAST(1e+0 AS FLOAT64) THEN CAST(1e+0 AS FLOAT64) - (CASE WHEN -(`k` * `l1u`) < CAST(-7.08e+2 AS FLOAT64) THEN CAST(0e+0 AS FLOAT64) ELSE exp(-(`k` * `l1u`)) END) WHEN exp(-(`k` * `l1u`)) = CAST(1e+0 AS FLOAT64) THEN `k` * `l1u` ELSE (CAST(1e+0 AS FLOAT64) - exp(-(`k` * `l1u`))) * `k` * `l1u` / -LN(exp(-(`k` * `l1u`))) END) - LN(`c`) ELSE CAST(0e+0 AS FLOAT64) END AS `ln_low`,
    CASE WHEN `ok` = 1 AND `ck` <> CAST(0e+0 AS FLOAT64) THEN LN(abs(`ck`)) - LN(`c`) + LN(`z`) ELSE CAST(0e+0 AS FLOAT64) END AS `ln_s1`
  FROM (
  SELECT `x`, `age`, `partition_key`, `k`, `c`, `u`, `z`, `c` - `k` AS `ck`, CASE WHEN (CAST(1e+0 AS FLOAT64) + `u`) = CAST(1e+0 AS FLOAT64) THEN `u` ELSE LN((CAST(1e+0 AS FLOAT64) + `u`)) * `u` / ((CAST(1e+0 AS FLOAT64) + `u`) - CAST(1e+0 AS FLOAT64)) END AS `l1u`,
    CASE WHEN `c` > CAST(0e+0 AS FLOAT64) AND `z` <= CAST(9.9e-1 AS FLOAT64) AND `c` <= CAST(2.0699999999999995e+3 AS FLOAT64) AND `u` * (`k` + CAST(1e+0 AS FLOAT64)) >= CAST(1.1102230246251565e-16 AS FLOAT64) THEN 1 ELSE 0 END AS `ok`
  FROM (
  SELECT `x`, `age`, `partition_key`, CAST(2.43e-1 AS FLOAT64) + `x` AS `k`, CAST(7.93e-1 AS FLOAT64) + (CAST(2.426e+0 AS FLOAT64) + `x` + CAST(0e+0 AS FLOAT64)) - CAST(1e+0 AS FLOAT64) AS `c`,
    CAST(3.9e+1 AS FLOAT64) / (CAST(4.414e+0 AS FLOAT64) + `age`) AS `u`, CAST(3.9e+1 AS FLOAT64) / ((CAST(4.414e+0 AS FLOAT64) + `age`) + CAST(3.9e+1 AS FLOAT64)) AS `z`
  FROM (
  SELECT `x`, `age`, dense_rank() OVER (ORDER BY `x`, `age`) AS `partition_key`
  FROM (
  SELECT DISTINCT `x`, `age` FROM (
  SELECT `customer_id` AS `customer_id`, CAST(`frequency` AS FLOAT64) AS `x`, CAST(`recency` AS FLOAT64) AS `tx`, CAST(`T` AS FLOAT64) AS `age`
  FROM `shop`.`summary`
) AS `s`
) AS `d`
) AS `d1`
) AS `b0`
) AS `b1`
) AS `b2`
) AS `b3`
) AS `b4` WHERE `ok` = 0
) AS `r3`
) AS `r4`
) AS `r5`
) AS `e` USING (`x`, `age`)

-- scoreSql, MBG/NBD with a = 2.5, renamed columns
SELECT `customer_id`, `p` AS `probability_alive`, `p` * `if_alive` AS `expected_purchases`
FROM (
  SELECT `customer_id`, `x`, `age`, CASE WHEN `w` <= CAST(0e+0 AS FLOAT64) THEN CAST(1e+0 AS FLOAT64) / (CAST(1e+0 AS FLOAT64) + CASE WHEN `w` < CAST(-7.08e+2 AS FLOAT64) THEN CAST(0e+0 AS FLOAT64) ELSE exp(`w`) END) ELSE (CASE WHEN -`w` < CAST(-7.08e+2 AS FLOAT64) THEN CAST(0e+0 AS FLOAT64) ELSE exp(-`w`) END) / (CAST(1e+0 AS FLOAT64) + (CASE WHEN -`w` < CAST(-7.08e+2 AS FLOAT64) THEN CAST(0e+0 AS FLOAT64) ELSE exp(-`w`) END)) END AS `p`
  FROM (
  SELECT `customer_id`, `x`, `age`, CASE WHEN 1 = 0 THEN CAST(0e+0 AS FLOAT64) ELSE CAST(9.162907318741551e-1 AS FLOAT64) - LN(CAST(1.614e+0 AS FLOAT64) + `x` - CAST(1e+0 AS FLOAT64) + CAST(1e+0 AS FLOAT64)) + (CAST(5.25e-1 AS FLOAT64) + `x`) * LN((CAST(6.183e+0 AS FLOAT64) + `age`) / (CAST(6.183e+0 AS FLOAT64) + `tx`)) END AS `w`
  FROM (
  SELECT `id` AS `customer_id`, CAST(`x` AS FLOAT64) AS `x`, CAST(`t_x` AS FLOAT64) AS `tx`, CAST(`age` AS FLOAT64) AS `age`
  FROM `shop`.`summary`
) AS `s`
) AS `s1`
) AS `s2`
LEFT JOIN (
  SELECT `x`, `age`,
  CASE WHEN `u` * (`k` + CAST(1e+0 AS FLOAT64)) < CAST(1.1102230246251565e-16 AS FLOAT64) THEN `k` * `u`
    WHEN `value` > CAST(0e+0 AS FLOAT64) AND `k` * `l1u` * abs(CASE WHEN `value` > CAST(0e+0 AS FLOAT64) THEN `c` / (`value` * CAST(1.5e+0 AS FLOAT64)) END - CAST(1e+0 AS FLOAT64)) <= CASE WHEN `z` <= CAST(9e-1 AS FLOAT64) THEN CAST(8e+2 AS FLOAT64) ELSE CAST(1e+2 AS FLOAT64) END THEN `value` END AS `if_alive`
FROM (
  SELECT `x`, `age`, `k`, `u`, `z`, `l1u`, `c`, CASE WHEN `ok` = 1 AND `n_terms` < CAST(1e+5 AS FLOAT64) AND `ck` + `n_terms` >= CAST(0e+0 AS FLOAT64) AND `rho` > CAST(0e+0 AS FLOAT64) AND `rho` < CAST(1e+0 AS FLOAT64) THEN CASE WHEN `ck` = CAST(0e+0 AS FLOAT64) THEN `c` * (`l1u` * (CASE WHEN CAST(1.5e+0 AS FLOAT64) * `l1u` >= CAST(1e+0 AS FLOAT64) THEN CAST(1e+0 AS FLOAT64) - (CASE WHEN -(CAST(1.5e+0 AS FLOAT64) * `l1u`) < CAST(-7.08e+2 AS FLOAT64) THEN CAST(0e+0 AS FLOAT64) ELSE exp(-(CAST(1.5e+0 AS FLOAT64) * `l1u`)) END) WHEN exp(-(CAST(1.5e+0 AS FLOAT64) * `l1u`)) = CAST(1e+0 AS FLOAT64) THEN CAST(1.5e+0 AS FLOAT64) * `l1u` ELSE (CAST(1e+0 AS FLOAT64) - exp(-(CAST(1.5e+0 AS FLOAT64) * `l1u`))) * CAST(1.5e+0 AS FLOAT64) * `l1u` / -LN(exp(-(CAST(1.5e+0 AS FLOAT64) * `l1u`))) END) / (CAST(1.5e+0 AS FLOAT64) * `l1u`) - (CASE WHEN -(CAST(1.5e+0 AS FLOAT64) * `l1u`) < CAST(-7.08e+2 AS FLOAT64) THEN CAST(0e+0 AS FLOAT64) ELSE exp(-(CAST(1.5e+0 AS FLOAT64) * `l1u`)) END) * `s_sum`) WHEN `ln_last` + LN(`rho`) - LN(CAST(1e+0 AS FLOAT64) - `rho`) <= CAST(-4.158883083359672e+1 AS FLOAT64) + `ln_low` + CAST(1.5e+0 AS FLOAT64) * `l1u` THEN `c` * (`l1u` * (CASE WHEN CAST(1.5e+0 AS FLOAT64) * `l1u` >= CAST(1e+0 AS FLOAT64) THEN CAST(1e+0 AS FLOAT64) - (CASE WHEN -(CAST(1.5e+0 AS FLOAT64) * `l1u`) < CAST(-7.08e+2 AS FLOAT64) THEN CAST(0e+0 AS FLOAT64) ELSE exp(-(CAST(1.5e+0 AS FLOAT64) * `l1u`)) END) WHEN exp(-(CAST(1.5e+0 AS FLOAT64) * `l1u`)) = CAST(1e+0 AS FLOAT64) THEN CAST(1.5e+0 AS FLOAT64) * `l1u` ELSE (CAST(1e+0 AS FLOAT64) - exp(-(CAST(1.5e+0 AS FLOAT64) * `l1u`))) * CAST(1.5e+0 AS FLOAT64) * `l1u` / -LN(exp(-(CAST(1.5e+0 AS FLOAT64) * `l1u`))) END) / (CAST(1.5e+0 AS FLOAT64) * `l1u`) - (CASE WHEN -(CAST(1.5e+0 AS FLOAT64) * `l1u`) < CAST(-7.08e+2 AS FLOAT64) THEN CAST(0e+0 AS FLOAT64) ELSE exp(-(CAST(1.5e+0 AS FLOAT64) * `l1u`)) END) * `s_sum`) END END AS `value`
  FROM (
  SELECT *, `z` * (CAST(1e+0 AS FLOAT64) + CAST(5e-1 AS FLOAT64) / (`n_terms` + CAST(1e+0 AS FLOAT64))) AS `rho`
  FROM (
  SELECT `x`, `age`, `partition_key`, `k`, `c`, `u`, `z`, `ck`, `l1u`, `ok`, `ln_low`, `ln_s1`, `n_terms`, `s_sum`, `ln_last` FROM (
  SELECT `x`, `age`, `partition_key`, `k`, `c`, `u`, `z`, `ck`, `l1u`, `ok`, `ln_low`, `ln_s1`, `n_terms`,
    sum(CASE WHEN `zeros` > 0 OR `ck` = CAST(0e+0 AS FLOAT64) THEN CAST(0e+0 AS FLOAT64) ELSE CASE WHEN MOD(`negatives`, 2) = 1 THEN -1 ELSE 1 END * CASE WHEN `ck` < CAST(0e+0 AS FLOAT64) THEN -1 ELSE 1 END * (CASE WHEN `ln_term` < CAST(-7.08e+2 AS FLOAT64) THEN CAST(0e+0 AS FLOAT64) ELSE exp(`ln_term`) END) END) AS `s_sum`,
    max(CASE WHEN `n` = `n_terms` - 1 THEN (CASE WHEN `zeros` > 0 THEN CAST(-1e+300 AS FLOAT64) ELSE `ln_term` END) END) AS `ln_last`
  FROM (
  SELECT `x`, `age`, `partition_key`, `k`, `c`, `u`, `z`, `ck`, `l1u`, `ok`, `ln_low`, `ln_s1`, `n_terms`, `n`,
    `ln_s1` + sum(CASE WHEN `ratio` = CAST(0e+0 AS FLOAT64) THEN CAST(0e+0 AS FLOAT64) ELSE LN(abs(`ratio`)) END) OVER (PARTITION BY `partition_key` ORDER BY `n` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `ln_term`,
    sum(CASE WHEN `ratio` < CAST(0e+0 AS FLOAT64) THEN 1 ELSE 0 END) OVER (PARTITION BY `partition_key` ORDER BY `n` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `negatives`,
    sum(CASE WHEN `ratio` = CAST(0e+0 AS FLOAT64) THEN 1 ELSE 0 END) OVER (PARTITION BY `partition_key` ORDER BY `n` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `zeros`
  FROM (
  SELECT `x`, `age`, `partition_key`, `k`, `c`, `u`, `z`, `ck`, `l1u`, `ok`, `ln_low`, `ln_s1`, `n_terms`, `n`, CASE WHEN `n` = 0 THEN CAST(1e+0 AS FLOAT64) ELSE (`ck` + `n`) * (CAST(1.5e+0 AS FLOAT64) + `n`) / ((`c` + `n`) * (`n` + 1)) * `z` END AS `ratio`
  FROM (
  SELECT `x`, `age`, `partition_key`, `k`, `c`, `u`, `z`, `ck`, `l1u`, `ok`, `ln_low`, `ln_s1`,
    CAST(CASE WHEN `n0` + CASE WHEN `ok` = 1 AND `ck` <> CAST(0e+0 AS FLOAT64) THEN ceil(CAST(5e-1 AS FLOAT64) * LN(`n0` + CAST(2e+0 AS FLOAT64)) / -LN(`z`)) + CAST(1e+0 AS FLOAT64) ELSE CAST(0e+0 AS FLOAT64) END > CAST(1e+5 AS FLOAT64) THEN CAST(1e+5 AS FLOAT64) WHEN `n0` + CASE WHEN `ok` = 1 AND `ck` <> CAST(0e+0 AS FLOAT64) THEN ceil(CAST(5e-1 AS FLOAT64) * LN(`n0` + CAST(2e+0 AS FLOAT64)) / -LN(`z`)) + CAST(1e+0 AS FLOAT64) ELSE CAST(0e+0 AS FLOAT64) END < -`ck` THEN ceil(-`ck`) ELSE `n0` + CASE WHEN `ok` = 1 AND `ck` <> CAST(0e+0 AS FLOAT64) THEN ceil(CAST(5e-1 AS FLOAT64) * LN(`n0` + CAST(2e+0 AS FLOAT64)) / -LN(`z`)) + CAST(1e+0 AS FLOAT64) ELSE CAST(0e+0 AS FLOAT64) END END AS INT64) AS `n_terms`
  FROM (
  SELECT *, CASE WHEN `ok` = 1 AND `ck` <> CAST(0e+0 AS FLOAT64) THEN (CASE WHEN ceil((CAST(-4.158883083359672e+1 AS FLOAT64) + `ln_low` + CAST(1.5e+0 AS FLOAT64) * `l1u` - `l1u` - `ln_s1`) / LN(`z`)) < CAST(1e+0 AS FLOAT64) THEN CAST(1e+0 AS FLOAT64) ELSE ceil((CAST(-4.158883083359672e+1 AS FLOAT64) + `ln_low` + CAST(1.5e+0 AS FLOAT64) * `l1u` - `l1u` - `ln_s1`) / LN(`z`)) END) ELSE CAST(1e+0 AS FLOAT64) END AS `n0`
  FROM (
  SELECT `x`, `age`, `partition_key`, `k`, `c`, `u`, `z`, `ck`, `l1u`, `ok`,
    CASE WHEN `ok` = 1 AND `ck` <> CAST(0e+0 AS FLOAT64) THEN LN(CASE WHEN `k` * `l1u` >= CAST(1e+0 AS FLOAT64) THEN CAST(1e+0 AS FLOAT64) - (CASE WHEN -(`k` * `l1u`) < CAST(-7.08e+2 AS FLOAT64) THEN CAST(0e+0 AS FLOAT64) ELSE exp(-(`k` * `l1u`)) END) WHEN exp(-(`k` * `l1u`)) = CAST(1e+0 AS FLOAT64) THEN `k` * `l1u` ELSE (CAST(1e+0 AS FLOAT64) - exp(-(`k` * `l1u`))) * `k` * `l1u` / -LN(exp(-(`k` * `l1u`))) END) - LN(`c`) ELSE CAST(0e+0 AS FLOAT64) END AS `ln_low`,
    CASE WHEN `ok` = 1 AND `ck` <> CAST(0e+0 AS FLOAT64) THEN LN(abs(`ck`)) - LN(`c`) + LN(`z`) ELSE CAST(0e+0 AS FLOAT64) END AS `ln_s1`
  FROM (
  SELECT `x`, `age`, `partition_key`, `k`, `c`, `u`, `z`, `c` - `k` AS `ck`, CASE WHEN (CAST(1e+0 AS FLOAT64) + `u`) = CAST(1e+0 AS FLOAT64) THEN `u` ELSE LN((CAST(1e+0 AS FLOAT64) + `u`)) * `u` / ((CAST(1e+0 AS FLOAT64) + `u`) - CAST(1e+0 AS FLOAT64)) END AS `l1u`,
    CASE WHEN `c` > CAST(0e+0 AS FLOAT64) AND `z` <= CAST(9.9e-1 AS FLOAT64) AND `c` <= CAST(1.5e+4 AS FLOAT64) AND `u` * (`k` + CAST(1e+0 AS FLOAT64)) >= CAST(1.1102230246251565e-16 AS FLOAT64) THEN 1 ELSE 0 END AS `ok`
  FROM (
  SELECT `x`, `age`, `partition_key`, CAST(5.25e-1 AS FLOAT64) + `x` AS `k`, CAST(2.5e+0 AS FLOAT64) + (CAST(1.614e+0 AS FLOAT64) + `x` + CAST(1e+0 AS FLOAT64)) - CAST(1e+0 AS FLOAT64) AS `c`,
    CAST(3.9e+1 AS FLOAT64) / (CAST(6.183e+0 AS FLOAT64) + `age`) AS `u`, CAST(3.9e+1 AS FLOAT64) / ((CAST(6.183e+0 AS FLOAT64) + `age`) + CAST(3.9e+1 AS FLOAT64)) AS `z`
  FROM (
  SELECT `x`, `age`, dense_rank() OVER (ORDER BY `x`, `age`) AS `partition_key`
  FROM (
  SELECT DISTINCT `x`, `age` FROM (
  SELECT `id` AS `customer_id`, CAST(`x` AS FLOAT64) AS `x`, CAST(`t_x` AS FLOAT64) AS `tx`, CAST(`age` AS FLOAT64) AS `age`
  FROM `shop`.`summary`
) AS `s`
) AS `d`
) AS `d1`
) AS `b0`
) AS `b1`
) AS `b2`
) AS `b3`
) AS `b4` CROSS JOIN UNNEST(GENERATE_ARRAY(0, CASE WHEN `ok` = 1 AND `n_terms` < CAST(1e+5 AS FLOAT64) THEN `n_terms` ELSE 1 END - 1)) AS `n`
  WHERE `ok` = 1
) AS `r0`
) AS `r1`
  GROUP BY `x`, `age`, `partition_key`, `k`, `c`, `u`, `z`, `ck`, `l1u`, `ok`, `ln_low`, `ln_s1`, `n_terms`
) AS `r2`
  UNION ALL
  SELECT `x`, `age`, `partition_key`, `k`, `c`, `u`, `z`, `ck`, `l1u`, `ok`, `ln_low`, `ln_s1`, `n_terms`, NULL AS `s_sum`, NULL AS `ln_last` FROM (
  SELECT `x`, `age`, `partition_key`, `k`, `c`, `u`, `z`, `ck`, `l1u`, `ok`, `ln_low`, `ln_s1`,
    CAST(CASE WHEN `n0` + CASE WHEN `ok` = 1 AND `ck` <> CAST(0e+0 AS FLOAT64) THEN ceil(CAST(5e-1 AS FLOAT64) * LN(`n0` + CAST(2e+0 AS FLOAT64)) / -LN(`z`)) + CAST(1e+0 AS FLOAT64) ELSE CAST(0e+0 AS FLOAT64) END > CAST(1e+5 AS FLOAT64) THEN CAST(1e+5 AS FLOAT64) WHEN `n0` + CASE WHEN `ok` = 1 AND `ck` <> CAST(0e+0 AS FLOAT64) THEN ceil(CAST(5e-1 AS FLOAT64) * LN(`n0` + CAST(2e+0 AS FLOAT64)) / -LN(`z`)) + CAST(1e+0 AS FLOAT64) ELSE CAST(0e+0 AS FLOAT64) END < -`ck` THEN ceil(-`ck`) ELSE `n0` + CASE WHEN `ok` = 1 AND `ck` <> CAST(0e+0 AS FLOAT64) THEN ceil(CAST(5e-1 AS FLOAT64) * LN(`n0` + CAST(2e+0 AS FLOAT64)) / -LN(`z`)) + CAST(1e+0 AS FLOAT64) ELSE CAST(0e+0 AS FLOAT64) END END AS INT64) AS `n_terms`
  FROM (
  SELECT *, CASE WHEN `ok` = 1 AND `ck` <> CAST(0e+0 AS FLOAT64) THEN (CASE WHEN ceil((CAST(-4.158883083359672e+1 AS FLOAT64) + `ln_low` + CAST(1.5e+0 AS FLOAT64) * `l1u` - `l1u` - `ln_s1`) / LN(`z`)) < CAST(1e+0 AS FLOAT64) THEN CAST(1e+0 AS FLOAT64) ELSE ceil((CAST(-4.158883083359672e+1 AS FLOAT64) + `ln_low` + CAST(1.5e+0 AS FLOAT64) * `l1u` - `l1u` - `ln_s1`) / LN(`z`)) END) ELSE CAST(1e+0 AS FLOAT64) END AS `n0`
  FROM (
  SELECT `x`, `age`, `partition_key`, `k`, `c`, `u`, `z`, `ck`, `l1u`, `ok`,
    CASE WHEN `ok` = 1 AND `ck` <> CAST(0e+0 AS FLOAT64) THEN LN(CASE WHEN `k` * `l1u` >= CAST(1e+0 AS FLOAT64) THEN CAST(1e+0 AS FLOAT64) - (CASE WHEN -(`k` * `l1u`) < CAST(-7.08e+2 AS FLOAT64) THEN CAST(0e+0 AS FLOAT64) ELSE exp(-(`k` * `l1u`)) END) WHEN exp(-(`k` * `l1u`)) = CAST(1e+0 AS FLOAT64) THEN `k` * `l1u` ELSE (CAST(1e+0 AS FLOAT64) - exp(-(`k` * `l1u`))) * `k` * `l1u` / -LN(exp(-(`k` * `l1u`))) END) - LN(`c`) ELSE CAST(0e+0 AS FLOAT64) END AS `ln_low`,
    CASE WHEN `ok` = 1 AND `ck` <> CAST(0e+0 AS FLOAT64) THEN LN(abs(`ck`)) - LN(`c`) + LN(`z`) ELSE CAST(0e+0 AS FLOAT64) END AS `ln_s1`
  FROM (
  SELECT `x`, `age`, `partition_key`, `k`, `c`, `u`, `z`, `c` - `k` AS `ck`, CASE WHEN (CAST(1e+0 AS FLOAT64) + `u`) = CAST(1e+0 AS FLOAT64) THEN `u` ELSE LN((CAST(1e+0 AS FLOAT64) + `u`)) * `u` / ((CAST(1e+0 AS FLOAT64) + `u`) - CAST(1e+0 AS FLOAT64)) END AS `l1u`,
    CASE WHEN `c` > CAST(0e+0 AS FLOAT64) AND `z` <= CAST(9.9e-1 AS FLOAT64) AND `c` <= CAST(1.5e+4 AS FLOAT64) AND `u` * (`k` + CAST(1e+0 AS FLOAT64)) >= CAST(1.1102230246251565e-16 AS FLOAT64) THEN 1 ELSE 0 END AS `ok`
  FROM (
  SELECT `x`, `age`, `partition_key`, CAST(5.25e-1 AS FLOAT64) + `x` AS `k`, CAST(2.5e+0 AS FLOAT64) + (CAST(1.614e+0 AS FLOAT64) + `x` + CAST(1e+0 AS FLOAT64)) - CAST(1e+0 AS FLOAT64) AS `c`,
    CAST(3.9e+1 AS FLOAT64) / (CAST(6.183e+0 AS FLOAT64) + `age`) AS `u`, CAST(3.9e+1 AS FLOAT64) / ((CAST(6.183e+0 AS FLOAT64) + `age`) + CAST(3.9e+1 AS FLOAT64)) AS `z`
  FROM (
  SELECT `x`, `age`, dense_rank() OVER (ORDER BY `x`, `age`) AS `partition_key`
  FROM (
  SELECT DISTINCT `x`, `age` FROM (
  SELECT `id` AS `customer_id`, CAST(`x` AS FLOAT64) AS `x`, CAST(`t_x` AS FLOAT64) AS `tx`, CAST(`age` AS FLOAT64) AS `age`
  FROM `shop`.`summary`
) AS `s`
) AS `d`
) AS `d1`
) AS `b0`
) AS `b1`
) AS `b2`
) AS `b3`
) AS `b4` WHERE `ok` = 0
) AS `r3`
) AS `r4`
) AS `r5`
) AS `e` USING (`x`, `age`)

-- scoreSql, Pareto/NBD (CDNOW), horizon 39
SELECT `customer_id`, `p` AS `probability_alive`, `p` * `if_alive` AS `expected_purchases`
FROM (
  SELECT `customer_id`, `e0` / (`e0` + CASE WHEN `e1` - `e2` > CAST(0e+0 AS FLOAT64) THEN `e1` - `e2` ELSE CAST(0e+0 AS FLOAT64) END) AS `p`, (CAST(5.53e-1 AS FLOAT64) + `x`) / (CAST(1.058e+1 AS FLOAT64) + `age`) * (CAST(1.167e+1 AS FLOAT64) + `age`) * (CASE WHEN abs(CAST(-3.94e-1 AS FLOAT64) * `lb`) < CAST(1e-9 AS FLOAT64) THEN -`lb` * (CAST(1e+0 AS FLOAT64) + CAST(-3.94e-1 AS FLOAT64) * `lb` / CAST(2e+0 AS FLOAT64)) ELSE (CASE WHEN -(CAST(-3.94e-1 AS FLOAT64) * `lb`) >= CAST(1e+0 AS FLOAT64) THEN CAST(1e+0 AS FLOAT64) - (CASE WHEN -(-(CAST(-3.94e-1 AS FLOAT64) * `lb`)) < CAST(-7.08e+2 AS FLOAT64) THEN CAST(0e+0 AS FLOAT64) ELSE exp(-(-(CAST(-3.94e-1 AS FLOAT64) * `lb`))) END) WHEN exp(-(-(CAST(-3.94e-1 AS FLOAT64) * `lb`))) = CAST(1e+0 AS FLOAT64) THEN -(CAST(-3.94e-1 AS FLOAT64) * `lb`) ELSE (CAST(1e+0 AS FLOAT64) - exp(-(-(CAST(-3.94e-1 AS FLOAT64) * `lb`)))) * -(CAST(-3.94e-1 AS FLOAT64) * `lb`) / -LN(exp(-(-(CAST(-3.94e-1 AS FLOAT64) * `lb`)))) END) / CAST(-3.94e-1 AS FLOAT64) END) AS `if_alive`
  FROM (
  SELECT *, -(CASE WHEN (CAST(1e+0 AS FLOAT64) + CAST(3.9e+1 AS FLOAT64) / (CAST(1.167e+1 AS FLOAT64) + `age`)) = CAST(1e+0 AS FLOAT64) THEN CAST(3.9e+1 AS FLOAT64) / (CAST(1.167e+1 AS FLOAT64) + `age`) ELSE LN((CAST(1e+0 AS FLOAT64) + CAST(3.9e+1 AS FLOAT64) / (CAST(1.167e+1 AS FLOAT64) + `age`))) * CAST(3.9e+1 AS FLOAT64) / (CAST(1.167e+1 AS FLOAT64) + `age`) / ((CAST(1e+0 AS FLOAT64) + CAST(3.9e+1 AS FLOAT64) / (CAST(1.167e+1 AS FLOAT64) + `age`)) - CAST(1e+0 AS FLOAT64)) END) AS `lb`
  FROM (
  SELECT `customer_id`, `x`, `age`, CASE WHEN `lf` - `top` < CAST(-7.08e+2 AS FLOAT64) THEN CAST(0e+0 AS FLOAT64) ELSE exp(`lf` - `top`) END AS `e0`,
    CAST(6.06e-1 AS FLOAT64) / (CAST(5.53e-1 AS FLOAT64) + CAST(6.06e-1 AS FLOAT64) + `x`) * (CASE WHEN `j_tx` - `top` < CAST(-7.08e+2 AS FLOAT64) THEN CAST(0e+0 AS FLOAT64) ELSE exp(`j_tx` - `top`) END) AS `e1`,
    CAST(6.06e-1 AS FLOAT64) / (CAST(5.53e-1 AS FLOAT64) + CAST(6.06e-1 AS FLOAT64) + `x`) * (CASE WHEN `j_t` - `top` < CAST(-7.08e+2 AS FLOAT64) THEN CAST(0e+0 AS FLOAT64) ELSE exp(`j_t` - `top`) END) AS `e2`
  FROM (
  SELECT *, CASE WHEN `lf` >= `j_tx` THEN `lf` ELSE `j_tx` END AS `top`
  FROM (
  SELECT *, -(CAST(5.53e-1 AS FLOAT64) + `x`) * LN(CAST(1.058e+1 AS FLOAT64) + `age`) - CAST(6.06e-1 AS FLOAT64) * LN(CAST(1.167e+1 AS FLOAT64) + `age`) AS `lf`
  FROM (
  SELECT `customer_id`, `x`, `tx`, `age`, `j_tx`, `j_t`
  FROM (
  SELECT `customer_id`, `x`, `tx`, `age`, `j_tx`
  FROM (
  SELECT `customer_id` AS `customer_id`, CAST(`frequency` AS FLOAT64) AS `x`, CAST(`recency` AS FLOAT64) AS `tx`, CAST(`T` AS FLOAT64) AS `age`
  FROM `shop`.`summary`
) AS `s`
  LEFT JOIN (
  SELECT `x`, `tx`, CASE WHEN `z` <= CAST(9e-1 AS FLOAT64) THEN `pre` + LN(`h`) END AS `j_tx`
FROM (
  SELECT `x`, `tx`, `partition_key`, `pp`, `qq`, `z`, `pre`, `n_terms`, sum(CASE WHEN `ln_term` < CAST(-7.08e+2 AS FLOAT64) THEN CAST(0e+0 AS FLOAT64) ELSE exp(`ln_term`) END) AS `h`
  FROM (
  SELECT `x`, `tx`, `partition_key`, `pp`, `qq`, `z`, `pre`, `n_terms`, sum(CASE WHEN `n` = 0 THEN CAST(0e+0 AS FLOAT64) ELSE LN((CAST(1.6059999999999999e+0 AS FLOAT64) + `n` - 1) / ((CAST(5.53e-1 AS FLOAT64) + CAST(6.06e-1 AS FLOAT64) + `x` + CAST(1e+0 AS FLOAT64)) + `n` - 1) * `z`) END) OVER (PARTITION BY `partition_key` ORDER BY `n` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `ln_term`
  FROM (
  SELECT `x`, `tx`, `partition_key`, `pp`, `qq`, `z`, `pre`, CAST(CASE WHEN `z` = CAST(0e+0 AS FLOAT64) OR `z` > CAST(9e-1 AS FLOAT64) THEN CAST(1e+0 AS FLOAT64) ELSE ceil((CAST(-4.158883083359672e+1 AS FLOAT64) + LN(CAST(1e+0 AS FLOAT64) - `z`)) / LN(`z`)) END AS INT64) AS `n_terms`
  FROM (
  SELECT `x`, `tx`, `partition_key`, CAST(1.6059999999999999e+0 AS FLOAT64) AS `pp`, CAST(5.53e-1 AS FLOAT64) + CAST(6.06e-1 AS FLOAT64) + `x` + CAST(1e+0 AS FLOAT64) AS `qq`,
    (CAST(1.167e+1 AS FLOAT64) - CAST(1.058e+1 AS FLOAT64)) / (CAST(1.167e+1 AS FLOAT64) + `tx`) AS `z`,
    -(CAST(5.53e-1 AS FLOAT64) + `x` - CAST(1e+0 AS FLOAT64)) * LN((CAST(1.058e+1 AS FLOAT64) + `tx`)) - CAST(1.6059999999999999e+0 AS FLOAT64) * LN((CAST(1.167e+1 AS FLOAT64) + `tx`)) AS `pre`
  FROM (
  SELECT `x`, `tx`, dense_rank() OVER (ORDER BY `x`, `tx`) AS `partition_key`
  FROM (
  SELECT DISTINCT `x`, `tx` FROM (
  SELECT `customer_id` AS `customer_id`, CAST(`frequency` AS FLOAT64) AS `x`, CAST(`recency` AS FLOAT64) AS `tx`, CAST(`T` AS FLOAT64) AS `age`
  FROM `shop`.`summary`
) AS `s`
) AS `d`
) AS `d1`
) AS `j0`
) AS `j1` CROSS JOIN UNNEST(GENERATE_ARRAY(0, `n_terms` - 1)) AS `n`
) AS `j2`
  GROUP BY `x`, `tx`, `partition_key`, `pp`, `qq`, `z`, `pre`, `n_terms`
) AS `j3`
) AS `jx` USING (`x`, `tx`)
) AS `s1`
  LEFT JOIN (
  SELECT `x`, `age`, CASE WHEN `z` <= CAST(9e-1 AS FLOAT64) THEN `pre` + LN(`h`) END AS `j_t`
FROM (
  SELECT `x`, `age`, `partition_key`, `pp`, `qq`, `z`, `pre`, `n_terms`, sum(CASE WHEN `ln_term` < CAST(-7.08e+2 AS FLOAT64) THEN CAST(0e+0 AS FLOAT64) ELSE exp(`ln_term`) END) AS `h`
  FROM (
  SELECT `x`, `age`, `partition_key`, `pp`, `qq`, `z`, `pre`, `n_terms`, sum(CASE WHEN `n` = 0 THEN CAST(0e+0 AS FLOAT64) ELSE LN((CAST(1.6059999999999999e+0 AS FLOAT64) + `n` - 1) / ((CAST(5.53e-1 AS FLOAT64) + CAST(6.06e-1 AS FLOAT64) + `x` + CAST(1e+0 AS FLOAT64)) + `n` - 1) * `z`) END) OVER (PARTITION BY `partition_key` ORDER BY `n` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `ln_term`
  FROM (
  SELECT `x`, `age`, `partition_key`, `pp`, `qq`, `z`, `pre`, CAST(CASE WHEN `z` = CAST(0e+0 AS FLOAT64) OR `z` > CAST(9e-1 AS FLOAT64) THEN CAST(1e+0 AS FLOAT64) ELSE ceil((CAST(-4.158883083359672e+1 AS FLOAT64) + LN(CAST(1e+0 AS FLOAT64) - `z`)) / LN(`z`)) END AS INT64) AS `n_terms`
  FROM (
  SELECT `x`, `age`, `partition_key`, CAST(1.6059999999999999e+0 AS FLOAT64) AS `pp`, CAST(5.53e-1 AS FLOAT64) + CAST(6.06e-1 AS FLOAT64) + `x` + CAST(1e+0 AS FLOAT64) AS `qq`,
    (CAST(1.167e+1 AS FLOAT64) - CAST(1.058e+1 AS FLOAT64)) / (CAST(1.167e+1 AS FLOAT64) + `age`) AS `z`,
    -(CAST(5.53e-1 AS FLOAT64) + `x` - CAST(1e+0 AS FLOAT64)) * LN((CAST(1.058e+1 AS FLOAT64) + `age`)) - CAST(1.6059999999999999e+0 AS FLOAT64) * LN((CAST(1.167e+1 AS FLOAT64) + `age`)) AS `pre`
  FROM (
  SELECT `x`, `age`, dense_rank() OVER (ORDER BY `x`, `age`) AS `partition_key`
  FROM (
  SELECT DISTINCT `x`, `age` FROM (
  SELECT `customer_id` AS `customer_id`, CAST(`frequency` AS FLOAT64) AS `x`, CAST(`recency` AS FLOAT64) AS `tx`, CAST(`T` AS FLOAT64) AS `age`
  FROM `shop`.`summary`
) AS `s`
) AS `d`
) AS `d1`
) AS `j0`
) AS `j1` CROSS JOIN UNNEST(GENERATE_ARRAY(0, `n_terms` - 1)) AS `n`
) AS `j2`
  GROUP BY `x`, `age`, `partition_key`, `pp`, `qq`, `z`, `pre`, `n_terms`
) AS `j3`
) AS `jt` USING (`x`, `age`)
) AS `s2`
) AS `s3`
) AS `s4`
) AS `s5`
) AS `s6`
) AS `s7`

-- scoreSql, BG/NBD, horizon 0
SELECT `customer_id`, `p` AS `probability_alive`, `p` * CAST(0e+0 AS FLOAT64) AS `expected_purchases`
FROM (
  SELECT `customer_id`, `x`, `age`, CASE WHEN `x` = CAST(0e+0 AS FLOAT64) THEN CAST(1e+0 AS FLOAT64) ELSE CASE WHEN `w` <= CAST(0e+0 AS FLOAT64) THEN CAST(1e+0 AS FLOAT64) / (CAST(1e+0 AS FLOAT64) + CASE WHEN `w` < CAST(-7.08e+2 AS FLOAT64) THEN CAST(0e+0 AS FLOAT64) ELSE exp(`w`) END) ELSE (CASE WHEN -`w` < CAST(-7.08e+2 AS FLOAT64) THEN CAST(0e+0 AS FLOAT64) ELSE exp(-`w`) END) / (CAST(1e+0 AS FLOAT64) + (CASE WHEN -`w` < CAST(-7.08e+2 AS FLOAT64) THEN CAST(0e+0 AS FLOAT64) ELSE exp(-`w`) END)) END END AS `p`
  FROM (
  SELECT `customer_id`, `x`, `age`, CASE WHEN `x` = CAST(0e+0 AS FLOAT64) THEN CAST(0e+0 AS FLOAT64) ELSE CAST(-2.3193205734728903e-1 AS FLOAT64) - LN(CAST(2.426e+0 AS FLOAT64) + `x` - CAST(1e+0 AS FLOAT64) + CAST(0e+0 AS FLOAT64)) + (CAST(2.43e-1 AS FLOAT64) + `x`) * LN((CAST(4.414e+0 AS FLOAT64) + `age`) / (CAST(4.414e+0 AS FLOAT64) + `tx`)) END AS `w`
  FROM (
  SELECT `customer_id` AS `customer_id`, CAST(`frequency` AS FLOAT64) AS `x`, CAST(`recency` AS FLOAT64) AS `tx`, CAST(`T` AS FLOAT64) AS `age`
  FROM `shop`.`summary`
) AS `s`
) AS `s1`
) AS `s2`

