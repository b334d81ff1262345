-- scoreSql, BG/NBD (Fader, Hardie & Lee 2005, CDNOW), horizon 39
SELECT `customer_id`, `p` AS `probability_alive`, `p` * `if_alive` AS `expected_purchases`
FROM (
  SELECT `customer_id`, `x`, `age`, CASE WHEN `x` = toFloat64(0e+0) THEN toFloat64(1e+0) ELSE CASE WHEN `w` <= toFloat64(0e+0) THEN toFloat64(1e+0) / (toFloat64(1e+0) + CASE WHEN `w` < toFloat64(-7.08e+2) THEN toFloat64(0e+0) ELSE exp(`w`) END) ELSE (CASE WHEN -`w` < toFloat64(-7.08e+2) THEN toFloat64(0e+0) ELSE exp(-`w`) END) / (toFloat64(1e+0) + (CASE WHEN -`w` < toFloat64(-7.08e+2) THEN toFloat64(0e+0) ELSE exp(-`w`) END)) END END AS `p`
  FROM (
  SELECT `customer_id`, `x`, `age`, CASE WHEN `x` = toFloat64(0e+0) THEN toFloat64(0e+0) ELSE toFloat64(-2.3193205734728903e-1) - log(toFloat64(2.426e+0) + `x` - toFloat64(1e+0) + toFloat64(0e+0)) + (toFloat64(2.43e-1) + `x`) * log((toFloat64(4.414e+0) + `age`) / (toFloat64(4.414e+0) + `tx`)) END AS `w`
  FROM (
  SELECT `customer_id` AS `customer_id`, toFloat64(`frequency`) AS `x`, toFloat64(`recency`) AS `tx`, toFloat64(`T`) AS `age`
  FROM `shop`.`summary`
) AS `s`
) AS `s1`
) AS `s2`
ANY LEFT JOIN (
  SELECT `x`, `age`,
  CASE WHEN `u` * (`k` + toFloat64(1e+0)) < toFloat64(1.1102230246251565e-16) THEN `k` * `u`
    WHEN `value` > toFloat64(0e+0) AND `k` * `l1u` * abs(CASE WHEN `value` > toFloat64(0e+0) THEN `c` / (`value` * toFloat64(-2.0699999999999996e-1)) END - toFloat64(1e+0)) <= CASE WHEN `z` <= toFloat64(9e-1) THEN toFloat64(8e+2) ELSE toFloat64(1e+2) END THEN `value` END AS `if_alive`
FROM (
  SELECT `x`, `age`, `k`, `u`, `z`, `l1u`, `c`, CASE WHEN `ok` = 1 AND `n_terms` < toFloat64(1e+5) AND `ck` + `n_terms` >= toFloat64(0e+0) AND `rho` > toFloat64(0e+0) AND `rho` < toFloat64(1e+0) THEN CASE WHEN `ck` = toFloat64(0e+0) THEN `c` * (`l1u` * (CASE WHEN toFloat64(-2.0699999999999996e-1) * `l1u` >= toFloat64(1e+0) THEN toFloat64(1e+0) - (CASE WHEN -(toFloat64(-2.0699999999999996e-1) * `l1u`) < toFloat64(-7.08e+2) THEN toFloat64(0e+0) ELSE exp(-(toFloat64(-2.0699999999999996e-1) * `l1u`)) END) WHEN exp(-(toFloat64(-2.0699999999999996e-1) * `l1u`)) = toFloat64(1e+0) THEN toFloat64(-2.0699999999999996e-1) * `l1u` ELSE (toFloat64(1e+0) - exp(-(toFloat64(-2.0699999999999996e-1) * `l1u`))) * toFloat64(-2.0699999999999996e-1) * `l1u` / -log(exp(-(toFloat64(-2.0699999999999996e-1) * `l1u`))) END) / (toFloat64(-2.0699999999999996e-1) * `l1u`) - (CASE WHEN -(toFloat64(-2.0699999999999996e-1) * `l1u`) < toFloat64(-7.08e+2) THEN toFloat64(0e+0) ELSE exp(-(toFloat64(-2.0699999999999996e-1) * `l1u`)) END) * `s_sum`) WHEN `ln_last` + log(`rho`) - log(toFloat64(1e+0) - `rho`) <= toFloat64(-4.158883083359672e+1) + `ln_low` + toFloat64(-2.0699999999999996e-1) * `l1u` THEN `c` * (`l1u` * (CASE WHEN toFloat64(-2.0699999999999996e-1) * `l1u` >= toFloat64(1e+0) THEN toFloat64(1e+0) - (CASE WHEN -(toFloat64(-2.0699999999999996e-1) * `l1u`) < toFloat64(-7.08e+2) THEN toFloat64(0e+0) ELSE exp(-(toFloat64(-2.0699999999999996e-1) * `l1u`)) END) WHEN exp(-(toFloat64(-2.0699999999999996e-1) * `l1u`)) = toFloat64(1e+0) THEN toFloat64(-2.0699999999999996e-1) * `l1u` ELSE (toFloat64(1e+0) - exp(-(toFloat64(-2.0699999999999996e-1) * `l1u`))) * toFloat64(-2.0699999999999996e-1) * `l1u` / -log(exp(-(toFloat64(-2.0699999999999996e-1) * `l1u`))) END) / (toFloat64(-2.0699999999999996e-1) * `l1u`) - (CASE WHEN -(toFloat64(-2.0699999999999996e-1) * `l1u`) < toFloat64(-7.08e+2) THEN toFloat64(0e+0) ELSE exp(-(toFloat64(-2.0699999999999996e-1) * `l1u`)) END) * `s_sum`) END END AS `value`
  FROM (
  SELECT *, `z` * (toFloat64(1e+0) + toFloat64(0e+0) / (`n_terms` + toFloat64(1e+0))) AS `rho`
  FROM (
  SELECT `x`, `age`, `k`, `c`, `u`, `z`, `ck`, `l1u`, `ok`, `ln_low`, `ln_s1`, `n_terms`,
    if(`ok` = 1, arraySum(arrayMap((`ls`, `ns`, `zs`) -> if(`zs` > 0 OR `ck` = toFloat64(0e+0), toFloat64(0e+0), if(modulo(`ns`, 2) = 1, -1, 1) * CASE WHEN `ck` < toFloat64(0e+0) THEN -1 ELSE 1 END * if(`ln_s1` + `ls` < toFloat64(-7.08e+2), toFloat64(0e+0), exp(`ln_s1` + `ls`))), `cum_ln`, `cum_neg`, `cum_zero`)), NULL) AS `s_sum`,
    if(arrayElement(`cum_zero`, length(`cum_zero`)) > 0, toFloat64(-1e+300), `ln_s1` + arrayElement(`cum_ln`, length(`cum_ln`))) AS `ln_last`
  FROM (
  SELECT `x`, `age`, `k`, `c`, `u`, `z`, `ck`, `l1u`, `ok`, `ln_low`, `ln_s1`, `n_terms`, arrayCumSum(arrayMap(`n` -> if(`n` = 0 OR ((`ck` + `n`) * (toFloat64(-2.0699999999999996e-1) + `n`) / ((`c` + `n`) * (`n` + 1)) * `z`) = 0, toFloat64(0e+0), log(abs((`ck` + `n`) * (toFloat64(-2.0699999999999996e-1) + `n`) / ((`c` + `n`) * (`n` + 1)) * `z`))), range(toUInt64(CASE WHEN `ok` = 1 AND `n_terms` < toFloat64(1e+5) THEN `n_terms` ELSE 1 END)))) AS `cum_ln`, arrayCumSum(arrayMap(`n` -> if(`n` > 0 AND ((`ck` + `n`) * (toFloat64(-2.0699999999999996e-1) + `n`) / ((`c` + `n`) * (`n` + 1)) * `z`) < 0, 1, 0), range(toUInt64(CASE WHEN `ok` = 1 AND `n_terms` < toFloat64(1e+5) THEN `n_terms` ELSE 1 END)))) AS `cum_neg`, arrayCumSum(arrayMap(`n` -> if(`n` > 0 AND ((`ck` + `n`) * (toFloat64(-2.0699999999999996e-1) + `n`) / ((`c` + `n`) * (`n` + 1)) * `z`) = 0, 1, 0), range(toUInt64(CASE WHEN `ok` = 1 AND `n_terms` < toFloat64(1e+5) THEN `n_terms` ELSE 1 END)))) AS `cum_zero`
  FROM (
  SELECT `x`, `age`, `k`, `c`, `u`, `z`, `ck`, `l1u`, `ok`, `ln_low`, `ln_s1`,
    toInt64(CASE WHEN `n0` + toFloat64(0e+0) > toFloat64(1e+5) THEN toFloat64(1e+5) WHEN `n0` + toFloat64(0e+0) < -`ck` THEN ceil(-`ck`) ELSE `n0` + toFloat64(0e+0) END) AS `n_terms`
  FROM (
  SELECT *, CASE WHEN `ok` = 1 AND `ck` <> toFloat64(0e+0) THEN (CASE WHEN ceil((toFloat64(-4.158883083359672e+1) + `ln_low` + toFloat64(-2.0699999999999996e-1) * `l1u` - `l1u` - `ln_s1`) / log(`z`)) < toFloat64(1e+0) THEN toFloat64(1e+0) ELSE ceil((toFloat64(-4.158883083359672e+1) + `ln_low` + toFloat64(-2.0699999999999996e-1) * `l1u` - `l1u` - `ln_s1`) / log(`z`)) END) ELSE toFloat64(1e+0) END AS `n0`
  FROM (
  SELECT `x`, `age`, `k`, `c`, `u`, `z`, `ck`, `l1u`, `ok`,
    CASE WHEN `ok` = 1 AND `ck` <> toFloat64(0e+0) THEN log(CASE WHEN `k` * `l1u` >= toFloat64(1e+0) THEN toFloat64(1e+0) - (CASE WHEN -(`k` * `l1u`) < toFloat64(-7.08e+2) THEN toFloat64(0e+0) ELSE exp(-(`k` * `l1u`)) END) WHEN exp(-(`k` * `l1u`)) = toFloat64(1e+0) THEN `k` * `l1u` ELSE (toFloat64(1e+0) - exp(-(`k` * `l1u`))) * `k` * `l1u` / -log(exp(-(`k` * `l1u`))) END) - log(`c`) ELSE toFloat64(0e+0) END AS `ln_low`,
    CASE WHEN `ok` = 1 AND `ck` <> toFloat64(0e+0) THEN log(abs(`ck`)) - log(`c`) + log(`z`) ELSE toFloat64(0e+0) END AS `ln_s1`
  FROM (
  SELECT `x`, `age`, `k`, `c`, `u`, `z`, `c` - `k` AS `ck`, CASE WHEN (toFloat64(1e+0) + `u`) = toFloat64(1e+0) THEN `u` ELSE log((toFloat64(1e+0) + `u`)) * `u` / ((toFloat64(1e+0) + `u`) - toFloat64(1e+0)) END AS `l1u`,
    CASE WHEN `c` > toFloat64(0e+0) AND `z` <= toFloat64(9.9e-1) AND `c` <= toFloat64(2.0699999999999995e+3) AND `u` * (`k` + toFloat64(1e+0)) >= toFloat64(1.1102230246251565e-16) THEN 1 ELSE 0 END AS `ok`
  FROM (
  SELECT `x`, `age`, toFloat64(2.43e-1) + `x` AS `k`, toFloat64(7.93e-1) + (toFloat64(2.426e+0) + `x` + toFloat64(0e+0)) - toFloat64(1e+0) AS `c`,
    toFloat64(3.9e+1) / (toFloat64(4.414e+0) + `age`) AS `u`, toFloat64(3.9e+1) / ((toFloat64(4.414e+0) + `age`) + toFloat64(3.9e+1)) AS `z`
  FROM (
  SELECT DISTINCT `x`, `age` FROM (
  SELECT `customer_id` AS `customer_id`, toFloat64(`frequency`) AS `x`, toFloat64(`recency`) AS `tx`, toFloat64(`T`) AS `age`
  FROM `shop`.`summary`
) AS `s`
) AS `d`
) AS `b0`
) AS `b1`
) AS `b2`
) AS `b3`
) AS `b4`
) AS `r1`
) AS `r2`
) AS `r4`
) AS `r5`
) AS `e` USING (`x`, `age`)

