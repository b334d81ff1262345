// Renders an HTML report (default: the demo's) to a PNG in headless Chromium, so CI shows what the charts
// look like in a browser (look at the PNG), and checks the browser parsed every chart.
//   node scripts/render-report.mjs [report.html] [out.png]
import { execFile } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const report = resolve(process.argv[2] ?? 'patronage-demo/report.html');
const png = resolve(process.argv[3] ?? report.replace(/\.html$/, '.png'));
const chromium = (args) =>
  new Promise((done, fail) =>
    execFile(
      'chromium',
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--hide-scrollbars',
        '--no-first-run',
        `--user-data-dir=${mkdtempSync(join(tmpdir(), 'patronage-chromium-'))}`,
        ...args,
        `file://${report}`,
      ],
      { timeout: 90_000, maxBuffer: 50_000_000 },
      (error, stdout) => (error ? fail(error) : done(stdout)),
    ),
  );
await chromium([`--screenshot=${png}`, '--window-size=1000,7000']);
// the page as the browser parsed it: every chart must have survived as an SVG element
const dom = await chromium(['--dump-dom']);
const charts = (dom.match(/<svg /g) ?? []).length;
const bytes = statSync(png).size;
if (charts < 7 || bytes < 50_000)
  throw new Error(`the report did not render: ${charts} charts, a ${bytes}-byte screenshot`);
console.log(`rendered ${charts} charts of ${report} to ${png} (${Math.round(bytes / 1024)} kB)`);
