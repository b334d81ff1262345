// An HTTP loyalty service: POST /checkout with an order, get back the points it earned, the customer's
// balance, tier and loyalty score. GET /customers/:id answers the same without an order; GET /healthz says
// the service is up.
//   node examples/http-service.mjs              serve on http://127.0.0.1:8080 (PORT to change)
//   node examples/http-service.mjs --self-test  start on a free port, send good and bad requests, check, stop
//   node examples/http-load-test.mjs            the load test CI runs: good and hostile requests at once
// Every bad request gets a 4xx with a JSON body { error: { code, message } }: 400 with patronage's error
// code for an order it refuses (or one of the service's own codes below), 404, 405, 408, 413, 415, 431. An
// order is checked in full before anything is stored. Only a failure of the service itself is a 500, with
// a generic body; its details go to the log.
// The store is in memory; in production the ledger and purchases come from your database and the
// loyalty reference from the nightly job (loyaltyReference over every customer's RFM summary).
import assert from 'node:assert/strict';
import { realpathSync } from 'node:fs';
import { createServer, request as httpRequest, STATUS_CODES } from 'node:http';
import { pathToFileURL } from 'node:url';
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

/** What the service accepts. An order is about 100 bytes; the timeouts cut clients that send slowly. */
export const LIMITS = {
  bodyBytes: 16 * 1024,
  customerIdLength: 128,
  headersTimeoutMs: 5_000, // the request line and headers must arrive within this
  requestTimeoutMs: 10_000, // the whole request, body included, must arrive within this
  lingerMs: 1_000, // how long a refused body's connection stays open for the client to read the answer
};
const ORDER_FIELDS = ['customerId', 'amount', 'at', 'redeem'];

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

/** A refusal of the service's own (bad path, method, body or field), answered as it says. */
class RequestError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** The customer's state at `at` from their purchases and ledger: balance, tier and score. */
function standing(customerId, mine, ledger, at) {
  // strict replay: an overdraft, a duplicate or a bad entry throws
  const balance = pointsBalance(ledger, { at, validityDays: PROGRAMME.validityDays }).balance;
  const tier = tierHistory(mine, { ...PROGRAMME.tiers, at })[0];
  const summary = mine.length === 0 ? undefined : rfmSummary(mine, { observationEnd: at })[0];
  const score = summary === undefined ? null : loyaltyScore(summary, reference);
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

function invalidOrder(message) {
  return new RequestError(400, 'INVALID_ORDER', message);
}

/** A customer id: 1 to 128 characters of well-formed Unicode (a lone surrogate has no URL to GET it by). */
function checkCustomerId(customerId) {
  if (
    typeof customerId !== 'string' ||
    customerId === '' ||
    customerId.length > LIMITS.customerIdLength ||
    !customerId.isWellFormed()
  ) {
    throw new RequestError(
      400,
      'INVALID_CUSTOMER_ID',
      `the customer id must be 1 to ${LIMITS.customerIdLength} characters of well-formed Unicode`,
    );
  }
  return customerId;
}

/** The order's shape: the fields the service knows, of the right types. patronage checks the values. */
function readOrder(order, now) {
  if (typeof order !== 'object' || order === null || Array.isArray(order)) {
    throw invalidOrder('the body must be a JSON object: { customerId, amount, at?, redeem? }');
  }
  const unknown = Object.keys(order).find((key) => !ORDER_FIELDS.includes(key));
  if (unknown !== undefined) {
    throw invalidOrder(`unknown field ${JSON.stringify(unknown)}; the fields are ${ORDER_FIELDS.join(', ')}`);
  }
  const customerId = checkCustomerId(order.customerId);
  if (typeof order.amount !== 'number') throw invalidOrder('amount must be a number');
  if (order.redeem !== undefined && typeof order.redeem !== 'number') {
    throw invalidOrder('redeem must be a number of points');
  }
  let at = now;
  if (order.at !== undefined) {
    at = typeof order.at === 'string' ? Date.parse(order.at) : Number.NaN;
    if (!Number.isFinite(at)) throw invalidOrder('at must be an ISO 8601 date and time');
    // a future order would leave GET /customers/:id (which answers as of now) unable to place it
    if (at > now) throw invalidOrder('at must not be in the future');
  }
  return { customerId, amount: order.amount, at, redeem: order.redeem };
}

/** The in-memory store and the two operations on it. */
function createStore() {
  const purchases = new Map(); // customerId -> purchases
  const ledgers = new Map(); // customerId -> ledger entries
  let nextId = 1;
  return {
    standing(customerId, at) {
      return standing(customerId, purchases.get(customerId) ?? [], ledgers.get(customerId) ?? [], at);
    },
    /** Credits the order's points (and its redemption) and answers with the new standing. */
    checkout(body) {
      const now = Date.now();
      const order = readOrder(body, now);
      const mine = purchases.get(order.customerId) ?? [];
      const ledger = ledgers.get(order.customerId) ?? [];
      const tierBefore = tierHistory(mine, { ...PROGRAMME.tiers, at: order.at })[0]?.tier ?? null;
      const earned = pointsForPurchase({ amount: order.amount, tier: tierBefore }, PROGRAMME.earn);
      const entries = [];
      const entry = (kind, points) => ({
        id: `l${nextId + entries.length}`,
        customerId: order.customerId,
        at: order.at,
        kind,
        points,
      });
      if (order.redeem !== undefined) entries.push(entry('redeem', order.redeem));
      // a small or free order earns nothing: it is still a purchase, but the ledger holds no empty entry
      if (earned.points > 0) entries.push(entry('earn', earned.points));
      const nextPurchases = [...mine, { customerId: order.customerId, at: order.at, amount: order.amount }];
      const nextLedger = [...ledger, ...entries];
      // the whole answer, and the one GET /customers/:id would give, are computed before anything is
      // stored: whatever patronage refuses (an amount with a fraction of a cent, an overdraft, ...) throws
      // here and leaves the customer as they were
      const answer = {
        earned: earned.points,
        ...standing(order.customerId, nextPurchases, nextLedger, order.at),
      };
      standing(order.customerId, nextPurchases, nextLedger, now);
      purchases.set(order.customerId, nextPurchases);
      ledgers.set(order.customerId, nextLedger);
      nextId += entries.length;
      return answer;
    },
  };
}

function respond(response, status, body, headers = {}) {
  if (response.headersSent || response.destroyed) return;
  const text = JSON.stringify(body);
  response
    .writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      ...headers,
    })
    .end(text);
}