-- scoreSql, MBG/NBD with a = 2.5, renamed columns
SELECT `customer_id`, `p` AS `probability_alive`, `p` * `if_alive` AS `expected_purchases`
FROM (
  SELECT `customer_id`, `x`, `age`, CASE WHEN `w` <= toFloat64(0e+0) THEN toFloat64(1e+0) / (toFloat64(1e+0) + CASE WHEN `w` < toFloat64(-7.08e+2) THEN toFloat64(0e+0) ELSE exp(`w`) END) ELSE (CASE WHEN -`w` < toFloat64(-7.08e+2) THEN toFloat64(0e+0) ELSE exp(-`w`) END) / (toFloat64(1e+0) + (CASE WHEN -`w` < toFloat64(-7.08e+2) THEN toFloat64(0e+0) ELSE exp(-`w`) END)) END AS `p`
  FROM (
  SELECT `customer_id`, `x`, `age`, CASE WHEN 1 = 0 THEN toFloat64(0e+0) ELSE toFloat64(9.162907318741551e-1) - log(toFloat64(1.614e+0) + `x` - toFloat64(1e+0) + toFloat64(1e+0)) + (toFloat64(5.25e-1) + `x`) * log((toFloat64(6.183e+0) + `age`) / (toFloat64(6.183e+0) + `tx`)) END AS `w`
  FROM (
  SELECT `id` AS `customer_id`, toFloat64(`x`) AS `x`, toFloat64(`t_x`) AS `tx`, toFloat64(`age`) AS `age`
  FROM `shop`.`summary`
) AS `s`
) AS `s1`
) AS `s2`
ANY LEFT JOIN (
  SELECT `x`, `age`,
  CASE WHEN `u` * (`k` + toFloat64(1e+0)) < toFloat64(1.1102230246251565e-16) THEN `k` * `u`
    WHEN `value` > toFloat64(0e+0) AND `k` * `l1u` * abs(CASE WHEN `value` > toFloat64(0e+0) THEN `c` / (`value` * toFloat64(1.5e+0)) END - toFloat64(1e+0)) <= CASE WHEN `z` <= toFloat64(9e-1) THEN toFloat64(8e+2) ELSE toFloat64(1e+2) END THEN `value` END AS `if_alive`
FROM (
  SELECT `x`, `age`, `k`, `u`, `z`, `l1u`, `c`, CASE WHEN `ok` = 1 AND `n_terms` < toFloat64(1e+5) AND `ck` + `n_terms` >= toFloat64(0e+0) AND `rho` > toFloat64(0e+0) AND `rho` < toFloat64(1e+0) THEN CASE WHEN `ck` = toFloat64(0e+0) THEN `c` * (`l1u` * (CASE WHEN toFloat64(1.5e+0) * `l1u` >= toFloat64(1e+0) THEN toFloat64(1e+0) - (CASE WHEN -(toFloat64(1.5e+0) * `l1u`) < toFloat64(-7.08e+2) THEN toFloat64(0e+0) ELSE exp(-(toFloat64(1.5e+0) * `l1u`)) END) WHEN exp(-(toFloat64(1.5e+0) * `l1u`)) = toFloat64(1e+0) THEN toFloat64(1.5e+0) * `l1u` ELSE (toFloat64(1e+0) - exp(-(toFloat64(1.5e+0) * `l1u`))) * toFloat64(1.5e+0) * `l1u` / -log(exp(-(toFloat64(1.5e+0) * `l1u`))) END) / (toFloat64(1.5e+0) * `l1u`) - (CASE WHEN -(toFloat64(1.5e+0) * `l1u`) < toFloat64(-7.08e+2) THEN toFloat64(0e+0) ELSE exp(-(toFloat64(1.5e+0) * `l1u`)) END) * `s_sum`) WHEN `ln_last` + log(`rho`) - log(toFloat64(1e+0) - `rho`) <= toFloat64(-4.158883083359672e+1) + `ln_low` + toFloat64(1.5e+0) * `l1u` THEN `c` * (`l1u` * (CASE WHEN toFloat64(1.5e+0) * `l1u` >= toFloat64(1e+0) THEN toFloat64(1e+0) - (CASE WHEN -(toFloat64(1.5e+0) * `l1u`) < toFloat64(-7.08e+2) THEN toFloat64(0e+0) ELSE exp(-(toFloat64(1.5e+0) * `l1u`)) END) WHEN exp(-(toFloat64(1.5e+0) * `l1u`)) = toFloat64(1e+0) THEN toFloat64(1.5e+0) * `l1u` ELSE (toFloat64(1e+0) - exp(-(toFloat64(1.5e+0) * `l1u`))) * toFloat64(1.5e+0) * `l1u` / -log(exp(-(toFloat64(1.5e+0) * `l1u`))) END) / (toFloat64(1.5e+0) * `l1u`) - (CASE WHEN -(toFloat64(1.5e+0) * `l1u`) < toFloat64(-7.08e+2) THEN toFloat64(0e+0) ELSE exp(-(toFloat64(1.5e+0) * `l1u`)) END) * `s_sum`) END END AS `value`
  FROM (
  SELECT *, `z` * (toFloat64(1e+0) + toFloat64(5e-1) / (`n_terms` + toFloat64(1e+0))) AS `rho`
  FROM (
  SELECT `x`, `age`, `k`, `c`, `u`, `z`, `ck`, `l1u`, `ok`, `ln_low`, `ln_s1`, `n_terms`,
    if(`ok` = 1, arraySum(arrayMap((`ls`, `ns`, `zs`) -> if(`zs` > 0 OR `ck` = toFloat64(0e+0), toFloat64(0e+0), if(modulo(`ns`, 2) = 1, -1, 1) * CASE WHEN `ck` < toFloat64(0e+0) THEN -1 ELSE 1 END * if(`ln_s1` + `ls` < toFloat64(-7.08e+2), toFloat64(0e+0), exp(`ln_s1` + `ls`))), `cum_ln`, `cum_neg`, `cum_zero`)), NULL) AS `s_sum`,
    if(arrayElement(`cum_zero`, length(`cum_zero`)) > 0, toFloat64(-1e+300), `ln_s1` + arrayElement(`cum_ln`, length(`cum_ln`))) AS `ln_last`
  FROM (
  SELECT `x`, `age`, `k`, `c`, `u`, `z`, `ck`, `l1u`, `ok`, `ln_low`, `ln_s1`, `n_terms`, arrayCumSum(arrayMap(`n` -> if(`n` = 0 OR ((`ck` + `n`) * (toFloat64(1.5e+0) + `n`) / ((`c` + `n`) * (`n` + 1)) * `z`) = 0, toFloat64(0e+0), log(abs((`ck` + `n`) * (toFloat64(1.5e+0) + `n`) / ((`c` + `n`) * (`n` + 1)) * `z`))), range(toUInt64(CASE WHEN `ok` = 1 AND `n_terms` < toFloat64(1e+5) THEN `n_terms` ELSE 1 END)))) AS `cum_ln`, arrayCumSum(arrayMap(`n` -> if(`n` > 0 AND ((`ck` + `n`) * (toFloat64(1.5e+0) + `n`) / ((`c` + `n`) * (`n` + 1)) * `z`) < 0, 1, 0), range(toUInt64(CASE WHEN `ok` = 1 AND `n_terms` < toFloat64(1e+5) THEN `n_terms` ELSE 1 END)))) AS `cum_neg`, arrayCumSum(arrayMap(`n` -> if(`n` > 0 AND ((`ck` + `n`) * (toFloat64(1.5e+0) + `n`) / ((`c` + `n`) * (`n` + 1)) * `z`) = 0, 1, 0), range(toUInt64(CASE WHEN `ok` = 1 AND `n_terms` < toFloat64(1e+5) THEN `n_terms` ELSE 1 END)))) AS `cum_zero`
  FROM (
  SELECT `x`, `age`, `k`, `c`, `u`, `z`, `ck`, `l1u`, `ok`, `ln_low`, `ln_s1`,
    toInt64(CASE WHEN `n0` + CASE WHEN `ok` = 1 AND `ck` <> toFloat64(0e+0) THEN ceil(toFloat64(5e-1) * log(`n0` + toFloat64(2e+0)) / -log(`z`)) + toFloat64(1e+0) ELSE toFloat64(0e+0) END > toFloat64(1e+5) THEN toFloat64(1e+5) WHEN `n0` + CASE WHEN `ok` = 1 AND `ck` <> toFloat64(0e+0) THEN ceil(toFloat64(5e-1) * log(`n0` + toFloat64(2e+0)) / -log(`z`)) + toFloat64(1e+0) ELSE toFloat64(0e+0) END < -`ck` THEN ceil(-`ck`) ELSE `n0` + CASE WHEN `ok` = 1 AND `ck` <> toFloat64(0e+0) THEN ceil(toFloat64(5e-1) * log(`n0` + toFloat64(2e+0)) / -log(`z`)) + toFloat64(1e+0) ELSE toFloat64(0e+0) END END) AS `n_terms`
  FROM (
  SELECT *, CASE WHEN `ok` = 1 AND `ck` <> toFloat64(0e+0) THEN (CASE WHEN ceil((toFloat64(-4.158883083359672e+1) + `ln_low` + toFloat64(1.5e+0) * `l1u` - `l1u` - `ln_s1`) / log(`z`)) < toFloat64(1e+0) THEN toFloat64(1e+0) ELSE ceil((toFloat64(-4.158883083359672e+1) + `ln_low` + toFloat64(1.5e+0) * `l1u` - `l1u` - `ln_s1`) / log(`z`)) END) ELSE toFloat64(1e+0) END AS `n0`
  FROM (
  SELECT `x`, `age`, `k`, `c`, `u`, `z`, `ck`, `l1u`, `ok`,
    CASE WHEN `ok` = 1 AND `ck` <> toFloat64(0e+0) THEN log(CASE WHEN `k` * `l1u` >= toFloat64(1e+0) THEN toFloat64(1e+0) - (CASE WHEN -(`k` * `l1u`) < toFloat64(-7.08e+2) THEN toFloat64(0e+0) ELSE exp(-(`k` * `l1u`)) END) WHEN exp(-(`k` * `l1u`)) = toFloat64(1e+0) THEN `k` * `l1u` ELSE (toFloat64(1e+0) - exp(-(`k` * `l1u`))) * `k` * `l1u` / -log(exp(-(`k` * `l1u`))) END) - log(`c`) ELSE toFloat64(0e+0) END AS `ln_low`,
    CASE WHEN `ok` = 1 AND `ck` <> toFloat64(0e+0) THEN log(abs(`ck`)) - log(`c`) + log(`z`) ELSE toFloat64(0e+0) END AS `ln_s1`
  FROM (
  SELECT `x`, `age`, `k`, `c`, `u`, `z`, `c` - `k` AS `ck`, CASE WHEN (toFloat64(1e+0) + `u`) = toFloat64(1e+0) THEN `u` ELSE log((toFloat64(1e+0) + `u`)) * `u` / ((toFloat64(1e+0) + `u`) - toFloat64(1e+0)) END AS `l1u`,
    CASE WHEN `c` > toFloat64(0e+0) AND `z` <= toFloat64(9.9e-1) AND `c` <= toFloat64(1.5e+4) AND `u` * (`k` + toFloat64(1e+0)) >= toFloat64(1.1102230246251565e-16) THEN 1 ELSE 0 END AS `ok`
  FROM (
  SELECT `x`, `age`, toFloat64(5.25e-1) + `x` AS `k`, toFloat64(2.5e+0) + (toFloat64(1.614e+0) + `x` + toFloat64(1e+0)) - toFloat64(1e+0) AS `c`,
    toFloat64(3.9e+1) / (toFloat64(6.183e+0) + `age`) AS `u`, toFloat64(3.9e+1) / ((toFloat64(6.183e+0) + `age`) + toFloat64(3.9e+1)) AS `z`
  FROM (
  SELECT DISTINCT `x`, `age` FROM (
  SELECT `id` AS `customer_id`, toFloat64(`x`) AS `x`, toFloat64(`t_x`) AS `tx`, toFloat64(`age`) AS `age`
  FROM `shop`.`summary`
) AS `s`
) AS `d`
) AS `b0`
) AS `b1`
) AS `b2`
) AS `b3`
) AS `b4`
) AS `r1`
) AS `r2`
) AS `r4`
) AS `r5`
) AS `e` USING (`x`, `age`)

