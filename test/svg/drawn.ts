// Reading a drawn curve back out of a chart, for the tests of long series.

/** The `d` of every curve's line (the stroked paths, not the bands), in order. */
export function curvePaths(svg: string): string[] {
  return [...svg.matchAll(/<path d="([^"]*)" fill="none" stroke="#[0-9a-f]{6}" stroke-width="2"\/>/g)].map(
    (match) => match[1] as string,
  );
}

/** The vertices of a path of M and L commands. */
export function vertices(d: string): [number, number][] {
  return [...d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((match) => [Number(match[1]), Number(match[2])]);
}
