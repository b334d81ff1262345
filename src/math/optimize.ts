// Unconstrained minimisation for the maximum-likelihood fits: BFGS with a backtracking (Armijo) line search
// on analytic or central-difference gradients, falling back to Nelder–Mead when the line search stalls.
// The models optimise over log-parameters, so every point is a valid parameter vector. Internal.

/** An objective: returns f(x) and, when `gradient` is given, writes ∇f(x) into it. Non-finite means "outside". */
export type Objective = (x: Float64Array, gradient: Float64Array | null) => number;

/** What {@link minimize} found. */
export interface Minimum {
  /** The best point. */
  x: Float64Array;
  /** f at the best point. */
  value: number;
  /** BFGS iterations plus Nelder–Mead iterations used. */
  iterations: number;
  /** Whether the gradient test was met. */
  converged: boolean;
  /** Why it stopped, when not converged. */
  reason: string | null;
}

/** Options of {@link minimize}. */
export interface MinimizeOptions {
  /** Iteration budget (default 500). */
  maxIterations?: number;
  /** Gradient tolerance, relative to max(1, |f|) (default 1e-9). */
  gradientTolerance?: number;
  /** When BFGS stops with a coordinate beyond ±bound, the optimum is on the boundary: no Nelder–Mead restart. */
  bound?: number;
  /**
   * A starting inverse Hessian (row-major, n × n, positive definite), for example from a fit on a
   * subsample; without it BFGS starts from a scaled identity.
   */
  inverseHessian?: Float64Array;
}

/** Relative rounding noise allowed in an objective value that sums many rows. */
const NOISE = 1e-12;

function maxAbs(vector: Float64Array): number {
  let maximum = 0;
  for (const value of vector) maximum = Math.max(maximum, Math.abs(value));
  return maximum;
}

function nelderMead(f: (x: Float64Array) => number, start: Float64Array, maxIterations: number): Minimum {
  const dimension = start.length;
  const simplex: Float64Array[] = [Float64Array.from(start)];
  for (let i = 0; i < dimension; i++) {
    const vertex = Float64Array.from(start);
    vertex[i] = (vertex[i] as number) + 0.5;
    simplex.push(vertex);
  }
  const safe = (x: Float64Array): number => {
    const value = f(x);
    return Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
  };
  let values = simplex.map(safe);
  let iteration = 0;
  for (; iteration < maxIterations; iteration++) {
    const order = values.map((_, i) => i).sort((i, j) => (values[i] as number) - (values[j] as number));
    const sorted = order.map((i) => simplex[i] as Float64Array);
    values = order.map((i) => values[i] as number);
    simplex.splice(0, simplex.length, ...sorted);
    const best = values[0] as number;
    const worst = values[dimension] as number;
    if (Math.abs(worst - best) <= 1e-12 * Math.max(1, Math.abs(best))) break;
    const centroid = new Float64Array(dimension);
    for (let v = 0; v < dimension; v++) {
      for (let i = 0; i < dimension; i++)
        centroid[i] = (centroid[i] as number) + ((simplex[v] as Float64Array)[i] as number) / dimension;
    }
    const along = (factor: number): Float64Array => {
      const point = new Float64Array(dimension);
      const worstVertex = simplex[dimension] as Float64Array;
      for (let i = 0; i < dimension; i++) {
        point[i] = (centroid[i] as number) + factor * ((worstVertex[i] as number) - (centroid[i] as number));
      }
      return point;
    };
    const reflected = along(-1);
    const reflectedValue = safe(reflected);
    if (reflectedValue < best) {
      const expanded = along(-2);
      const expandedValue = safe(expanded);
      if (expandedValue < reflectedValue) {
        simplex[dimension] = expanded;
        values[dimension] = expandedValue;
      } else {
        simplex[dimension] = reflected;
        values[dimension] = reflectedValue;
      }
      continue;
    }
    if (reflectedValue < (values[dimension - 1] as number)) {
      simplex[dimension] = reflected;
      values[dimension] = reflectedValue;
      continue;
    }
    const contracted = along(0.5);
    const contractedValue = safe(contracted);
    if (contractedValue < worst) {
      simplex[dimension] = contracted;
      values[dimension] = contractedValue;
      continue;
    }
    const bestVertex = simplex[0] as Float64Array;
    for (let v = 1; v <= dimension; v++) {
      const vertex = simplex[v] as Float64Array;
      for (let i = 0; i < dimension; i++) {
        vertex[i] = (bestVertex[i] as number) + 0.5 * ((vertex[i] as number) - (bestVertex[i] as number));
      }
      values[v] = safe(vertex);
    }
  }
  let bestIndex = 0;
  for (let v = 1; v <= dimension; v++)
    if ((values[v] as number) < (values[bestIndex] as number)) bestIndex = v;
  return {
    x: simplex[bestIndex] as Float64Array,
    value: values[bestIndex] as number,
    iterations: iteration,
    converged: false,
    reason: null,
  };
}