-- scoreSql, Pareto/NBD (CDNOW), horizon 39
SELECT `customer_id`, `p` AS `probability_alive`, `p` * `if_alive` AS `expected_purchases`
FROM (
  SELECT `customer_id`, `e0` / (`e0` + CASE WHEN `e1` - `e2` > toFloat64(0e+0) THEN `e1` - `e2` ELSE toFloat64(0e+0) END) AS `p`, (toFloat64(5.53e-1) + `x`) / (toFloat64(1.058e+1) + `age`) * (toFloat64(1.167e+1) + `age`) * (CASE WHEN abs(toFloat64(-3.94e-1) * `lb`) < toFloat64(1e-9) THEN -`lb` * (toFloat64(1e+0) + toFloat64(-3.94e-1) * `lb` / toFloat64(2e+0)) ELSE (CASE WHEN -(toFloat64(-3.94e-1) * `lb`) >= toFloat64(1e+0) THEN toFloat64(1e+0) - (CASE WHEN -(-(toFloat64(-3.94e-1) * `lb`)) < toFloat64(-7.08e+2) THEN toFloat64(0e+0) ELSE exp(-(-(toFloat64(-3.94e-1) * `lb`))) END) WHEN exp(-(-(toFloat64(-3.94e-1) * `lb`))) = toFloat64(1e+0) THEN -(toFloat64(-3.94e-1) * `lb`) ELSE (toFloat64(1e+0) - exp(-(-(toFloat64(-3.94e-1) * `lb`)))) * -(toFloat64(-3.94e-1) * `lb`) / -log(exp(-(-(toFloat64(-3.94e-1) * `lb`)))) END) / toFloat64(-3.94e-1) END) AS `if_alive`
  FROM (
  SELECT *, -(CASE WHEN (toFloat64(1e+0) + toFloat64(3.9e+1) / (toFloat64(1.167e+1) + `age`)) = toFloat64(1e+0) THEN toFloat64(3.9e+1) / (toFloat64(1.167e+1) + `age`) ELSE log((toFloat64(1e+0) + toFloat64(3.9e+1) / (toFloat64(1.167e+1) + `age`))) * toFloat64(3.9e+1) / (toFloat64(1.167e+1) + `age`) / ((toFloat64(1e+0) + toFloat64(3.9e+1) / (toFloat64(1.167e+1) + `age`)) - toFloat64(1e+0)) END) AS `lb`
  FROM (
  SELECT `customer_id`, `x`, `age`, CASE WHEN `lf` - `top` < toFloat64(-7.08e+2) THEN toFloat64(0e+0) ELSE exp(`lf` - `top`) END AS `e0`,
    toFloat64(6.06e-1) / (toFloat64(5.53e-1) + toFloat64(6.06e-1) + `x`) * (CASE WHEN `j_tx` - `top` < toFloat64(-7.08e+2) THEN toFloat64(0e+0) ELSE exp(`j_tx` - `top`) END) AS `e1`,
    toFloat64(6.06e-1) / (toFloat64(5.53e-1) + toFloat64(6.06e-1) + `x`) * (CASE WHEN `j_t` - `top` < toFloat64(-7.08e+2) THEN toFloat64(0e+0) ELSE exp(`j_t` - `top`) END) AS `e2`
  FROM (
  SELECT *, CASE WHEN `lf` >= `j_tx` THEN `lf` ELSE `j_tx` END AS `top`
  FROM (
  SELECT *, -(toFloat64(5.53e-1) + `x`) * log(toFloat64(1.058e+1) + `age`) - toFloat64(6.06e-1) * log(toFloat64(1.167e+1) + `age`) AS `lf`
  FROM (
  SELECT `customer_id`, `x`, `tx`, `age`, `j_tx`, `j_t`
  FROM (
  SELECT `customer_id`, `x`, `tx`, `age`, `j_tx`
  FROM (
  SELECT `customer_id` AS `customer_id`, toFloat64(`frequency`) AS `x`, toFloat64(`recency`) AS `tx`, toFloat64(`T`) AS `age`
  FROM `shop`.`summary`
) AS `s`
  ANY LEFT JOIN (
  SELECT `x`, `tx`, CASE WHEN `z` <= toFloat64(9e-1) THEN `pre` + log(`h`) END AS `j_tx`
FROM (
  SELECT `x`, `tx`, `pp`, `qq`, `z`, `pre`, `n_terms`, arraySum(arrayMap(`ls` -> if(`ls` < toFloat64(-7.08e+2), toFloat64(0e+0), exp(`ls`)), `cum_ln`)) AS `h`
  FROM (
  SELECT `x`, `tx`, `pp`, `qq`, `z`, `pre`, `n_terms`, arrayCumSum(arrayMap(`n` -> if(`n` = 0, toFloat64(0e+0), log((toFloat64(1.6059999999999999e+0) + `n` - 1) / ((toFloat64(5.53e-1) + toFloat64(6.06e-1) + `x` + toFloat64(1e+0)) + `n` - 1) * `z`)), range(toUInt64(`n_terms`)))) AS `cum_ln`
  FROM (
  SELECT `x`, `tx`, `pp`, `qq`, `z`, `pre`, toInt64(CASE WHEN `z` = toFloat64(0e+0) OR `z` > toFloat64(9e-1) THEN toFloat64(1e+0) ELSE ceil((toFloat64(-4.158883083359672e+1) + log(toFloat64(1e+0) - `z`)) / log(`z`)) END) AS `n_terms`
  FROM (
  SELECT `x`, `tx`, toFloat64(1.6059999999999999e+0) AS `pp`, toFloat64(5.53e-1) + toFloat64(6.06e-1) + `x` + toFloat64(1e+0) AS `qq`,
    (toFloat64(1.167e+1) - toFloat64(1.058e+1)) / (toFloat64(1.167e+1) + `tx`) AS `z`,
    -(toFloat64(5.53e-1) + `x` - toFloat64(1e+0)) * log((toFloat64(1.058e+1) + `tx`)) - toFloat64(1.6059999999999999e+0) * log((toFloat64(1.167e+1) + `tx`)) AS `pre`
  FROM (
  SELECT DISTINCT `x`, `tx` FROM (
  SELECT `customer_id` AS `customer_id`, toFloat64(`frequency`) AS `x`, toFloat64(`recency`) AS `tx`, toFloat64(`T`) AS `age`
  FROM `shop`.`summary`
) AS `s`
) AS `d`
) AS `j0`
) AS `j1`
) AS `j2`
) AS `j3`
) AS `jx` USING (`x`, `tx`)
) AS `s1`
  ANY LEFT JOIN (
  SELECT `x`, `age`, CASE WHEN `z` <= toFloat64(9e-1) THEN `pre` + log(`h`) END AS `j_t`
FROM (
  SELECT `x`, `age`, `pp`, `qq`, `z`, `pre`, `n_terms`, arraySum(arrayMap(`ls` -> if(`ls` < toFloat64(-7.08e+2), toFloat64(0e+0), exp(`ls`)), `cum_ln`)) AS `h`
  FROM (
  SELECT `x`, `age`, `pp`, `qq`, `z`, `pre`, `n_terms`, arrayCumSum(arrayMap(`n` -> if(`n` = 0, toFloat64(0e+0), log((toFloat64(1.6059999999999999e+0) + `n` - 1) / ((toFloat64(5.53e-1) + toFloat64(6.06e-1) + `x` + toFloat64(1e+0)) + `n` - 1) * `z`)), range(toUInt64(`n_terms`)))) AS `cum_ln`
  FROM (
  SELECT `x`, `age`, `pp`, `qq`, `z`, `pre`, toInt64(CASE WHEN `z` = toFloat64(0e+0) OR `z` > toFloat64(9e-1) THEN toFloat64(1e+0) ELSE ceil((toFloat64(-4.158883083359672e+1) + log(toFloat64(1e+0) - `z`)) / log(`z`)) END) AS `n_terms`
  FROM (
  SELECT `x`, `age`, toFloat64(1.6059999999999999e+0) AS `pp`, toFloat64(5.53e-1) + toFloat64(6.06e-1) + `x` + toFloat64(1e+0) AS `qq`,
    (toFloat64(1.167e+1) - toFloat64(1.058e+1)) / (toFloat64(1.167e+1) + `age`) AS `z`,
    -(toFloat64(5.53e-1) + `x` - toFloat64(1e+0)) * log((toFloat64(1.058e+1) + `age`)) - toFloat64(1.6059999999999999e+0) * log((toFloat64(1.167e+1) + `age`)) AS `pre`
  FROM (
  SELECT DISTINCT `x`, `age` FROM (
  SELECT `customer_id` AS `customer_id`, toFloat64(`frequency`) AS `x`, toFloat64(`recency`) AS `tx`, toFloat64(`T`) AS `age`
  FROM `shop`.`summary`
) AS `s`
) AS `d`
) AS `j0`
) AS `j1`
) AS `j2`
) AS `j3`
) AS `jt` USING (`x`, `age`)
) AS `s2`
) AS `s3`
) AS `s4`
) AS `s5`
) AS `s6`
) AS `s7`

