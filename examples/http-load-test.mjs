// The load test of examples/http-service.mjs, run by CI: the service in a child process on 127.0.0.1, first a
// check of each hostile request the service once failed on, then 2,000 requests at concurrency 50 of which
// a fifth are hostile (bad targets, bad percent-encoding, wrong methods and types, bodies too large or too
// slow, random bytes, deep JSON, huge numbers, odd ids), then a last health request. It asserts that the
// service stays up, that every request gets the expected status class (2xx for a good one, 4xx for a
// hostile one, never a 5xx) and that its memory stays flat (after a forced collection: heapUsed plus
// arrayBuffers grow by less than 50 MB, rss by less than 150 MB), and prints requests, statuses by class,
// latencies and memory. It stops itself within 60 s.
//   node examples/http-load-test.mjs                        the run CI does
//   node examples/http-load-test.mjs --service other.mjs    the same against another copy of the service
//   LOAD_REQUESTS, LOAD_CONCURRENCY, LOAD_SEED               change the run (defaults 2000, 50, 15)
import { fork } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REQUESTS = Number(process.env.LOAD_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.LOAD_CONCURRENCY ?? 50);
const SEED = Number(process.env.LOAD_SEED ?? 15);
const HOSTILE_SHARE = 0.2;
const SLOW_REQUESTS = 12; // of the hostile ones: bodies or headers sent a byte at a time
const HEAP_GROWTH_LIMIT = 50 * 1024 * 1024; // heapUsed plus arrayBuffers (request bodies are Buffers)
const RSS_GROWTH_LIMIT = 150 * 1024 * 1024;
const RUN_LIMIT_MS = 60_000;
const CLIENT_TIMEOUT_MS = 20_000; // no request may hang the run; the service's own timeouts are shorter
const MB = 1024 * 1024;

/** The service in a child process (--expose-gc, so that its memory is measured after a full collection). */
function startService(servicePath) {
  // PORT=0: an older copy of the service also listens on its own when imported
  const child = fork(fileURLToPath(import.meta.url), ['--serve', servicePath], {
    execArgv: ['--expose-gc'],
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  const service = { child, alive: true, stderr: '', port: 0 };
  child.stderr.on('data', (chunk) => {
    service.stderr = (service.stderr + chunk).slice(-4000);
  });
  child.on('exit', (code, signal) => {
    service.alive = false;
    service.exit = signal ?? code;
  });
  service.ready = new Promise((ready, failed) => {
    child.once('message', (message) => {
      service.port = message.port;
      ready(service);
    });
    child.once('exit', () => failed(new Error(`the service exited before listening:\n${service.stderr}`)));
  });
  service.memory = () =>
    new Promise((answered, failed) => {
      if (!service.alive) {
        failed(new Error('the service is down'));
        return;
      }
      child.once('message', answered);
      child.send('memory');
    });
  service.stop = () => {
    if (service.alive) child.kill();
  };
  return service;
}

let agent;
let port;

/** One request through node:http: its status (null if none came), error code, JSON body and time. */
function exchange({
  method = 'GET',
  path = '/',
  headers = {},
  body,
  streamBytes,
  announceOnly = false,
  timeoutMs = CLIENT_TIMEOUT_MS,
}) {
  return new Promise((done) => {
    const started = performance.now();
    let settled = false;
    const result = { status: null, error: null, body: null, ms: 0, sentBytes: 0 };
    const finish = () => {
      if (settled) return;
      settled = true;
      result.ms = performance.now() - started;
      done(result);
    };
    const request = httpRequest({ host: '127.0.0.1', port, method, path, headers, agent });
    request.setTimeout(timeoutMs, () => request.destroy(new Error('client timeout')));
    request.on('response', (response) => {
      result.status = response.statusCode;
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => {
        try {
          result.body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          result.body = Buffer.concat(chunks).toString('utf8');
        }
        if (streamBytes !== undefined || announceOnly) request.destroy();
        finish();
      });
      response.on('error', () => finish());
    });
    request.on('error', (error) => {
      result.error ??= error.message === 'client timeout' ? 'client timeout' : (error.code ?? error.message);
      // a reply that was under way when the connection closed still counts
      if (result.status === null) finish();
    });
    request.on('close', finish);
    if (announceOnly) request.flushHeaders();
    else if (streamBytes !== undefined) pump(request, streamBytes, result).catch(() => {});
    else request.end(body);
  });
}

/** Writes `total` bytes of a never-ending JSON string as fast as the connection takes them. */
async function pump(request, total, result) {
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  request.write('{"customerId":"');
  while (result.sentBytes < total && !request.destroyed && result.status === null) {
    const more = request.write(chunk);
    result.sentBytes += chunk.length;
    if (!more) {
      await new Promise((writable) => {
        const go = () => {
          request.off('drain', go).off('close', go);
          writable();
        };
        request.on('drain', go).on('close', go);
      });
    }
  }
  if (!request.destroyed) request.end('"}');
}

/** One connection of raw bytes: `write` sends them (slowly if it likes); the reply is read to the end. */
function rawExchange(write) {
  return new Promise((done) => {
    const started = performance.now();
    const socket = connect(port, '127.0.0.1');
    const chunks = [];
    const result = { status: null, error: null, body: null, ms: 0 };
    socket.setTimeout(CLIENT_TIMEOUT_MS, () => socket.destroy(new Error('client timeout')));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', (error) => {
      result.error ??= error.message === 'client timeout' ? 'client timeout' : (error.code ?? error.message);
    });
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3}) /.exec(text);
      result.status = status === null ? null : Number(status[1]);
      const bodyAt = text.indexOf('\r\n\r\n');
      try {
        result.body = JSON.parse(text.slice(bodyAt + 4));
      } catch {
        result.body = text.slice(bodyAt + 4);
      }
      result.ms = performance.now() - started;
      done(result);
    });
    socket.on('connect', () => write(socket).catch(() => {}));
  });
}

