// What the tracker really sends: drives the real tracker in Debian Chromium through the real local stack
// (scripts/run-local.sh on free ports, in-memory DynamoDB Local) for three kinds of visit, and prints ONE
// JSON document on stdout. Progress and errors go to stderr; any failure exits non-zero.
//
//   node bench/realistic/visits.mjs [--tracker path/to/liveinsight.min.js]
//
// Needs `make build tracker` (the local host and tracker/dist/liveinsight.min.js). --tracker serves another
// build of the tracker instead, e.g. main's, to measure before/after.
//
// Every request to /prod/events is counted by a small same-origin proxy in front of the stack: the pages are
// served by the proxy, so the tracker's fetches and its sendBeacon calls at page hide all pass through it
// (Chromium sends unload beacons from the browser process, where page-level interception cannot see them).
// Events per request are counted from the request bodies.
import http from 'node:http';
import { readFileSync, existsSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, startStack, launchBrowser, freePort, sleep, waitFor } from '../../tests/browser/stack.mjs';

const PAGES = 5;
const DWELL_MS = 4000;
const SPA_ROUTES = 10;
const SPA_GAP_MS = 2000;
// After the last page hide: the visit is over once no request is open and none has arrived for this long.
const QUIET_MS = 3000;

const fail = (message) => {
  console.error(`bench/realistic/visits.mjs: ${message}`);
  process.exitCode = 1;
};

const { values: args } = parseArgs({ options: { tracker: { type: 'string' } } });
const trackerFile = path.resolve(args.tracker || path.join(ROOT, 'tracker/dist/liveinsight.min.js'));

