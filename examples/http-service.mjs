// An HTTP loyalty service: POST /checkout with an order, get back the points it earned, the customer's
// balance, tier and loyalty score. GET /customers/:id answers the same without an order. Bad input gets
// a 400 with patronage's error code, never a 500 or a made-up number.
//   node examples/http-service.mjs              serve on http://127.0.0.1:8080 (PORT to change)
//   node examples/http-service.mjs --self-test  start on a free port, send orders with fetch, check, stop
// The store is in memory; in production the ledger and purchases come from your database and the
// loyalty reference from the nightly job (loyaltyReference over every customer's RFM summary).
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import {
  isPatronageError,
  loyaltyReference,
  loyaltyScore,
  pointsBalance,
  pointsForPurchase,
  rfmSummary,
  tierHistory,
} from 'patronage';

const PROGRAMME = {
  earn: { perCurrencyUnit: 1, tierMultipliers: { silver: 1.25, gold: 1.5 } },
  validityDays: 365,
  tiers: {
    tiers: [
      { name: 'member', threshold: 0 },
      { name: 'silver', threshold: 500 },
      { name: 'gold', threshold: 1500 },
    ],
    metric: 'spend',
    windowDays: 365,
    graceDays: 30,
  },
};

// the nightly job's output: the reference population the score ranks a customer against
const DAY = 86_400_000;
const base = [];
for (let i = 0; i < 500; i++) {
  const first = Date.UTC(2024, 0, 1) + ((i * 7919) % 500) * DAY;
  for (let k = 0; k <= i % 7; k++) {
    base.push({
      customerId: `c${i}`,
      at: first + k * ((i % 5) + 2) * 13 * DAY,
      amount: 15 + ((i * 37 + k * 11) % 160),
    });
  }
}
const reference = loyaltyReference(rfmSummary(base, { observationEnd: '2025-06-01' }));

const purchases = new Map(); // customerId -> purchases
const ledgers = new Map(); // customerId -> ledger entries
let nextId = 1;

/** The customer's state at `at`: balance, tier and score. */
function standing(customerId, at) {
  const mine = purchases.get(customerId) ?? [];
  const ledger = ledgers.get(customerId) ?? [];
  const balance = pointsBalance(ledger, { at, validityDays: PROGRAMME.validityDays }).balance;
  const tier = tierHistory(mine, { ...PROGRAMME.tiers, at })[0];
  const summary = mine.length === 0 ? null : rfmSummary(mine, { observationEnd: at })[0];
  const score = summary === null ? null : loyaltyScore(summary, reference);
  return {
    customerId,
    balance,
    tier: tier?.tier ?? null,
    nextTier: tier?.next ?? null,
    loyaltyScore: score === null ? null : Math.round(score.score),
    scoreComponents:
      score?.components.map((c) => ({ name: c.name, points: Number(c.points.toFixed(1)) })) ?? [],
  };
}

/** POST /checkout: credits the order's points (and its redemption) and answers with the new standing. */
function checkout(order) {
  if (
    typeof order !== 'object' ||
    order === null ||
    typeof order.customerId !== 'string' ||
    order.customerId === ''
  ) {
    return { status: 400, body: { code: 'INVALID_ARGUMENT', message: 'the order needs a customerId' } };
  }
  const at = order.at === undefined ? Date.now() : Date.parse(order.at);
  const mine = purchases.get(order.customerId) ?? [];
  const ledger = ledgers.get(order.customerId) ?? [];
  const tierBefore = tierHistory(mine, { ...PROGRAMME.tiers, at })[0]?.tier ?? null;
  const earned = pointsForPurchase({ amount: order.amount, tier: tierBefore }, PROGRAMME.earn);
  const entries = [];
  if (order.redeem !== undefined) {
    entries.push({
      id: `l${nextId++}`,
      customerId: order.customerId,
      at,
      kind: 'redeem',
      points: order.redeem,
    });
  }
  entries.push({ id: `l${nextId++}`, customerId: order.customerId, at, kind: 'earn', points: earned.points });
  // strict replay first: a redemption above the balance throws INSUFFICIENT_POINTS and nothing is stored
  pointsBalance([...ledger, ...entries], { at, validityDays: PROGRAMME.validityDays });
  ledgers.set(order.customerId, [...ledger, ...entries]);
  purchases.set(order.customerId, [...mine, { customerId: order.customerId, at, amount: order.amount }]);
  return { status: 200, body: { earned: earned.points, ...standing(order.customerId, at) } };
}

