import { betaExpectation, integrate } from './src/math/quadrature';
import { betaGammaExpectation } from './src/models/predictMath';
const r=0.24259452245041319, al=4.413602022721285, a=0.7929220174529398, b=2.4259068061902433;
for (const t of [1, 32, 78, 1000]) {
  const q = betaExpectation(a, b, (p) => p*t/al < 1e-300 ? r*t/al : -Math.expm1(-r*Math.log1p(p*t/al))/p);
  console.log(t, betaGammaExpectation(a,b,r,al,t), q);
}
// independent: double integral over lambda by simple formula check: E[X(t)|lambda,p] = (1/p)(1-exp(-lambda p t))
