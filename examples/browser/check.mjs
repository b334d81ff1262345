// Serves the repository root on 127.0.0.1 and opens examples/browser/index.html in headless Chromium,
// which imports the ESM build through the page's import map and draws three charts; checks they are there.
//   npm run build && node examples/browser/check.mjs          (prints the page's status line)
//   node examples/browser/check.mjs --serve                   (serve only: open the printed address)
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const server = createServer((request, response) => {
  const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
  const file = join(root, path === '/' ? 'examples/browser/index.html' : path);
  if (
    !file.startsWith(root) ||
    !['/dist/', '/examples/browser/'].some((prefix) => path.startsWith(prefix) || path === '/')
  ) {
    response.writeHead(404).end();
    return;
  }
  try {
    response
      .writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' })
      .end(readFileSync(file));
  } catch {
    response.writeHead(404).end();
  }
});
await new Promise((resolve) =>
  server.listen(process.argv.includes('--serve') ? 8081 : 0, '127.0.0.1', resolve),
);
const address = `http://127.0.0.1:${server.address().port}/`;
if (process.argv.includes('--serve')) {
  console.log(`open ${address}`);
} else {
  const dom = await new Promise((resolve, reject) =>
    execFile(
      'chromium',
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        `--user-data-dir=${mkdtempSync(join(tmpdir(), 'patronage-chromium-'))}`,
        '--virtual-time-budget=15000',
        '--dump-dom',
        address,
      ],
      { timeout: 90_000, maxBuffer: 50_000_000 },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    ),
  );
  server.close();
  const status = /<p id="status">([^<]*)<\/p>/.exec(dom)?.[1] ?? '';
  if (!status.startsWith('charts=3 ') || !status.includes('fitted=true')) {
    throw new Error(`the page did not draw its charts: status "${status}"`);
  }
  console.log(`browser example: ${status}`);
}