function respond(response, status, body) {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

export function createLoyaltyServer() {
  return createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const fail = (error) => {
      if (isPatronageError(error)) respond(response, 400, { code: error.code, message: error.message });
      else respond(response, 500, { code: 'INTERNAL', message: 'unexpected failure' });
    };
    if (request.method === 'POST' && url.pathname === '/checkout') {
      let text = '';
      request.setEncoding('utf8');
      request.on('data', (chunk) => {
        text += chunk;
      });
      request.on('end', () => {
        let order;
        try {
          order = JSON.parse(text);
        } catch {
          respond(response, 400, { code: 'INVALID_JSON', message: 'the body must be JSON' });
          return;
        }
        try {
          const { status, body } = checkout(order);
          respond(response, status, body);
        } catch (error) {
          fail(error);
        }
      });
      return;
    }
    const match = /^\/customers\/([^/]+)$/.exec(url.pathname);
    if (request.method === 'GET' && match) {
      try {
        respond(response, 200, standing(decodeURIComponent(match[1]), Date.now()));
      } catch (error) {
        fail(error);
      }
      return;
    }
    respond(response, 404, { code: 'NOT_FOUND', message: 'POST /checkout or GET /customers/:id' });
  });
}

if (process.argv.includes('--self-test')) {
  const server = createLoyaltyServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const post = async (order) => {
    const response = await fetch(`${origin}/checkout`, { method: 'POST', body: JSON.stringify(order) });
    return { status: response.status, body: await response.json() };
  };
  const orders = [
    { customerId: 'ann', at: '2025-01-05T11:00:00Z', amount: 120 },
    { customerId: 'ann', at: '2025-03-02T09:00:00Z', amount: 420.5 },
    { customerId: 'ann', at: '2025-04-10T09:00:00Z', amount: 80, redeem: 300 },
    { customerId: 'ann', at: '2025-05-01T15:00:00Z', amount: 1000 },
  ];
  let last;
  let earned = 0;
  for (const order of orders) {
    last = await post(order);
    earned += last.body.earned;
    assert.equal(last.status, 200, JSON.stringify(last.body));
    console.log(`POST /checkout ${JSON.stringify(order)}\n  -> ${JSON.stringify(last.body)}`);
  }
  assert.equal(last.body.tier, 'gold'); // 1620.5 spent in the window: gold from this order on
  assert.equal(last.body.balance, earned - 300); // everything earned, less the redemption; nothing expired yet
  const refused = await post({ customerId: 'ann', at: '2025-05-02T10:00:00Z', amount: 10, redeem: 100_000 });
  assert.equal(refused.status, 400);
  assert.equal(refused.body.code, 'INSUFFICIENT_POINTS');
  console.log(`POST /checkout redeeming 100000 points -> ${refused.status} ${refused.body.code}`);
  const bad = await post({ customerId: 'bo', amount: -5 });
  assert.equal(bad.status, 400);
  console.log(`POST /checkout with amount -5 -> ${bad.status} ${bad.body.code}`);
  const info = await fetch(`${origin}/customers/ann`).then((response) => response.json());
  assert.equal(info.customerId, 'ann');
  server.close();
  console.log('http service self-test passed');
} else {
  const port = Number(process.env.PORT ?? 8080);
  createLoyaltyServer().listen(port, '127.0.0.1', () =>
    console.log(`loyalty service on http://127.0.0.1:${port}`),
  );
}
