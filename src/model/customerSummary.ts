// The one rule for the RFM summary rows the loyalty functions read. Internal.

/**
 * Whether frequency, recency, T and monetaryValue form a usable summary row: finite numbers ≥ 0 with
 * recency ≤ T. Comparisons only, so the hot loops that call it build no strings.
 */
export function isSummaryRow(
  frequency: unknown,
  recency: unknown,
  T: unknown,
  monetaryValue: unknown,
): boolean {
  return (
    typeof frequency === 'number' &&
    typeof recency === 'number' &&
    typeof T === 'number' &&
    typeof monetaryValue === 'number' &&
    frequency >= 0 &&
    frequency < Number.POSITIVE_INFINITY &&
    recency >= 0 &&
    recency <= T &&
    T < Number.POSITIVE_INFINITY &&
    monetaryValue >= 0 &&
    monetaryValue < Number.POSITIVE_INFINITY
  );
}
