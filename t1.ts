import { contractSurvival, fitParetoNbd } from './src/index';
try { console.log(contractSurvival({ model: 'shiftedBetaGeometric', params: { alpha: 5e-324, beta: 5e-324 } }, 5)); } catch (e) { console.log(String(e)); }
try { console.log(contractSurvival({ model: 'shiftedBetaGeometric', params: { alpha: 0.7, beta: 5e-324 } }, 5)); } catch (e) { console.log(String(e)); }
const rows = [
  { frequency: 0, recency: 0, T: 38, weight: 60 },
  { frequency: 1, recency: 4, T: 38, weight: 10 },
  { frequency: 1, recency: 30, T: 36, weight: 9 },
  { frequency: 2, recency: 10, T: 38, weight: 4 },
];
for (const v of [1e300, 5e-324, 9007199254740991, 1e-300]) for (const f of ['T','recency','weight']) {
  const r = rows.map(x=>({...x})); (r[2] as any)[f] = v; if (f==='recency') (r[2] as any).T = Math.max(v, 36);
  const t = performance.now(); let out; try { const fit = fitParetoNbd(r); out = fit.converged + ' ' + fit.reason; } catch (e) { out = String(e).slice(0,80); } console.log(f, v, (performance.now()-t).toFixed(0), out);
}
const t = performance.now(); const r = rows.map(x=>({...x})); (r[3] as any).frequency = 9007199254740991; try { console.log(fitParetoNbd(r).converged) } catch(e) {console.log(String(e).slice(0,80))}; console.log('freq', performance.now()-t);