/** The answer to a failure: the client's fault is a 4xx with its code, anything else a logged 500. */
function fail(response, error, log) {
  if (error instanceof RequestError) {
    respond(response, error.status, { error: { code: error.code, message: error.message } });
  } else if (isPatronageError(error)) {
    respond(response, 400, { error: { code: error.code, message: error.message } });
  } else {
    log(error);
    respond(response, 500, { error: { code: 'INTERNAL', message: 'unexpected failure' } });
  }
}

/** Whether a body follows the headers (a request without one is complete once its headers are in). */
const hasBody = (request) =>
  request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;

/**
 * Refuses a request. If its body is still coming, the answer goes out at once with `connection: close`; the
 * rest of the body is read and dropped while the whole stays under LIMITS.bodyBytes (`bodyBytes` of it are
 * known: read or announced) and not read at all past that. The connection closes when the body ends or
 * LIMITS.lingerMs after the answer: closing it at once, with the client's bytes unread, would reset it
 * before the client reads the answer (nginx's lingering close does the same).
 */
function refuse(request, response, status, code, message, { headers = {}, bodyBytes = 0 } = {}) {
  const body = { error: { code, message } };
  if (!hasBody(request) || request.complete) {
    respond(response, status, body, headers);
    return;
  }
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    connection: 'close',
    ...headers,
  });
  response.write(text); // the whole answer, which the client can read now; end() closes the connection
  const close = () => {
    clearTimeout(timer);
    response.end();
  };
  const timer = setTimeout(close, LIMITS.lingerMs);
  response.once('close', () => clearTimeout(timer));
  request.once('end', close);
  let dropped = bodyBytes;
  if (dropped > LIMITS.bodyBytes) {
    request.pause();
    return;
  }
  request.on('data', (chunk) => {
    dropped += chunk.length;
    if (dropped > LIMITS.bodyBytes) request.pause();
  });
}

