import * as p from './src/index';
import { readFileSync } from 'node:fs';
const tx = readFileSync('/work/shared/data/CDNOW_sample.txt','utf8').split(/\r?\n/).filter(l=>l.trim()).map(l=>{const [,id,d,,v]=l.trim().split(/\s+/); return {customerId:Number(id), at:`${d!.slice(0,4)}-${d!.slice(4,6)}-${d!.slice(6,8)}`, amount:Number(v)}});
const rows = p.calibrationHoldoutSummary(tx, { unit: 'week', calibrationEnd: '1997-09-30', observationEnd: '1998-06-30' });
const r4 = (x:number)=>Math.round(x*1e4)/1e4;
const show = (f: any) => console.log(f.model, JSON.stringify(Object.fromEntries(Object.entries(f.params).map(([k,v])=>[k,r4(v as number)]))), 'LL', r4(f.logLikelihood), 'SE', JSON.stringify(f.standardErrors && Object.fromEntries(Object.entries(f.standardErrors).map(([k,v])=>[k,r4(v as number)]))), f.iterations, f.distinctRows);
const bg = p.fitBgNbd(rows); show(bg);
const pa = p.fitParetoNbd(rows); show(pa);
const mb = p.fitMbgNbd(rows); show(mb);
const c1 = { frequency: 2, recency: 30.43, T: 38.86 };
for (const f of [bg, pa, mb]) {
  console.log(f.model, 'P(alive) c1', r4(p.probabilityAlive(f, c1)), 'E39', r4(p.expectedPurchases(f, 39, c1)), 'E39 new', r4(p.expectedPurchases(f, 39)), 'P(alive,+26)', r4(p.probabilityAlive(f, c1, {horizon: 26})));
  const h = p.holdoutComparison(f, rows); console.log('holdout', r4(h.predictedTotal), h.actualTotal, 'MAE', r4(h.meanAbsoluteError), 'RMSE', r4(h.rootMeanSquaredError));
  console.log(h.groups.map(g=>`${g.frequency}${g.orMore?'+':''}: n ${g.customers} actual ${g.actual.toFixed(3)} predicted ${g.predicted.toFixed(3)}`).join('\n'));
  const births = rows.map(r=>272/7 - r.T);
  const tr = p.cumulativeTracking(f, { births, times: [39, 78], actual: [2457, 4339] });
  console.log('tracking', tr.points.map(x=>r4(x.expected)), r4(tr.finalRelativeError!));
}
const zbar = readFileSync('/work/shared/data/cdnow_customers_summary_with_transactions.csv','utf8').trim().split(/\r?\n/).slice(1).map(l=>l.split(',').map(Number)).filter(r=>r[1]!>0).map(([,x,,,z])=>({frequency:x!,monetaryValue:z!}));
const gg = p.fitGammaGamma(zbar); show(gg);
console.log('spend pop', r4(p.expectedAverageSpend(gg, {frequency:0, monetaryValue:0})), 'c1', r4(p.expectedAverageSpend(gg, {frequency:2, monetaryValue:22.35})));
console.log('CLV', r4(p.customerLifetimeValue(bg, {...c1, monetaryValue: 22.35}, {timeUnit:'week', horizon: 52, discountRate: 0.1, margin: 0.3, spendModel: gg})));
const d = readFileSync('/work/shared/data/donations.csv','utf8').trim().split('\n').slice(1).map(l=>l.split(',').map(Number)).map(([f,r,pp,w])=>({frequency:f!,recency:r!,periods:pp!,weight:w!}));
const bb = p.fitBgBb(d); show(bb);
console.log('bgbb E[X(n)]', [1,2,3,4,5,6,7,8,9,10,11].map(n=>r4(11104*(p.expectedPurchases(bb,n)-p.expectedPurchases(bb,n-1)))));
console.log('bgbb 6 of 6 P(alive)', r4(p.probabilityAlive(bb, {frequency:6,recency:6,periods:6})), 'E5', r4(p.expectedPurchases(bb,5,{frequency:6,recency:6,periods:6})), '3 of 6 last 3', r4(p.probabilityAlive(bb, {frequency:3,recency:3,periods:6})));
const s1 = p.fitShiftedBetaGeometric({survivors:[1000,869,743,653,593,551,517,491]}); show(s1);
const cs = p.contractSurvival(s1, 12); console.log(cs.survival.map(x=>Math.round(x*1000)), cs.retention.map(x=>r4(x)));
console.log('DERL', [0,1,4,10].map(n=>r4(p.discountedResidualLifetime(s1,{renewals:n, discountRate:0.1}))));
