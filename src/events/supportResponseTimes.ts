import { optionalObject, requireAtLeast } from '../internal/validate';
import type { PatronageEvent } from '../model/events';
import { readEventLog } from './eventLog';

/**
 * What {@link supportResponseTimes} returns. Times are in hours; a statistic over no tickets is `null`.
 *
 * @category Satisfaction
 */
export interface SupportResponseTimes {
  /** Support interactions in the log. */
  readonly tickets: number;
  /** Of them, those with a first response. */
  readonly answered: number;
  /** Median hours to the first response over the answered tickets. */
  readonly medianFirstResponseHours: number | null;
  /** 90th percentile of the hours to the first response. */
  readonly p90FirstResponseHours: number | null;
  /** Share of all tickets answered within `withinHours` (unanswered ones count as not). */
  readonly shareAnsweredWithin: number | null;
  /** Tickets with a resolution. */
  readonly resolved: number;
  /** Median hours from opening to resolution. */
  readonly medianResolutionHours: number | null;
  /** 90th percentile of the hours to resolution. */
  readonly p90ResolutionHours: number | null;
}

/** Quantile with linear interpolation between order statistics (R's default, type 7). */
function quantile(sorted: readonly number[], probability: number): number | null {
  if (sorted.length === 0) return null;
  const position = (sorted.length - 1) * probability;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const a = sorted[low] as number;
  const b = sorted[high] as number;
  return a + (b - a) * (position - low);
}

/**
 * First-response and resolution times from support interactions (docs/formulas.md §1.6: customers should get an
 * answer within hours): medians, 90th percentiles (linear interpolation, R's type 7) and the share of
 * tickets answered within `withinHours` (4 by default).
 *
 * @param events - parsed events; support events are used, others play no part
 * @param options - `withinHours`, default 4
 * @returns counts and statistics; `null` statistics when there is nothing to measure
 * @throws PatronageError `INVALID_ARGUMENT` for an entry that is not a parsed event, `OUT_OF_RANGE` or
 *   `NOT_FINITE` for `withinHours`.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { parseEventsOrThrow, supportResponseTimes } from 'patronage';
 *
 * const events = parseEventsOrThrow([
 *   { type: 'support', customerId: 'a', at: '2024-03-01T09:00:00Z', firstResponseAt: '2024-03-01T10:00:00Z', resolvedAt: '2024-03-01T15:00:00Z' },
 *   { type: 'support', customerId: 'b', at: '2024-03-01T09:00:00Z', firstResponseAt: '2024-03-01T17:00:00Z' },
 *   { type: 'support', customerId: 'c', at: '2024-03-02T09:00:00Z' },
 * ]);
 * supportResponseTimes(events);
 * // => { tickets: 3, answered: 2, medianFirstResponseHours: 4.5, p90FirstResponseHours: 7.3, shareAnsweredWithin: 0.3333333333333333, resolved: 1, medianResolutionHours: 6, p90ResolutionHours: 6 }
 * ```
 *
 * @category Satisfaction
 */
export function supportResponseTimes(
  events: Iterable<PatronageEvent>,
  options?: { readonly withinHours?: number },
): SupportResponseTimes {
  const fn = 'supportResponseTimes';
  const withinHours = requireAtLeast(
    fn,
    'withinHours',
    optionalObject(fn, 'options', options, ['withinHours'])['withinHours'] ?? 4,
    0,
  );
  const hour = 3_600_000;
  let tickets = 0;
  const responses: number[] = [];
  const resolutions: number[] = [];
  for (const event of readEventLog(fn, events)) {
    if (event.type !== 'support') continue;
    tickets++;
    if (event.firstResponseAt !== undefined) responses.push((event.firstResponseAt - event.at) / hour);
    if (event.resolvedAt !== undefined) resolutions.push((event.resolvedAt - event.at) / hour);
  }
  responses.sort((a, b) => a - b);
  resolutions.sort((a, b) => a - b);
  return {
    tickets,
    answered: responses.length,
    medianFirstResponseHours: quantile(responses, 0.5),
    p90FirstResponseHours: quantile(responses, 0.9),
    shareAnsweredWithin:
      tickets === 0 ? null : responses.filter((hours) => hours <= withinHours).length / tickets,
    resolved: resolutions.length,
    medianResolutionHours: quantile(resolutions, 0.5),
    p90ResolutionHours: quantile(resolutions, 0.9),
  };
}
