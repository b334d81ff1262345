// Hashing doubles by their bits, for the open-addressing tables of row compression and of the scoring
// memo. Internal.
//
// What it earns (issue 13 A/B, 2026-12-01, 3 alternations, 2 shared cores under load; median of the
// per-process medians): fit-bgnbd at 1M customers with compress/indexDistinct on a Map (string key of the
// three numbers; the number itself for one column) took 14788 vs 7375 ms without forced GC (2.01x, -50%)
// and 26504 vs 14696 ms with BENCH_FORCE_GC=1 (1.80x, -45%). For the scoring memo see `pairMemo.ts`.

const scratch = /* @__PURE__ */ new Float64Array(1);
const scratchBits = /* @__PURE__ */ new Uint32Array(scratch.buffer);

/** The seed every table starts its hash chain from. */
export const HASH_SEED = 0x12345;

/**
 * Mixes the 64 bits of `value` into `hash` (two multiply-xor rounds with the golden-ratio and murmur3
 * constants), giving a 32-bit integer. −0 and 0 hash alike, so that the keys compared with `===` hash
 * alike; NaN is not a key. Chain it for several numbers: `mixNumber(mixNumber(HASH_SEED, a), b)`.
 */
export function mixNumber(hash: number, value: number): number {
  scratch[0] = value === 0 ? 0 : value;
  let h = Math.imul(hash ^ (scratchBits[0] as number), 0x9e3779b1);
  h = Math.imul(h ^ (scratchBits[1] as number), 0x85ebca77);
  return h ^ (h >>> 15);
}