/**
 * Minimises `objective` from `start` by BFGS. When the line search cannot make progress before the
 * gradient test is met, Nelder–Mead restarts from the best point and BFGS polishes its result.
 */
export function minimize(objective: Objective, start: Float64Array, options: MinimizeOptions = {}): Minimum {
  const maxIterations = options.maxIterations ?? 500;
  const tolerance = options.gradientTolerance ?? 1e-9;
  let result = bfgs(
    objective,
    start,
    maxIterations,
    tolerance,
    options.bound ?? Number.POSITIVE_INFINITY,
    options.inverseHessian,
  );
  const bound = options.bound ?? Number.POSITIVE_INFINITY;
  const onBoundary = result.x.some((value) => Math.abs(value) > bound);
  if (!result.converged && !onBoundary && Number.isFinite(result.value)) {
    const simplex = nelderMead((x) => objective(x, null), result.x, maxIterations * 2);
    const polished = bfgs(objective, simplex.x, maxIterations, tolerance, bound);
    const best = polished.value <= simplex.value ? polished : { ...simplex, reason: polished.reason };
    result = {
      ...best,
      iterations: result.iterations + simplex.iterations + polished.iterations,
    };
  }
  return result;
}

function bfgs(
  objective: Objective,
  start: Float64Array,
  maxIterations: number,
  tolerance: number,
  bound: number,
  initialInverse?: Float64Array,
): Minimum {
  const n = start.length;
  let x = Float64Array.from(start);
  let gradient = new Float64Array(n);
  let value = objective(x, gradient);
  if (!Number.isFinite(value) || !gradient.every(Number.isFinite)) {
    return {
      x,
      value: Number.POSITIVE_INFINITY,
      iterations: 0,
      converged: false,
      reason: 'the starting point has no finite likelihood',
    };
  }
  // inverse Hessian approximation, started at a scaled identity after the first step
  const given = initialInverse !== undefined && initialInverse.length === n * n;
  let inverse = given ? Float64Array.from(initialInverse) : new Float64Array(n * n);
  if (!given) for (let i = 0; i < n; i++) inverse[i * n + i] = 1 / Math.max(1, maxAbs(gradient));
  const direction = new Float64Array(n);
  const next = new Float64Array(n);
  const nextGradient = new Float64Array(n);
  const step = new Float64Array(n);
  const change = new Float64Array(n);
  let stalls = 0;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    if (maxAbs(gradient) <= tolerance * Math.max(1, Math.abs(value))) {
      return { x, value, iterations: iteration, converged: true, reason: null };
    }
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let j = 0; j < n; j++) sum -= (inverse[i * n + j] as number) * (gradient[j] as number);
      direction[i] = sum;
    }
    let slope = 0;
    for (let i = 0; i < n; i++) slope += (direction[i] as number) * (gradient[i] as number);
    if (!(slope < 0)) {
      // not a descent direction: reset to steepest descent
      inverse = new Float64Array(n * n);
      const scale = 1 / Math.max(1, maxAbs(gradient));
      for (let i = 0; i < n; i++) {
        inverse[i * n + i] = scale;
        direction[i] = -(gradient[i] as number) * scale;
      }
      slope = 0;
      for (let i = 0; i < n; i++) slope += (direction[i] as number) * (gradient[i] as number);
    }
    // the gradient is within the tolerance a stalled search is accepted at: rounding noise may now hide a decrease
    const nearOptimum = maxAbs(gradient) <= 1e3 * tolerance * Math.max(1, Math.abs(value));
    // keep a step in log-parameter space below 5 (a factor e^5 in a parameter)
    let length = Math.min(1, 5 / Math.max(1e-300, maxAbs(direction)));
    let nextValue = Number.NaN;
    let accepted = false;
    for (let tries = 0; tries < 60; tries++) {
      for (let i = 0; i < n; i++) next[i] = (x[i] as number) + length * (direction[i] as number);
      nextValue = objective(next, nextGradient);
      if (Number.isFinite(nextValue) && nextGradient.every(Number.isFinite)) {
        // Armijo's sufficient decrease; or, only near the optimum (where the decrease falls below the rounding
        // noise of a sum over many rows), Hager and Zhang's approximate Wolfe test: the value has not risen
        // beyond that noise and the slope along the direction has shrunk, so the step made progress. Away
        // from the optimum it would let the search settle on a saddle that Armijo steps leave.
        let nextSlope = 0;
        for (let i = 0; i < n; i++) nextSlope += (direction[i] as number) * (nextGradient[i] as number);
        if (
          nextValue <= value + 1e-4 * length * slope ||
          (nearOptimum &&
            nextValue <= value + NOISE * Math.max(1, Math.abs(value)) &&
            Math.abs(nextSlope) <= -0.9 * slope)
        ) {
          accepted = true;
          break;
        }
      }
      length *= 0.5;
    }
    if (!accepted) {
      const converged = maxAbs(gradient) <= 1e3 * tolerance * Math.max(1, Math.abs(value));
      return {
        x,
        value,
        iterations: iteration,
        converged,
        reason: converged ? null : 'the line search could not improve the likelihood',
      };
    }
    let sy = 0;
    for (let i = 0; i < n; i++) {
      step[i] = (next[i] as number) - (x[i] as number);
      change[i] = (nextGradient[i] as number) - (gradient[i] as number);
      sy += (step[i] as number) * (change[i] as number);
    }
    const improvement = value - nextValue;
    x = Float64Array.from(next);
    gradient = Float64Array.from(nextGradient);
    value = nextValue;
    if (sy > 1e-12 * Math.sqrt(dot(step, step) * dot(change, change))) {
      if (iteration === 0 && !given) {
        // Shanno's scaling of the initial matrix
        const scale = sy / dot(change, change);
        inverse = new Float64Array(n * n);
        for (let i = 0; i < n; i++) inverse[i * n + i] = scale;
      }
      bfgsUpdate(inverse, step, change, sy, n);
    }
    if (x.some((coordinate) => Math.abs(coordinate) > bound)) {
      return {
        x,
        value,
        iterations: iteration + 1,
        converged: false,
        reason: 'a parameter is running to the boundary',
      };
    }
    stalls = improvement <= 1e-15 * Math.max(1, Math.abs(value)) ? stalls + 1 : 0;
    if (stalls >= 5) {
      const converged = maxAbs(gradient) <= 1e3 * tolerance * Math.max(1, Math.abs(value));
      return {
        x,
        value,
        iterations: iteration + 1,
        converged,
        reason: converged ? null : 'the likelihood stopped improving before the gradient vanished',
      };
    }
  }
  return {
    x,
    value,
    iterations: maxIterations,
    converged: false,
    reason: `no convergence within ${maxIterations} iterations`,
  };
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

