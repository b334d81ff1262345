// One instance of each class that hot code makes per call, kept for the module's lifetime.
//
// Optimised code holds the hidden classes (maps) it checks weakly. When a class is instantiated per call
// (a tally, a row reader), every instance can be garbage at a full collection. V8 then drops the class's
// map and discards the optimised code built on it, so the next calls run cold. One live instance keeps
// the map, and the code, alive. The same goes for a per-call closure that hot code calls: make it a method
// with fields instead.

const KEPT: object[] = [];

/**
 * Keeps `instance` alive for the module's lifetime. A constructor calls this once, with a tiny instance of
 * its class, behind its own flag set first (so that the tiny instance's construction does not recurse):
 * `if (!kept) { kept = true; keepShape(new Tally(...)); }`.
 */
export function keepShape(instance: object): void {
  KEPT.push(instance);
}