const sleep = (ms) => new Promise((wake) => setTimeout(wake, ms));

/** Sends `bytes` one at a time, `gapMs` apart, until done or the server hangs up. */
async function drip(socket, bytes, gapMs) {
  for (const byte of bytes) {
    if (socket.destroyed || !socket.writable) return;
    socket.write(byte);
    await sleep(gapMs);
  }
}

// --- requests: a seeded mix of good and hostile ones
function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const JSON_TYPE = { 'content-type': 'application/json' };
const UNICODE_IDS = ['zoë', 'zoe\u0308', '顧客-7', '🙂 smile', 'a/b', 'ﬁ', 'ΑΒΓ', 'x'.repeat(128)];
const postOrder = (order) => ({
  method: 'POST',
  path: '/checkout',
  headers: JSON_TYPE,
  body: JSON.stringify(order),
});
const postText = (text) => ({ method: 'POST', path: '/checkout', headers: JSON_TYPE, body: text });

function goodRequest(random) {
  const pick = random();
  const customerId =
    random() < 0.1
      ? UNICODE_IDS[Math.floor(random() * UNICODE_IDS.length)]
      : `u${Math.floor(random() * 300)}`;
  if (pick < 0.7) {
    const cents = random() < 0.05 ? Math.floor(random() * 100) : Math.floor(random() * 50_000);
    return { kind: 'good: checkout', expect: 2, request: postOrder({ customerId, amount: cents / 100 }) };
  }
  if (pick < 0.95) {
    return {
      kind: 'good: GET customer',
      expect: 2,
      request: { path: `/customers/${encodeURIComponent(customerId)}` },
    };
  }
  return { kind: 'good: GET /healthz', expect: 2, request: { path: '/healthz' } };
}