function bfgsUpdate(inverse: Float64Array, s: Float64Array, y: Float64Array, sy: number, n: number): void {
  // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1/(yᵀs)
  const rho = 1 / sy;
  const hy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += (inverse[i * n + j] as number) * (y[j] as number);
    hy[i] = sum;
  }
  const yhy = dot(y, hy);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      inverse[i * n + j] =
        (inverse[i * n + j] as number) -
        rho * ((hy[i] as number) * (s[j] as number) + (s[i] as number) * (hy[j] as number)) +
        (rho * rho * yhy + rho) * (s[i] as number) * (s[j] as number);
    }
  }
}

/**
 * The inverse of a symmetric positive-definite matrix (row-major, n × n) by Cholesky factorisation, or
 * null when it is not positive definite.
 */
export function invertPositiveDefinite(matrix: Float64Array, n: number): Float64Array | null {
  const lower = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i * n + j] as number;
      for (let k = 0; k < j; k++) sum -= (lower[i * n + k] as number) * (lower[j * n + k] as number);
      if (i === j) {
        if (!(sum > 0)) return null;
        lower[i * n + i] = Math.sqrt(sum);
      } else {
        lower[i * n + j] = sum / (lower[j * n + j] as number);
      }
    }
  }
  // invert L, then A⁻¹ = L⁻ᵀ L⁻¹
  const inverseLower = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    inverseLower[i * n + i] = 1 / (lower[i * n + i] as number);
    for (let j = 0; j < i; j++) {
      let sum = 0;
      for (let k = j; k < i; k++) sum -= (lower[i * n + k] as number) * (inverseLower[k * n + j] as number);
      inverseLower[i * n + j] = sum / (lower[i * n + i] as number);
    }
  }
  const inverse = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let k = Math.max(i, j); k < n; k++)
        sum += (inverseLower[k * n + i] as number) * (inverseLower[k * n + j] as number);
      inverse[i * n + j] = sum;
    }
  }
  return inverse;
}

/**
 * Eigenvalues and eigenvectors of a small symmetric matrix (row-major, n × n) by cyclic Jacobi rotations:
 * `values[k]` with its unit eigenvector in column k of `vectors` (row-major), in no particular order.
 * Accurate to rounding for the 2 × 2 to 4 × 4 information matrices of the fits.
 */
export function symmetricEigen(
  matrix: Float64Array,
  n: number,
): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let scale = 0;
    for (let i = 0; i < n; i++) {
      scale += (a[i * n + i] as number) ** 2;
      for (let j = 0; j < i; j++) off += (a[i * n + j] as number) ** 2;
    }
    if (!(off > 1e-32 * scale)) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q] as number;
        if (apq === 0) continue;
        const theta = ((a[q * n + q] as number) - (a[p * n + p] as number)) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          // columns p and q of A, then rows p and q
          const akp = a[k * n + p] as number;
          const akq = a[k * n + q] as number;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k] as number;
          const aqk = a[q * n + k] as number;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p] as number;
          const vkq = v[k * n + q] as number;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = a[i * n + i] as number;
  return { values, vectors: v };
}