/** The JSON body, read up to LIMITS.bodyBytes: past that (announced or counted), a 413 at once. */
function readJson(request, response, then) {
  const tooLarge = (bodyBytes) => {
    const message = `the body must be at most ${LIMITS.bodyBytes} bytes`;
    refuse(request, response, 413, 'PAYLOAD_TOO_LARGE', message, { bodyBytes });
  };
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > LIMITS.bodyBytes) {
    tooLarge(declared);
    return;
  }
  const chunks = [];
  let received = 0;
  const onData = (chunk) => {
    received += chunk.length;
    if (received > LIMITS.bodyBytes) {
      request.off('data', onData);
      request.pause();
      chunks.length = 0;
      tooLarge(received);
      return;
    }
    chunks.push(chunk);
  };
  request.on('data', onData);
  request.on('end', () => {
    if (response.headersSent) return;
    let value;
    try {
      value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)));
    } catch {
      respond(response, 400, { error: { code: 'INVALID_JSON', message: 'the body must be JSON in UTF-8' } });
      return;
    }
    then(value);
  });
}

const JSON_MEDIA_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

function handle(store, request, response, log) {
  // a request target such as '//' or 'http://[' is no URL: new URL throws
  let url;
  try {
    url = new URL(request.url ?? '', 'http://localhost');
  } catch {
    refuse(request, response, 400, 'INVALID_URL', 'the request target is not a valid URL');
    return;
  }
  const reading = request.method === 'GET' || request.method === 'HEAD';
  if (url.pathname === '/checkout') {
    if (request.method !== 'POST') {
      refuse(request, response, 405, 'METHOD_NOT_ALLOWED', 'use POST /checkout', {
        headers: { allow: 'POST' },
      });
      return;
    }
    if (!JSON_MEDIA_TYPE.test(request.headers['content-type'] ?? '')) {
      refuse(request, response, 415, 'UNSUPPORTED_MEDIA_TYPE', 'the body must be application/json');
      return;
    }
    readJson(request, response, (order) => {
      try {
        respond(response, 200, store.checkout(order));
      } catch (error) {
        fail(response, error, log);
      }
    });
    return;
  }
  const customer = /^\/customers\/([^/]+)$/.exec(url.pathname);
  if (customer !== null || url.pathname === '/healthz') {
    if (!reading) {
      refuse(request, response, 405, 'METHOD_NOT_ALLOWED', `use GET ${url.pathname}`, {
        headers: { allow: 'GET, HEAD' },
      });
      return;
    }
    if (customer === null) {
      respond(response, 200, { status: 'up' });
      return;
    }
    let customerId;
    try {
      customerId = decodeURIComponent(customer[1]);
    } catch {
      refuse(request, response, 400, 'INVALID_URL', 'the customer id is not valid percent-encoded UTF-8');
      return;
    }
    respond(response, 200, store.standing(checkCustomerId(customerId), Date.now()));
    return;
  }
  refuse(request, response, 404, 'NOT_FOUND', 'POST /checkout, GET /customers/:id or GET /healthz');
}

/** The reply to a request Node's parser refused (bad syntax, headers too large, too slow). */
function clientError(error, socket, inFlight) {
  const response = inFlight.get(socket);
  const [status, code] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'HEADERS_TOO_LARGE']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'REQUEST_TIMEOUT']
        : [400, 'BAD_REQUEST'];
  // nothing can be written once an answer has started, or when the peer has gone
  if (!socket.writable || response?.headersSent || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const body = JSON.stringify({
    error: { code, message: `the request was refused: ${STATUS_CODES[status]}` },
  });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    () => socket.destroy(),
  );
}

/** The service: a node:http server with its own in-memory store. `log` receives unexpected errors. */
export function createLoyaltyServer({ log = (error) => console.error('loyalty service:', error) } = {}) {
  const store = createStore();
  const inFlight = new WeakMap(); // socket -> the response being written on it
  const server = createServer(
    {
      headersTimeout: LIMITS.headersTimeoutMs,
      requestTimeout: LIMITS.requestTimeoutMs,
      connectionsCheckingInterval: 500, // how often the two timeouts are checked (Node's default is 30 s)
    },
    (request, response) => {
      inFlight.set(request.socket, response);
      response.once('close', () => {
        if (inFlight.get(request.socket) === response) inFlight.delete(request.socket);
      });
      request.on('error', () => {}); // a client that goes away mid-body is no failure of the service
      try {
        handle(store, request, response, log);
      } catch (error) {
        fail(response, error, log);
      }
    },
  );
  server.on('clientError', (error, socket) => clientError(error, socket, inFlight));
  return server;
}

