import { lgamma } from './lgamma';

/**
 * The Pareto/NBD likelihood of one customer from its integral form (Fader & Hardie 2005, eq. 22 before the
 * ₂F₁ closed form): Γ(r+x)α^r β^s/Γ(r) · [(α+T)^−(r+x)(β+T)^−s + s ∫_{t_x}^{T} (α+τ)^−(r+x)(β+τ)^−(s+1) dτ],
 * with the integral by composite Simpson on 2,000 panels. Independent of the library's hypergeometric code.
 */
export function paretoNbdLikelihoodByQuadrature(
  params: { r: number; alpha: number; s: number; beta: number },
  x: number,
  tx: number,
  T: number,
): number {
  const { r, alpha, s, beta } = params;
  const lead = Math.exp(lgamma(r + x) - lgamma(r) + r * Math.log(alpha) + s * Math.log(beta));
  const integrand = (tau: number): number => (alpha + tau) ** -(r + x) * (beta + tau) ** -(s + 1);
  const panels = 2000;
  const h = (T - tx) / panels;
  let sum = integrand(tx) + integrand(T);
  for (let i = 1; i < panels; i++) sum += (i % 2 === 1 ? 4 : 2) * integrand(tx + i * h);
  const integral = (sum * h) / 3;
  return lead * ((alpha + T) ** -(r + x) * (beta + T) ** -s + s * integral);
}
