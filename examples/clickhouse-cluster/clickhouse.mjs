// A few lines of ClickHouse over HTTP (fetch, no client library), shared by index.mjs and bench.mjs: run a
// statement on one server, read a query's rows as columns, load transactions through a Distributed table.

/** Runs `sql` on the server at `url` (http://127.0.0.1:port), with ClickHouse settings; the body as text. */
export async function run(url, sql, { body, settings = {}, timeoutMs = 600_000 } = {}) {
  const address = new URL(url);
  for (const [key, value] of Object.entries(settings)) address.searchParams.set(key, String(value));
  if (body !== undefined) address.searchParams.set('query', sql);
  const response = await fetch(address, {
    method: 'POST',
    body: body ?? sql,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`ClickHouse at ${url}: ${text.slice(0, 2000)}`);
  return text;
}

/**
 * The rows of a query as columns: `{ names, columns }`, each column an array of the JSON values
 * (JSONCompact: doubles exactly, 64-bit integers as strings).
 */
export async function columnsOf(url, sql) {
  const { meta, data } = JSON.parse(await run(url, `${sql}\nFORMAT JSONCompact`));
  const columns = Object.fromEntries(meta.map(({ name }, i) => [name, data.map((row) => row[i])]));
  return { rows: data.length, columns };
}

/** Runs each statement on every server, in order. */
export async function onEveryServer(urls, statements) {
  for (const url of urls) for (const statement of statements) await run(url, statement);
}

const pad = (value, length = 2) => String(value).padStart(length, '0');

/**
 * Loads the generated log `data` (customer numbers, epoch ms, amounts in cents) into `table` through the
 * server at `url`, as TabSeparated rows (customer, DateTime text in UTC, decimal amount), in batches; with
 * insert_distributed_sync=1 each batch is on the shards when the request returns.
 */
export async function loadLog(url, table, data, batch = 500_000) {
  for (let start = 0; start < data.rows; start += batch) {
    const end = Math.min(data.rows, start + batch);
    const lines = [];
    for (let row = start; row < end; row++) {
      const at = new Date(data.at[row]);
      const cents = data.cents[row];
      lines.push(
        `${data.customer[row]}\t${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}\t${Math.floor(cents / 100)}.${pad(cents % 100)}`,
      );
    }
    await run(url, `INSERT INTO ${table} FORMAT TabSeparated`, {
      body: `${lines.join('\n')}\n`,
      settings: { insert_distributed_sync: 1 },
    });
  }
}