/** One request with node:http (fetch cannot send a target such as '//'): status, headers and JSON body. */
function send(origin, { method = 'GET', path = '/', headers = {}, body, chunked = false } = {}) {
  return new Promise((resolve, reject) => {
    const request = httpRequest(origin, { method, path, headers });
    request.setTimeout(5_000, () => request.destroy(new Error(`${method} ${path}: no answer within 5 s`)));
    request.on('response', (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: response.statusCode,
          headers: response.headers,
          body: text === '' ? null : JSON.parse(text),
        });
      });
    });
    request.on('error', reject);
    if (chunked) {
      // no content-length: the server must count the bytes as they come
      for (let i = 0; i < body.length; i += 1024) request.write(body.slice(i, i + 1024));
      request.end();
    } else {
      request.end(body);
    }
  });
}

async function selfTest() {
  const logged = [];
  const server = createLoyaltyServer({ log: (error) => logged.push(error) });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const json = { 'content-type': 'application/json' };
  const post = (order) =>
    send(origin, { method: 'POST', path: '/checkout', headers: json, body: JSON.stringify(order) });
  const expectError = (answer, status, code, what) => {
    assert.equal(answer.status, status, `${what}: ${JSON.stringify(answer.body)}`);
    assert.equal(answer.headers['content-type'], 'application/json', what);
    assert.equal(typeof answer.body?.error?.message, 'string', `${what}: ${JSON.stringify(answer.body)}`);
    if (code !== undefined) assert.equal(answer.body.error.code, code, what);
    console.log(`${what} -> ${answer.status} ${answer.body.error.code}`);
  };

  // the happy path: four orders for ann, gold at the fourth
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
    assert.equal(last.status, 200, JSON.stringify(last.body));
    earned += last.body.earned;
    console.log(`POST /checkout ${JSON.stringify(order)}\n  -> ${JSON.stringify(last.body)}`);
  }
  assert.equal(last.body.tier, 'gold'); // 1620.5 spent in the window: gold from this order on
  assert.equal(last.body.balance, earned - 300); // everything earned, less the redemption; nothing expired yet
  const charset = await send(origin, {
    method: 'POST',
    path: '/checkout',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ customerId: 'cy', amount: 12 }),
  });
  assert.equal(charset.status, 200, JSON.stringify(charset.body));

  // orders patronage refuses: a 400 with its code, and nothing stored
  const refused = await post({ customerId: 'ann', at: '2025-05-02T10:00:00Z', amount: 10, redeem: 100_000 });
  expectError(refused, 400, 'INSUFFICIENT_POINTS', 'POST /checkout redeeming 100000 points');
  expectError(
    await post({ customerId: 'bo', amount: -5 }),
    400,
    'OUT_OF_RANGE',
    'POST /checkout with amount -5',
  );
  expectError(
    await post({ customerId: 'dee', amount: 19.999 }),
    400,
    'INVALID_FIELD',
    'POST /checkout 19.999',
  );
  const dee = await send(origin, { path: '/customers/dee' });
  assert.equal(dee.status, 200, `a refused order left the customer unreadable: ${JSON.stringify(dee.body)}`);
  assert.equal(dee.body.balance, 0);
  assert.equal(dee.body.tier, null); // no purchase stored
  const deeNext = await post({ customerId: 'dee', amount: 20 });
  assert.equal(deeNext.status, 200, `a refused order blocked the next one: ${JSON.stringify(deeNext.body)}`);
  assert.equal(deeNext.body.balance, 20);
  const annAfter = await post({ customerId: 'ann', at: '2025-05-02T11:00:00Z', amount: 10 });
  assert.equal(annAfter.body.balance, last.body.balance + 15); // the refused redemption took nothing

  // an order that earns nothing is a valid order
  for (const amount of [0.5, 0]) {
    const small = await post({ customerId: 'eve', amount });
    assert.equal(small.status, 200, `amount ${amount}: ${JSON.stringify(small.body)}`);
    assert.equal(small.body.earned, 0);
    console.log(`POST /checkout with amount ${amount} -> ${small.status}, earned ${small.body.earned}`);
  }

  // bad orders the service refuses itself
  expectError(
    await post({ customerId: 'bo', amount: 5, redem: 1 }),
    400,
    'INVALID_ORDER',
    'a misspelled field',
  );
  expectError(await post({ customerId: 'bo', amount: '5' }), 400, 'INVALID_ORDER', 'amount "5"');
  expectError(await post({ amount: 5 }), 400, 'INVALID_CUSTOMER_ID', 'no customerId');
  const loneSurrogate = await post({ customerId: '\ud800', amount: 5 });
  expectError(loneSurrogate, 400, 'INVALID_CUSTOMER_ID', 'a lone surrogate as customerId');
  expectError(await post([1, 2]), 400, 'INVALID_ORDER', 'an array');
  const future = new Date(Date.now() + 7 * DAY).toISOString();
  expectError(
    await post({ customerId: 'bo', amount: 5, at: future }),
    400,
    'INVALID_ORDER',
    'an order next week',
  );
  expectError(await post({ customerId: 'bo', amount: 5, at: 'soon' }), 400, 'INVALID_ORDER', 'at "soon"');
  const checkout = { method: 'POST', path: '/checkout', headers: json };
  expectError(await send(origin, { ...checkout, body: '{"customerId": ' }), 400, 'INVALID_JSON', 'cut JSON');
  const latin1 = Buffer.from('{"customerId":"\xe9","amount":1}', 'latin1');
  expectError(await send(origin, { ...checkout, body: latin1 }), 400, 'INVALID_JSON', 'a body in Latin-1');

  // requests that are wrong before the order is read
  for (const path of ['//', 'http://[']) {
    expectError(await send(origin, { path }), 400, 'INVALID_URL', `GET ${path}`);
  }
  const badEncoding = await send(origin, { path: '/customers/%E0%A4%A' });
  expectError(badEncoding, 400, 'INVALID_URL', 'GET /customers/%E0%A4%A');
  const order = JSON.stringify({ customerId: 'bo', amount: 5 });
  expectError(
    await send(origin, { method: 'POST', path: '/checkout', body: order }),
    415,
    undefined,
    'no type',
  );
  const asText = {
    method: 'POST',
    path: '/checkout',
    headers: { 'content-type': 'text/plain' },
    body: order,
  };
  expectError(await send(origin, asText), 415, 'UNSUPPORTED_MEDIA_TYPE', 'POST /checkout as text/plain');
  expectError(await send(origin, { path: '/nowhere' }), 404, 'NOT_FOUND', 'GET /nowhere');
  const wrongMethod = await send(origin, { path: '/checkout' });
  expectError(wrongMethod, 405, 'METHOD_NOT_ALLOWED', 'GET /checkout');
  assert.equal(wrongMethod.headers.allow, 'POST');
  expectError(await send(origin, { method: 'DELETE', path: '/customers/ann' }), 405, undefined, 'DELETE');
  const tooLong = `/customers/${'x'.repeat(LIMITS.customerIdLength + 1)}`;
  expectError(await send(origin, { path: tooLong }), 400, 'INVALID_CUSTOMER_ID', 'a 129-character id');

  // bodies past the limit: 413 from the declared length before any byte of it, or as the count passes it
  const declared = await new Promise((resolve, reject) => {
    const request = httpRequest(`${origin}/checkout`, {
      method: 'POST',
      headers: { ...json, 'content-length': String(600 * 1024 * 1024) },
    });
    request.setTimeout(5_000, () => request.destroy(new Error('600 MB announced: no answer within 5 s')));
    request.on('response', (response) => {
      response.resume();
      resolve(response.statusCode);
      request.destroy();
    });
    request.on('error', reject);
    request.flushHeaders(); // the headers only: 600 MB announced, none sent
  });
  assert.equal(declared, 413);
  console.log(`POST /checkout announcing 600 MB -> ${declared} before the body`);
  const big = `{"customerId":"${'x'.repeat(100_000)}"}`;
  expectError(
    await send(origin, { ...checkout, body: big }),
    413,
    'PAYLOAD_TOO_LARGE',
    'POST /checkout 100 kB',
  );
  const streamed = await send(origin, { ...checkout, body: big, chunked: true });
  expectError(streamed, 413, 'PAYLOAD_TOO_LARGE', 'POST /checkout 100 kB chunked, no length');

  const health = await send(origin, { path: '/healthz' });
  assert.equal(health.status, 200);
  assert.deepEqual(logged, []); // no request above was a failure of the service
  server.close();
  console.log('http service self-test passed');
}

const main =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (main && process.argv.includes('--self-test')) {
  await selfTest();
} else if (main) {
  const port = Number(process.env.PORT ?? 8080);
  createLoyaltyServer().listen(port, '127.0.0.1', () =>
    console.log(`loyalty service on http://127.0.0.1:${port}`),
  );
}
