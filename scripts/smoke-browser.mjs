// Browser smoke test: headless Chromium loads a page whose module script imports the packed ESM build
// through an import map. Chromium is installed with apt when missing.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installPackedPackage } from './lib.mjs';

function chromiumPath() {
  const found = spawnSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], {
    encoding: 'utf8',
  });
  if (found.status === 0) return found.stdout.trim();
  console.log('chromium is missing: installing it with apt-get');
  execFileSync(
    'sh',
    ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null'],
    {
      stdio: 'inherit',
    },
  );
  return 'chromium';
}

const { consumer } = installPackedPackage();
const bundle = readFileSync(join(consumer, 'node_modules', 'patronage', 'dist', 'index.js'));
const charts = readFileSync(join(consumer, 'node_modules', 'patronage', 'dist', 'svg.js'));
const page = `<!doctype html>
<html><head><meta charset="utf-8"><title>patronage smoke</title>
<script type="importmap">{ "imports": { "patronage": "/patronage/index.js", "patronage/svg": "/patronage/svg.js" } }</script></head>
<body><pre id="result">pending</pre><div id="chart"></div>
<script type="module">
import { retentionRate, netPromoterScore, periodLabel, startOfPeriod, isPatronageError, vulnerabilityIndex, cohortRetention } from 'patronage';
import { cohortHeatmapSvg } from 'patronage/svg';
const cohorts = cohortRetention([
  { customerId: 'a', at: '2024-01-03', amount: 10 }, { customerId: 'a', at: '2024-02-03', amount: 10 },
  { customerId: 'b', at: '2024-01-09', amount: 5 }, { customerId: 'c', at: '2024-02-11', amount: 7 },
], { period: 'month' });
document.getElementById('chart').innerHTML = cohortHeatmapSvg(cohorts);
const drawn = document.querySelector('#chart svg');
let code = 'none';
try { vulnerabilityIndex({ observed: 0, vulnerable: 0 }); } catch (error) { code = isPatronageError(error) ? error.code : 'wrong'; }
const dayStart = new Date(startOfPeriod('2024-03-10T06:00:00Z', 'day', { timeZone: 'America/New_York' })).toISOString();
document.getElementById('result').textContent = [
  'retention=' + retentionRate({ customersAtStart: 20, customersAtEnd: 24, newCustomers: 5 }),
  'nps=' + netPromoterScore([10, 9, 9, 8, 7, 6, 3, 10]),
  'week=' + periodLabel('2024-12-30', 'week'),
  'nyDay=' + dayStart,
  'error=' + code,
  'chart=' + drawn.querySelectorAll('rect[fill^="#"]').length + ' ' + drawn.getBBox().width,
].join(' ');
</script></body></html>`;

const server = createServer((request, response) => {
  if (request.url === '/' || request.url === '/index.html') {
    response.writeHead(200, { 'content-type': 'text/html' }).end(page);
  } else if (request.url === '/patronage/index.js') {
    response.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
  } else if (request.url === '/patronage/svg.js') {
    response.writeHead(200, { 'content-type': 'text/javascript' }).end(charts);
  } else {
    response.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();
const browser = chromiumPath();
const flags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  `--user-data-dir=${mkdtempSync(join(tmpdir(), 'patronage-chromium-'))}`,
  '--virtual-time-budget=5000',
  '--dump-dom',
  `http://127.0.0.1:${port}/`,
];
const dom = await new Promise((resolve, reject) => {
  import('node:child_process').then(({ execFile }) =>
    execFile(browser, flags, { timeout: 60_000, maxBuffer: 10_000_000 }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    ),
  );
});
server.close();
const expected =
  'retention=0.95 nps=25 week=2025-W01 nyDay=2024-03-10T05:00:00.000Z error=EMPTY_OBSERVATION_SET chart=4 760';
if (!dom.includes(expected)) {
  console.error(dom);
  throw new Error(`browser smoke test: the page did not show "${expected}"`);
}
console.log(`browser smoke test passed in ${browser}: ${expected}`);
