import { PatronageError } from '../errors/PatronageError';
import type { PatronageEvent } from '../model/events';
import { parseEvents } from '../model/parseEvents';

/**
 * Validates an event log with the rules of `parseEvents` (every field of every event, times in any
 * accepted form) and returns the events sorted by time (stable). Functions that take events call this,
 * so an unparsed or malformed entry is reported, never computed with.
 */
export function readEventLog(fn: string, events: unknown): PatronageEvent[] {
  const { events: parsed, rejected } = parseEvents(events);
  const first = rejected[0];
  if (first !== undefined) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${fn}: events[${first.index}] is not a valid event (${first.code}): ${first.message.replace(/^parseEvents: row \d+: /, '')}`,
      { argument: `events[${first.index}]`, index: first.index, code: first.code, rejected },
    );
  }
  return parsed
    .map((event, index) => ({ event, index }))
    .sort((a, b) => a.event.at - b.event.at || a.index - b.index)
    .map(({ event }) => event);
}