/** The proxy: serves the bench pages and the tracker, forwards /prod/* to the stack, records /prod/events. */
function startProxy(stackBase, trackerCode) {
  const requests = [];
  const traffic = { open: 0, lastArrival: 0 };
  const page = (title, body) =>
    `<!doctype html><meta charset="utf-8"><title>${title}</title>` +
    `<script defer src="/tracker.js" data-endpoint="/prod" data-allow-automation></script>${body}`;
  const server = http.createServer(async (req, res) => {
    traffic.open++;
    traffic.lastArrival = Date.now();
    res.on('close', () => traffic.open--);
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url, 'http://proxy');
    if (url.pathname === '/tracker.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' });
      return res.end(trackerCode);
    }
    let m;
    if ((m = /^\/mpa\/(\d+)$/.exec(url.pathname))) {
      const n = +m[1];
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      return res.end(
        page(
          `page ${n}`,
          `<button id="cta" onclick="liveinsight.track('cta_click',{page:${n}})">buy</button><a id="next" href="/mpa/${n + 1}">next</a>`,
        ),
      );
    }
    if (url.pathname.startsWith('/spa')) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      return res.end(page('spa', `<a id="next" href="#" onclick="event.preventDefault();history.pushState({},'','/spa/'+(++window.n||(window.n=1)))">next</a>`));
    }
    if (!url.pathname.startsWith('/prod/')) {
      res.writeHead(404);
      return res.end();
    }
    const record = url.pathname === '/prod/events' && req.method === 'POST';
    let status = 502;
    try {
      const headers = { ...req.headers };
      for (const h of ['host', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']) delete headers[h];
      const r = await fetch(stackBase + req.url, { method: req.method, headers, body: body.length ? body : undefined });
      status = r.status;
      const answer = Buffer.from(await r.arrayBuffer());
      const out = {};
      r.headers.forEach((v, k) => !['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(k) && (out[k] = v));
      res.writeHead(r.status, out);
      res.end(answer);
    } catch (e) {
      res.writeHead(502);
      res.end(String(e));
    }
    if (record) {
      let events = [];
      try {
        const parsed = JSON.parse(body.toString('utf8'));
        events = Array.isArray(parsed) ? parsed : [parsed];
      } catch {}
      // The request as it reached the server: request line, headers (as sent) and body.
      const head = `${req.method} ${req.url} HTTP/${req.httpVersion}\r\n` + req.rawHeaders.reduce((s, v, i) => s + v + (i % 2 ? '\r\n' : ': '), '') + '\r\n';
      requests.push({
        query: url.search,
        mode: req.headers['sec-fetch-mode'] || '',
        status,
        events,
        bodyBytes: body.length,
        bytes: Buffer.byteLength(head) + body.length,
      });
    }
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    freePort().then((port) =>
      server.listen(port, '127.0.0.1', () => resolve({ base: `http://127.0.0.1:${port}`, requests, traffic, close: () => server.close() })),
    );
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : 0;
};

/** Runs `drive(page)` in a fresh visitor (own context, so own localStorage), then waits for the traffic to end. */
async function visit(browser, proxy, name, expected, drive) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const from = proxy.requests.length;
  const started = Date.now();
  console.error(`visit ${name}...`);
  try {
    await drive(page);
    // The page hide: leave for another origin, so the last page's beacon fires.
    await page.goto('about:blank');
    const hidden = Date.now();
    await waitFor(
      () => proxy.traffic.open === 0 && Date.now() - Math.max(hidden, proxy.traffic.lastArrival) >= QUIET_MS,
      { timeout: 60_000, interval: 250, what: `the end of the traffic of visit ${name}` },
    );
  } finally {
    await context.close();
  }
  if (errors.length) throw new Error(`visit ${name}: page errors: ${errors.join('; ')}`);
  const reqs = proxy.requests.slice(from);
  const events = reqs.flatMap((r) => r.events);
  const unique = new Map(events.map((e) => [e.client_event_id, e]));
  const types = [...unique.values()].reduce((m, e) => ((m[e.event_type] = (m[e.event_type] || 0) + 1), m), {});
  for (const [type, n] of Object.entries(expected)) {
    if ((types[type] || 0) !== n) throw new Error(`visit ${name}: expected ${n} distinct ${type} events to arrive, got ${types[type] || 0} (${JSON.stringify(types)})`);
  }
  const refused = reqs.filter((r) => r.status < 200 || r.status > 299);
  if (refused.length) throw new Error(`visit ${name}: the collector refused ${refused.length} request(s): ${refused.map((r) => r.status)}`);
  const round = (x) => Math.round(x * 100) / 100;
  return {
    requests: reqs.length,
    events: events.length,
    distinct_events: unique.size,
    events_per_request: reqs.length ? round(events.length / reqs.length) : 0,
    page_views: types.page_view || 0,
    events_per_request_list: reqs.map((r) => r.events.length),
    // Sec-Fetch-Mode: the tracker's fetch is "cors", sendBeacon with a text/plain Blob is "no-cors".
    beacons: reqs.filter((r) => r.mode === 'no-cors').length,
    batch_ids_in_query: reqs.filter((r) => /[?&]batch=/.test(r.query)).length,
    request_body_bytes_median: median(reqs.map((r) => r.bodyBytes)),
    request_bytes_median: median(reqs.map((r) => r.bytes)),
    duration_ms: Date.now() - started,
  };
}

async function main() {
  if (!existsSync(trackerFile)) throw new Error(`no tracker at ${trackerFile}: run \`make tracker\` (or pass --tracker <file>)`);
  const trackerCode = readFileSync(trackerFile);
  let stack, browser, proxy;
  try {
    console.error('starting the local stack...');
    mkdirSync(path.join(ROOT, '.local'), { recursive: true }); // run-local.sh logs there; a fresh clone has none before `make`
    stack = await startStack();
    proxy = await startProxy(stack.base, trackerCode);
    browser = await launchBrowser();
    const loaded = (page) => page.waitForFunction(() => window.liveinsight && document.readyState === 'complete');

    const visits = {};
    visits.mpa = await visit(browser, proxy, 'mpa', { page_view: PAGES, cta_click: PAGES }, async (page) => {
      await page.goto(`${proxy.base}/mpa/1`);
      for (let i = 1; i <= PAGES; i++) {
        await loaded(page);
        const t = Date.now();
        await sleep(DWELL_MS / 2);
        await page.click('#cta');
        await sleep(DWELL_MS - (Date.now() - t));
        if (i < PAGES) await Promise.all([page.waitForURL(`${proxy.base}/mpa/${i + 1}`), page.click('#next')]);
      }
    });
    visits.mpa_quick = await visit(browser, proxy, 'mpa_quick', { page_view: PAGES }, async (page) => {
      await page.goto(`${proxy.base}/mpa/1`);
      for (let i = 1; i <= PAGES; i++) {
        await loaded(page);
        if (i < PAGES) await Promise.all([page.waitForURL(`${proxy.base}/mpa/${i + 1}`), page.click('#next')]);
      }
    });
    visits.spa = await visit(browser, proxy, 'spa', { page_view: SPA_ROUTES + 1 }, async (page) => {
      await page.goto(`${proxy.base}/spa`);
      await loaded(page);
      for (let i = 1; i <= SPA_ROUTES; i++) {
        await sleep(SPA_GAP_MS);
        await page.click('#next');
      }
      await sleep(SPA_GAP_MS);
    });

    return {
      chromium: browser.version(),
      tracker: { file: trackerFile.startsWith(ROOT + path.sep) ? path.relative(ROOT, trackerFile) : trackerFile, bytes: trackerCode.length, gzip_bytes: gzipSync(trackerCode, { level: 9 }).length },
      workload: {
        mpa: `${PAGES} pages, page view + one track() click per page, ${DWELL_MS / 1000} s per page, then leave`,
        mpa_quick: `${PAGES} pages, no dwell, then leave`,
        spa: `one page load + ${SPA_ROUTES} pushState route changes ${SPA_GAP_MS / 1000} s apart, then leave`,
      },
      visits,
    };
  } catch (e) {
    if (stack) e.message += `\n--- run-local.sh output (tail) ---\n${stack.output().slice(-3000)}`;
    throw e;
  } finally {
    await browser?.close().catch(() => {});
    proxy?.close();
    await stack?.stop();
  }
}

main().then(
  (result) => process.stdout.write(JSON.stringify(result, null, 2) + '\n'),
  (e) => fail(e.stack || e.message),
);