-- scoreSql, BG/NBD, horizon 0
SELECT `customer_id`, `p` AS `probability_alive`, `p` * toFloat64(0e+0) AS `expected_purchases`
FROM (
  SELECT `customer_id`, `x`, `age`, CASE WHEN `x` = toFloat64(0e+0) THEN toFloat64(1e+0) ELSE CASE WHEN `w` <= toFloat64(0e+0) THEN toFloat64(1e+0) / (toFloat64(1e+0) + CASE WHEN `w` < toFloat64(-7.08e+2) THEN toFloat64(0e+0) ELSE exp(`w`) END) ELSE (CASE WHEN -`w` < toFloat64(-7.08e+2) THEN toFloat64(0e+0) ELSE exp(-`w`) END) / (toFloat64(1e+0) + (CASE WHEN -`w` < toFloat64(-7.08e+2) THEN toFloat64(0e+0) ELSE exp(-`w`) END)) END END AS `p`
  FROM (
  SELECT `customer_id`, `x`, `age`, CASE WHEN `x` = toFloat64(0e+0) THEN toFloat64(0e+0) ELSE toFloat64(-2.3193205734728903e-1) - log(toFloat64(2.426e+0) + `x` - toFloat64(1e+0) + toFloat64(0e+0)) + (toFloat64(2.43e-1) + `x`) * log((toFloat64(4.414e+0) + `age`) / (toFloat64(4.414e+0) + `tx`)) END AS `w`
  FROM (
  SELECT `customer_id` AS `customer_id`, toFloat64(`frequency`) AS `x`, toFloat64(`recency`) AS `tx`, toFloat64(`T`) AS `age`
  FROM `shop`.`summary`
) AS `s`
) AS `s1`
) AS `s2`

