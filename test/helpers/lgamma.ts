/**
 * ln Γ(x) for x > 0 by Stirling's series after shifting x above 20, written independently of the library's
 * Lanczos implementation so that tests can check it.
 */
export function lgamma(x: number): number {
  let shift = 0;
  let y = x;
  while (y < 20) {
    shift -= Math.log(y);
    y += 1;
  }
  const inverse = 1 / y;
  const inverse2 = inverse * inverse;
  return (
    shift +
    (y - 0.5) * Math.log(y) -
    y +
    0.5 * Math.log(2 * Math.PI) +
    inverse * (1 / 12 - inverse2 * (1 / 360 - inverse2 * (1 / 1260 - inverse2 / 1680)))
  );
}