const deepArray = (depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const deepObject = (depth) => `{"customerId":"d","amount":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;

/** The hostile kinds: each expects a 4xx (the exact code is checked in the first phase). */
const HOSTILE = [
  ['target //', () => ({ path: '//' })],
  ['target http://[', () => ({ path: 'http://[' })],
  ['bad percent-encoding', () => ({ path: '/customers/%E0%A4%A' })],
  ['unknown path', () => ({ path: '/admin/../../etc/passwd' })],
  ['wrong method', () => ({ method: 'PUT', path: '/checkout', headers: JSON_TYPE, body: '{}' })],
  ['no content-type', () => ({ method: 'POST', path: '/checkout', body: '{"customerId":"n","amount":1}' })],
  [
    'text/plain',
    () => ({ method: 'POST', path: '/checkout', headers: { 'content-type': 'text/plain' }, body: 'hi' }),
  ],
  ['amount 19.999', (random) => postOrder({ customerId: `u${Math.floor(random() * 300)}`, amount: 19.999 })],
  ['amount -1', (random) => postOrder({ customerId: `u${Math.floor(random() * 300)}`, amount: -1 })],
  ['amount 1e308', (random) => postOrder({ customerId: `u${Math.floor(random() * 300)}`, amount: 1e308 })],
  ['amount 1e400 (Infinity)', () => postText('{"customerId":"u1","amount":1e400}')],
  ['amount 2^53 + 1', () => postText('{"customerId":"u2","amount":9007199254740993}')],
  [
    'redeem 1e300',
    (random) => postOrder({ customerId: `u${Math.floor(random() * 300)}`, amount: 5, redeem: 1e300 }),
  ],
  ['amount "5"', () => postOrder({ customerId: 'u3', amount: '5' })],
  ['unknown field', () => postOrder({ customerId: 'u4', amount: 5, redem: 10 })],
  ['__proto__ field', () => postText('{"customerId":"u5","amount":5,"__proto__":{"polluted":1}}')],
  ['id of 1,000 chars', () => postOrder({ customerId: 'x'.repeat(1000), amount: 5 })],
  ['lone surrogate id', () => postText('{"customerId":"\\ud800x","amount":1}')],
  ['lone surrogate in the path', () => ({ path: '/customers/%ED%A0%80' })],
  ['null body', () => postText('null')],
  ['cut JSON', () => postText('{"customerId":"u6","amount":')],
  ['deep array (5,000 levels)', () => postText(deepArray(5000))],
  ['deep object (2,000 levels)', () => postText(deepObject(2000))],
  [
    'random bytes body',
    (random) => ({
      method: 'POST',
      path: '/checkout',
      headers: JSON_TYPE,
      body: Buffer.from(Array.from({ length: 512 }, () => Math.floor(random() * 256))),
    }),
  ],
  [
    '600 MB announced',
    () => ({
      ...postText(''),
      headers: { ...JSON_TYPE, 'content-length': String(600 * MB) },
      announceOnly: true,
    }),
  ],
  ['1 MB streamed', () => ({ ...postText(''), streamBytes: MB })],
  ['100 MB streamed', () => ({ ...postText(''), streamBytes: 100 * MB })],
  ['header of 64 kB', () => ({ path: '/healthz', headers: { 'x-padding': 'p'.repeat(64 * 1024) } })],
];

/** Hostile requests on a raw connection: bytes no HTTP client would send, and slow ones. */
const RAW = {
  'random bytes request': (random) => async (socket) => {
    socket.end(Buffer.from(Array.from({ length: 256 }, () => Math.floor(random() * 256))));
  },
  'slow body (1 byte / 250 ms)': () => async (socket) => {
    socket.write(
      'POST /checkout HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 200\r\n\r\n',
    );
    await drip(socket, '{"customerId":"slow","amount":1}'.padEnd(200).split(''), 250);
  },
  'slow headers (1 byte / 250 ms)': () => async (socket) => {
    await drip(
      socket,
      `GET /healthz HTTP/1.1\r\nhost: x\r\nx-slow: ${'s'.repeat(200)}\r\n\r\n`.split(''),
      250,
    );
  },
};

function plan(random) {
  const jobs = [];
  let slow = 0;
  for (let i = 0; i < REQUESTS; i++) {
    if (random() >= HOSTILE_SHARE) {
      jobs.push(goodRequest(random));
      continue;
    }
    const which = random();
    if (which < 0.08 && slow < SLOW_REQUESTS) {
      const kind = slow % 2 === 0 ? 'slow body (1 byte / 250 ms)' : 'slow headers (1 byte / 250 ms)';
      slow++;
      jobs.push({ kind: `hostile: ${kind}`, expect: 4, raw: RAW[kind](random), slow: true });
    } else if (which < 0.12) {
      jobs.push({
        kind: 'hostile: random bytes request',
        expect: 4,
        raw: RAW['random bytes request'](random),
      });
    } else {
      const [kind, make] = HOSTILE[Math.floor(random() * HOSTILE.length)];
      jobs.push({ kind: `hostile: ${kind}`, expect: 4, request: make(random) });
    }
  }
  return jobs;
}

const run = (job) => (job.raw === undefined ? exchange(job.request) : rawExchange(job.raw));
const errorShaped = (body) =>
  typeof body?.error?.code === 'string' &&
  typeof body.error.message === 'string' &&
  Object.keys(body).length === 1;

// --- the first phase: one check per failure the service once had, each on a fresh service if one crashed;
// a check answers null (passed), { note } (passed, with a figure) or the failure
function regressionChecks() {
  const expectError = (result, status, code) => {
    if (result.status !== status) {
      return `status ${result.status ?? `none (${result.error})`}, expected ${status}: ${JSON.stringify(result.body)}`;
    }
    if (!errorShaped(result.body))
      return `body ${JSON.stringify(result.body)} is not { error: { code, message } }`;
    if (code !== undefined && result.body.error.code !== code)
      return `code ${result.body.error.code}, expected ${code}`;
    return null;
  };
  const allFailures = (...failures) =>
    failures.filter((failure) => failure !== null).join('\n       ') || null;
  return [
    [
      'GET // is a 400, not a crash',
      async () => expectError(await exchange({ path: '//' }), 400, 'INVALID_URL'),
    ],
    [
      'GET http://[ is a 400, not a crash',
      async () => expectError(await exchange({ path: 'http://[' }), 400, 'INVALID_URL'),
    ],
    [
      'a body announced as 600 MB is a 413 before any of it is sent',
      async () => {
        const result = await exchange({
          ...postText(''),
          headers: { ...JSON_TYPE, 'content-length': String(600 * MB) },
          announceOnly: true,
          timeoutMs: 3_000, // the answer needs no byte of the body: it comes at once or never
        });
        return expectError(result, 413, 'PAYLOAD_TOO_LARGE');
      },
    ],
    [
      'a 600 MB body without a length is a 413, is not read in full and does not crash',
      async () => {
        const result = await exchange({ ...postText(''), streamBytes: 600 * MB });
        const failure = expectError(result, 413, 'PAYLOAD_TOO_LARGE');
        if (failure !== null) return `${failure} (after ${(result.sentBytes / MB).toFixed(1)} MB sent)`;
        // what the client could push before the server hung up: the body limit plus the sockets' buffers
        const sent = `${(result.sentBytes / MB).toFixed(1)} MB`;
        return result.sentBytes < 16 * MB ? { note: `cut after ${sent} sent` } : `the server read ${sent}`;
      },
    ],
    [
      'an order of 19.999 is refused and stores nothing',
      async () => {
        const refused = await exchange(postOrder({ customerId: 'r19', amount: 19.999 }));
        const after = await exchange({ path: '/customers/r19' });
        const next = await exchange(postOrder({ customerId: 'r19', amount: 20 }));
        return allFailures(
          expectError(refused, 400, 'INVALID_FIELD'),
          after.status === 200
            ? null
            : `GET /customers/r19 afterwards: ${after.status} ${JSON.stringify(after.body)}`,
          next.status === 200 && next.body.balance === 20
            ? null
            : `the next order: ${next.status} ${JSON.stringify(next.body)}`,
        );
      },
    ],
    [
      'orders of 0.50 and 0 earn 0 points and are accepted',
      async () => {
        for (const amount of [0.5, 0]) {
          const result = await exchange(postOrder({ customerId: 'r0', amount }));
          if (result.status !== 200 || result.body.earned !== 0) {
            return `amount ${amount}: ${result.status} ${JSON.stringify(result.body)}`;
          }
        }
        return null;
      },
    ],
    [
      'GET /customers/%E0%A4%A is a 400, not a 500',
      async () => expectError(await exchange({ path: '/customers/%E0%A4%A' }), 400, 'INVALID_URL'),
    ],
    [
      'POST /checkout without content-type: application/json is a 415',
      async () => {
        const order = JSON.stringify({ customerId: 'r415', amount: 5 });
        return allFailures(
          expectError(
            await exchange({ method: 'POST', path: '/checkout', body: order }),
            415,
            'UNSUPPORTED_MEDIA_TYPE',
          ),
          expectError(
            await exchange({
              method: 'POST',
              path: '/checkout',
              headers: { 'content-type': 'text/plain' },
              body: order,
            }),
            415,
            'UNSUPPORTED_MEDIA_TYPE',
          ),
        );
      },
    ],
    [
      'every bad request is a 4xx with { error: { code, message } }',
      async () =>
        allFailures(
          expectError(await exchange({ path: '/nowhere' }), 404, 'NOT_FOUND'),
          expectError(await exchange({ path: '/checkout' }), 405, 'METHOD_NOT_ALLOWED'),
          expectError(await exchange(postText('{"customerId":')), 400, 'INVALID_JSON'),
          expectError(await exchange(postOrder({ customerId: 'r4', amount: -5 })), 400, 'OUT_OF_RANGE'),
          expectError(
            await exchange(postOrder({ customerId: 'r4', amount: 5, redem: 1 })),
            400,
            'INVALID_ORDER',
          ),
          expectError(
            await rawExchange(async (socket) => socket.end('NONSENSE\r\n\r\n')),
            400,
            'BAD_REQUEST',
          ),
          expectError(await exchange({ path: '/healthz', headers: { 'x-pad': 'p'.repeat(64 * 1024) } }), 431),
        ),
    ],
  ];
}

const quantile = (sorted, q) =>
  sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const megabytes = (bytes) => `${(bytes / MB).toFixed(1)} MB`;

async function main() {
  const args = process.argv.slice(2);
  const servicePath = args.includes('--service')
    ? args[args.indexOf('--service') + 1]
    : fileURLToPath(new URL('./http-service.mjs', import.meta.url));
  const began = performance.now();
  let service;
  const watchdog = setTimeout(() => {
    console.error(`load test: stopped after ${RUN_LIMIT_MS / 1000} s`);
    service?.stop();
    process.exit(1);
  }, RUN_LIMIT_MS);
  const problems = [];
  const fresh = async () => {
    agent?.destroy();
    agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    service?.stop();
    service = await startService(servicePath).ready;
    port = service.port;
  };
  try {
    await fresh();
    console.log(`load test of ${servicePath} on 127.0.0.1:${port}`);

    // phase 1: the regression checks
    for (const [name, check] of regressionChecks()) {
      if (!service.alive) await fresh();
      let failure = await check().catch((error) => `threw ${error.stack}`);
      const note = failure?.note === undefined ? '' : ` (${failure.note})`;
      if (note !== '') failure = null;
      await sleep(100); // a crash takes a moment to be seen
      if (!service.alive) {
        failure = `the service died (exit ${service.exit}): ${service.stderr.split('\n').find((line) => /Error/.test(line)) ?? ''}`;
      }
      console.log(
        `  ${failure === null ? 'ok  ' : 'FAIL'} ${name}${failure === null ? note : `\n       ${failure}`}`,
      );
      if (failure !== null) problems.push(`check failed: ${name}`);
    }

    // phase 2: the load, on a fresh service with a warmed-up baseline
    await fresh();
    const random = mulberry32(SEED);
    for (let i = 0; i < 200; i++) await run(goodRequest(random));
    const before = await service.memory();
    const jobs = plan(random);
    const results = new Array(jobs.length);
    const slowRuns = [];
    let next = 0;
    const loadBegan = performance.now();
    const worker = async () => {
      while (next < jobs.length && service.alive) {
        const index = next++;
        const job = jobs[index];
        // the slow ones do not hold a worker: they hang on their own, as an attacker's would
        const pending = run(job).then((result) => {
          results[index] = result;
        });
        if (job.slow) slowRuns.push(pending);
        else await pending;
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const fastSeconds = (performance.now() - loadBegan) / 1000;
    await Promise.all(slowRuns);
    const loadSeconds = (performance.now() - loadBegan) / 1000;
    const health = await exchange({ path: '/healthz' });
    const after = service.alive ? await service.memory() : null;

    // the figures
    const classes = { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, none: 0 };
    const byKind = new Map();
    const latencies = [];
    const slowTimes = [];
    let unexpected = 0;
    for (const [index, job] of jobs.entries()) {
      const result = results[index];
      if (result === undefined) continue; // never sent: the service had died
      const klass = result.status === null ? 'none' : `${Math.floor(result.status / 100)}xx`;
      classes[klass]++;
      (job.slow ? slowTimes : latencies).push(result.ms);
      const kind = byKind.get(job.kind) ?? { count: 0, statuses: new Map(), maxMs: 0 };
      kind.count++;
      kind.maxMs = Math.max(kind.maxMs, result.ms);
      const label = result.status ?? `none (${result.error})`;
      kind.statuses.set(label, (kind.statuses.get(label) ?? 0) + 1);
      byKind.set(job.kind, kind);
      const shaped = job.expect === 2 || errorShaped(result.body);
      if (Math.floor((result.status ?? 0) / 100) !== job.expect || !shaped) {
        if (unexpected++ < 10) {
          console.log(`  unexpected: ${job.kind} -> ${label} ${JSON.stringify(result.body)?.slice(0, 200)}`);
        }
      }
    }
    latencies.sort((x, y) => x - y);
    slowTimes.sort((x, y) => x - y);
    const sent = results.filter((result) => result !== undefined).length;
    console.log(
      `load: ${sent} of ${jobs.length} requests at concurrency ${CONCURRENCY}, seed ${SEED}, ` +
        `${jobs.filter((job) => job.expect === 4).length} hostile, in ${loadSeconds.toFixed(1)} s ` +
        `(${fastSeconds.toFixed(1)} s without waiting for the slow ones)`,
    );
    console.log(
      `  statuses: ${Object.entries(classes)
        .map(([klass, count]) => `${klass} ${count}`)
        .join(', ')}`,
    );
    console.log(
      `  latency: p50 ${quantile(latencies, 0.5).toFixed(1)} ms, p95 ${quantile(latencies, 0.95).toFixed(1)} ms, ` +
        `p99 ${quantile(latencies, 0.99).toFixed(1)} ms, max ${latencies.at(-1)?.toFixed(1)} ms`,
    );
    if (slowTimes.length > 0) {
      console.log(
        `  slow requests cut after ${(slowTimes[0] / 1000).toFixed(1)} to ${(slowTimes.at(-1) / 1000).toFixed(1)} s`,
      );
    }
    console.log(`    ${'kind'.padEnd(44)} ${'count'.padStart(5)} ${'max ms'.padStart(8)}  statuses`);
    for (const [kind, { count, statuses, maxMs }] of [...byKind].sort()) {
      const counts = [...statuses].map(([status, n]) => `${status}×${n}`).join(' ');
      console.log(
        `    ${kind.padEnd(44)} ${String(count).padStart(5)} ${maxMs.toFixed(0).padStart(8)}  ${counts}`,
      );
    }
    const heap = (usage) => usage.memory.heapUsed + usage.memory.arrayBuffers;
    if (after !== null) {
      console.log(
        `  memory of the service after a forced gc: heapUsed + arrayBuffers ${megabytes(heap(before))} -> ` +
          `${megabytes(heap(after))} (limit +${megabytes(HEAP_GROWTH_LIMIT)}), ` +
          `rss ${megabytes(before.memory.rss)} -> ${megabytes(after.memory.rss)} (limit +${megabytes(RSS_GROWTH_LIMIT)})`,
      );
    }

    if (!service.alive) problems.push(`the service died during the load (exit ${service.exit})`);
    if (health.status !== 200) problems.push(`the last health request got ${health.status ?? health.error}`);
    if (unexpected > 0) problems.push(`${unexpected} requests got an unexpected status or body`);
    if (classes['5xx'] > 0) problems.push(`${classes['5xx']} answers were 5xx`);
    if (after !== null && heap(after) - heap(before) >= HEAP_GROWTH_LIMIT) {
      problems.push(`the heap grew by ${megabytes(heap(after) - heap(before))}`);
    }
    if (after !== null && after.memory.rss - before.memory.rss >= RSS_GROWTH_LIMIT) {
      problems.push(`the rss grew by ${megabytes(after.memory.rss - before.memory.rss)}`);
    }
    if (after !== null && after.logged > 0)
      problems.push(`the service logged ${after.logged} unexpected errors`);
  } finally {
    clearTimeout(watchdog);
    agent?.destroy();
    service?.stop();
  }
  console.log(`load test finished in ${((performance.now() - began) / 1000).toFixed(1)} s`);
  if (problems.length > 0) {
    console.error(`load test FAILED:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log('load test passed');
}

// --- the child: serve the service and answer memory questions over IPC
if (process.argv[2] === '--serve') {
  const { createLoyaltyServer } = await import(pathToFileURL(resolve(process.argv[3])).href);
  let logged = 0;
  const server = createLoyaltyServer({
    log: (error) => {
      logged++;
      console.error('service log:', error);
    },
  });
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  process.on('message', (message) => {
    if (message === 'memory') {
      globalThis.gc();
      globalThis.gc();
      const { rss, heapUsed, arrayBuffers } = process.memoryUsage();
      process.send({ memory: { rss, heapUsed, arrayBuffers }, logged });
    }
  });
  process.on('disconnect', () => process.exit(0));
} else {
  await main();
}
