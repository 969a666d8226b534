// Shared helpers for the browser tests: start the real local stack (scripts/run-local.sh: DynamoDB Local +
// the LiveInsight host) on free ports, read DynamoDB Local directly, launch Debian Chromium, poll with a bound.
import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RUN_LOCAL = process.env.LIVEINSIGHT_RUN_LOCAL || path.join(ROOT, 'scripts/run-local.sh');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const START_TIMEOUT_MS = +(process.env.LIVEINSIGHT_START_TIMEOUT_MS || 180_000);

export const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns a truthy value (returned) or `timeout` ms pass (throws, with `what`). */
export async function waitFor(fn, { timeout = 15_000, interval = 200, what = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last, err;
  for (;;) {
    try {
      last = await fn();
      err = undefined;
      if (last) return last;
    } catch (e) {
      err = e;
    }
    if (Date.now() > end) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}` + (err ? `: ${err.message}` : `; last value: ${JSON.stringify(last)}`));
    }
    await sleep(interval);
  }
}

const running = new Set();
const killGroup = (pid, signal) => {
  try {
    process.kill(-pid, signal);
  } catch {}
};
// Never leave a stack behind, whatever way this process ends.
process.on('exit', () => running.forEach((pid) => killGroup(pid, 'SIGKILL')));
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    running.forEach((pid) => killGroup(pid, 'SIGTERM'));
    process.exit(130);
  });
}

/**
 * Starts scripts/run-local.sh in its own process group with DYNAMODB_IN_MEMORY=1 on free ports and
 * resolves once the host answers. `env` adds variables for the host (a value of null removes one, e.g.
 * {STATS_API_KEY: null}). Returns {base, dynamoPort, port, output(), stop()}.
 */
export async function startStack({ env: extra = {} } = {}) {
  const [port, dynamoPort] = [await freePort(), await freePort()];
  const env = { ...process.env, ...extra, LIVEINSIGHT_PORT: String(port), DYNAMODB_PORT: String(dynamoPort), DYNAMODB_IN_MEMORY: '1' };
  for (const [name, value] of Object.entries(env)) if (value == null) delete env[name];
  const child = spawn(RUN_LOCAL, [], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let listening = false;
  const onData = (d) => {
    out += d;
    if (out.length > 200_000) out = out.slice(-100_000);
    if (process.env.LIVEINSIGHT_TEST_VERBOSE) process.stderr.write(d);
    if (/LiveInsight is listening on http:\/\/127\.0\.0\.1:\d+/.test(out)) listening = true;
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let exited = null;
  const exit = new Promise((r) => child.once('exit', (code, signal) => r((exited = { code, signal }))));
  child.once('error', (e) => (exited = { error: e.message }));
  if (child.pid) running.add(child.pid);

  const base = `http://127.0.0.1:${port}`;
  const stack = {
    base,
    port,
    dynamoPort,
    output: () => out,
    async stop() {
      if (!child.pid || !running.has(child.pid)) return;
      if (!exited) {
        killGroup(child.pid, 'SIGTERM');
        const done = await Promise.race([exit, sleep(15_000)]);
        if (!done) killGroup(child.pid, 'SIGKILL');
      }
      killGroup(child.pid, 'SIGKILL'); // anything left in the group
      running.delete(child.pid);
    },
  };
  try {
    const end = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (exited) throw new Error(`run-local.sh ended before the host answered (${JSON.stringify(exited)})`);
      if (listening) break;
      const r = await fetch(`${base}/tracker.js`).catch(() => null);
      if (r && r.ok) break;
      if (Date.now() > end) throw new Error(`timed out after ${START_TIMEOUT_MS} ms waiting for the local stack on ${base}`);
      await sleep(500);
    }
    // The host may print the line before its tables are ready to read; make sure DynamoDB answers.
    await waitFor(() => dynamo(stack, 'ListTables', {}).then((r) => r.TableNames.includes('LiveInsight-Events')), {
      timeout: 30_000,
      what: 'the LiveInsight-Events table in DynamoDB Local',
    });
    // Warm the host up (first request: JIT, DynamoDB client) so the tests' bounded waits measure the tracker.
    await fetch(`${base}/prod/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user_id: 'browser-test-warmup', event_type: 'warmup', page_url: `${base}/` }),
    }).then((r) => r.text());
  } catch (e) {
    await stack.stop();
    e.message += `\n--- run-local.sh output (tail) ---\n${out.slice(-6000)}`;
    throw e;
  }
  return stack;
}

/** One DynamoDB API call against DynamoDB Local, signed with dummy credentials (Local does not verify). */
export async function dynamo(stack, action, body) {
  const now = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
  const r = await fetch(`http://127.0.0.1:${stack.dynamoPort}/`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.0',
      'X-Amz-Target': `DynamoDB_20120810.${action}`,
      'X-Amz-Date': now,
      Authorization: `AWS4-HMAC-SHA256 Credential=local/${now.slice(0, 8)}/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
    },
    body: JSON.stringify(body),
  });
  const json = await r.json();
  if (!r.ok) throw new Error(`DynamoDB ${action}: HTTP ${r.status} ${JSON.stringify(json)}`);
  return json;
}

/** A DynamoDB AttributeValue to plain JS. */
export function unmarshal(v) {
  if (v == null) return v;
  if ('S' in v) return v.S;
  if ('N' in v) return Number(v.N);
  if ('BOOL' in v) return v.BOOL;
  if ('NULL' in v) return null;
  if ('M' in v) return Object.fromEntries(Object.entries(v.M).map(([k, x]) => [k, unmarshal(x)]));
  if ('L' in v) return v.L.map(unmarshal);
  if ('SS' in v) return v.SS;
  if ('NS' in v) return v.NS.map(Number);
  return v;
}

/** Every item of a table (paginated Scan), optionally filtered on one string attribute. */
export async function scan(stack, table, filter) {
  const items = [];
  let key;
  do {
    const req = { TableName: table, ConsistentRead: true };
    if (filter) {
      const [name, value] = Object.entries(filter)[0];
      Object.assign(req, { FilterExpression: '#a = :v', ExpressionAttributeNames: { '#a': name }, ExpressionAttributeValues: { ':v': { S: value } } });
    }
    if (key) req.ExclusiveStartKey = key;
    const r = await dynamo(stack, 'Scan', req);
    for (const it of r.Items || []) items.push(Object.fromEntries(Object.entries(it).map(([k, v]) => [k, unmarshal(v)])));
    key = r.LastEvaluatedKey;
  } while (key);
  return items;
}

const oldestFirst = (events) => events.sort((a, b) => String(a.timestamp).localeCompare(String(b.timestamp)));

/** The stored events of one visitor, oldest first. */
export const eventsOf = async (stack, userId) => oldestFirst(await scan(stack, 'LiveInsight-Events', { user_id: userId }));

/** The stored events whose page is on `origin` (e.g. http://v1.localhost:1234), oldest first. */
export const eventsFrom = async (stack, origin) =>
  oldestFirst((await scan(stack, 'LiveInsight-Events')).filter((e) => String(e.page_url).startsWith(origin + '/')));

/**
 * The User-Agent of this Chromium with a window. Headless Chromium says "HeadlessChrome", which the collector
 * recognises as a bot and does not store (ADR 0017); these runs test the tracker, not bot detection. It is
 * set with --user-agent for the whole browser, because a per-context override does not reach the beacon a
 * page sends as it is left.
 */
const desktopUserAgent = () => {
  const version = /(\d+(?:\.\d+)+)/.exec(execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }))?.[1] ?? '131.0.0.0';
  return `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${version} Safari/537.36`;
};

/**
 * Debian Chromium, headless, in a fresh temporary profile (Playwright makes one per launch). Never downloads a browser.
 * Every *.localhost host goes to 127.0.0.1 (Chromium would also try ::1, where the stack does not listen), so tests
 * can give each visitor its own host: a site of its own, and so an anonymous id of its own.
 */
export const launchBrowser = () =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless=new', `--user-agent=${desktopUserAgent()}`, '--host-resolver-rules=MAP *.localhost 127.0.0.1', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
