/** A seeded uniform generator on (0, 1). */
export declare function uniforms(seed: number): () => number;

/** `customers` BG/NBD histories with T uniform on [1, maxT]; times are continuous, so rows rarely repeat. */
export declare function simulateBgNbd(
  customers: number,
  params: { r: number; alpha: number; a: number; b: number },
  seed?: number,
  maxT?: number,
): { frequency: number; recency: number; T: number }[];
