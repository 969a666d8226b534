// The dashboard (GET /prod/dashboard) in a real browser (Debian Chromium) against the real local stack: a known
// workload is posted to /prod/events, the local aggregator rolls it up from DynamoDB Local's streams, and the page
// must show exactly what the workload implies. Every expected number is counted from the workload below (or, for
// what the collector derives from a User-Agent, from the stored visits), never written down.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT, startStack, launchBrowser, scan, waitFor } from './stack.mjs';

const UA = {
  winChrome: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  macChrome: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  linuxFirefox: 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  winEdge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  iPhone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  android: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
};
const GOOGLE = 'https://www.google.com/search?q=liveinsight';
const HN = 'https://news.ycombinator.com/item?id=1';
// A page path and a campaign anyone could send: the page must show them as text and never run them.
const XSS_PAGE = '/<img src=x onerror="window.__xss=1">';
const XSS_CAMPAIGN = '<b>bold</b>';

/**
 * Seven visitors on one site. Each: User-Agent, country (CloudFront-Viewer-Country), screen width, referrer of the
 * first page, and the events in order ([type, path-and-query]). Four visits bounce (one page view, nothing else);
 * the third has one page view and a custom event, which is not a bounce.
 */
const visitors = (site) =>
  [
    { ua: UA.winChrome, country: 'DE', width: 1920, referrer: GOOGLE, events: [['page_view', '/'], ['page_view', '/pricing'], ['page_view', '/docs']] },
    { ua: UA.iPhone, country: 'US', width: 390, referrer: HN, events: [['page_view', '/']] },
    { ua: UA.linuxFirefox, country: 'DE', width: 1440, referrer: '', events: [['page_view', '/pricing?utm_campaign=launch'], ['signup', '/pricing?utm_campaign=launch']] },
    { ua: UA.macChrome, country: 'FR', width: 1512, referrer: GOOGLE, events: [['page_view', '/'], ['page_view', '/pricing']] },
    { ua: UA.android, country: 'US', width: 412, referrer: GOOGLE, events: [['page_view', '/?utm_campaign=launch']] },
    { ua: UA.winEdge, country: 'DE', width: 1920, referrer: HN, events: [['page_view', '/docs']] },
    { ua: UA.winChrome, country: 'DE', width: 1920, referrer: GOOGLE, events: [['page_view', encodeURI(XSS_PAGE) + '?utm_campaign=' + encodeURIComponent(XSS_CAMPAIGN)]] },
  ].map((v, i) => ({ ...v, user: `dash-${i + 1}`, events: v.events.map(([type, p]) => [type, `https://${site}${p}`]) }));

/** Posts each visitor's events one at a time, in order; returns every stored event's time (from its id), by user. */
async function post(stack, workload) {
  const times = [];
  for (const v of workload) {
    for (const [i, [type, url]] of v.events.entries()) {
      const r = await fetch(`${stack.base}/prod/events`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'User-Agent': v.ua, 'CloudFront-Viewer-Country': v.country },
        body: JSON.stringify({ user_id: v.user, event_type: type, page_url: url, referrer: i === 0 ? v.referrer : v.events[i - 1][1], screen_width: v.width }),
      });
      const body = await r.json();
      assert.equal(r.status, 200, JSON.stringify(body));
      // evt_<yyyyMMdd>_<HHmmss>_<hex>: the server's receipt time in UTC (ADR 0008).
      const [, d, t] = /^evt_(\d{8})_(\d{6})_/.exec(body.event_id);
      times.push({ user: v.user, day: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`, hour: t.slice(0, 2) });
    }
  }
  return times;
}

const count = (values) => {
  const counts = new Map();
  for (const v of values) counts.set(v, (counts.get(v) || 0) + 1);
  return counts;
};
/** [value, visitors] rows as a breakdown sorts them: most visitors first. */
const ranked = (counts) => [...counts].sort((a, b) => b[1] - a[1]);
const pathOf = (url) => decodeURI(new URL(url).pathname);
const campaignOf = (url) => new URL(url).searchParams.get('utm_campaign');
const pageViews = (v) => v.events.filter(([type]) => type === 'page_view');
// As the page shows a duration.
const duration = (s) => (s < 60 ? `${s}s` : s < 3600 ? `${Math.floor(s / 60)}m ${s % 60}s` : `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`);

/** What the dashboard must show for `workload`, given the stored visits (for browser and OS, which the collector derives). */
function expected(workload, times, sessions) {
  const pageviews = workload.flatMap((v) => pageViews(v));
  const bounces = workload.filter((v) => v.events.length === 1 && v.events[0][0] === 'page_view').length;
  const visits = workload.length;
  const seconds = sessions.reduce((sum, s) => sum + Number(s.duration_seconds || 0), 0);
  const day = times[0].day;
  const byHour = new Map();
  for (const t of times) (byHour.get(t.hour) || byHour.set(t.hour, new Set()).get(t.hour)).add(t.user);
  const sourceOf = (v) => (v.referrer === GOOGLE ? 'Google' : v.referrer === HN ? 'Hacker News' : 'Direct / None');
  return {
    day,
    realtime: workload.length,
    metrics: {
      visitors: String(workload.length),
      visits: String(visits),
      pageviews: String(pageviews.length),
      views_per_visit: String(Math.round((pageviews.length / visits) * 100) / 100),
      bounce_rate: `${Math.round((100 * bounces) / visits)}%`,
      visit_duration: duration(Math.round(seconds / visits)),
    },
    hours: Array.from({ length: 24 }, (_, h) => {
      const hh = String(h).padStart(2, '0');
      return [`${day} ${hh}:00:00`, byHour.get(hh)?.size || 0];
    }),
    lists: {
      'event:page': ranked(count(workload.flatMap((v) => [...new Set(pageViews(v).map(([, url]) => pathOf(url)))]))),
      'visit:source': ranked(count(workload.map(sourceOf))),
      'visit:utm_campaign': ranked(count(workload.map((v) => campaignOf(v.events[0][1])).filter(Boolean))),
      'visit:country': ranked(count(workload.map((v) => v.country))),
      'visit:device': ranked(count(workload.map((v) => (v.width < 768 ? 'Mobile' : 'Desktop')))),
      'visit:browser': ranked(count(sessions.map((s) => s.browser))),
      'visit:os': ranked(count(sessions.map((s) => s.os))),
    },
    bounces,
    visitsTotal: visits,
    pageviewsTotal: pageviews.length,
    seconds,
  };
}

/** Reads the stats API (as a script would) with an optional key. */
const stats = async (stack, route, params, key) => {
  const r = await fetch(`${stack.base}/prod/api/v1/stats/${route}?${new URLSearchParams(params)}`, key ? { headers: { Authorization: `Bearer ${key}` } } : {});
  if (!r.ok) throw new Error(`${route}: HTTP ${r.status} ${await r.text()}`);
  return r.json();
};

/** Waits (bounded) until the aggregator has rolled up every visit and event of the workload. */
const rolledUp = (stack, site, want, key) =>
  waitFor(
    async () => {
      const { results: r } = await stats(stack, 'aggregate', { site_id: site, period: 'day', metrics: 'visitors,visits,pageviews,bounce_rate' }, key);
      return r.visitors.value === want.visitors && r.visits.value === want.visits && r.pageviews.value === want.pageviews && r.bounce_rate.value === want.bounce_rate && r;
    },
    { timeout: 60_000, interval: 500, what: `the workload in the stats API for ${site}` },
  );

/** The dashboard's visible state: metrics, realtime, chart points and every list's rows. */
const readDashboard = (page) =>
  page.evaluate(() => ({
    realtime: document.getElementById('realtime').textContent,
    metrics: Object.fromEntries([...document.querySelectorAll('.metric')].map((m) => [m.dataset.metric, m.querySelector('strong').textContent])),
    changes: Object.fromEntries([...document.querySelectorAll('.metric')].map((m) => [m.dataset.metric, m.querySelector('em')?.textContent ?? null])),
    points: [...document.querySelectorAll('#chart circle')].map((c) => [c.dataset.date, Number(c.dataset.visitors)]),
    polyline: document.querySelector('#chart polyline')?.getAttribute('points').split(' ').length ?? 0,
    lists: Object.fromEntries(
      [...document.querySelectorAll('#lists article')].map((a) => [
        a.dataset.property,
        [...a.querySelectorAll('li:not(.empty)')].map((li) => [li.dataset.value, Number(li.querySelector('.count').textContent.replace(/,/g, ''))]),
      ]),
    ),
    names: Object.fromEntries([...document.querySelectorAll('#lists article')].map((a) => [a.dataset.property, [...a.querySelectorAll('li .name')].map((n) => n.textContent)])),
  }));

/** Rows of equal visitors may come in any order; the counts must not rise down the list. */
function assertRanked(actual, want, what) {
  assert.deepEqual([...actual].sort(), [...want].sort(), what);
  for (let i = 1; i < actual.length; i++) assert.ok(actual[i - 1][1] >= actual[i][1], `${what}: sorted by visitors, most first`);
}

/** A page that records every request, CSP violation and page error. */
async function openDashboard(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const response = await page.goto(url);
  // The policy is there, and strict: the page runs only because its script's hash is in it.
  assert.match(response.headers()['content-security-policy'], /^default-src 'none';.* script-src 'sha256-[A-Za-z0-9+/]{43}=';/);
  return { context, page, requests, errors };
}

const loaded = (page, site) => page.waitForFunction((s) => document.body.dataset.loaded === `${s} day`, site, { timeout: 15_000 });

async function screenshot(page) {
  const file = process.env.LIVEINSIGHT_SCREENSHOT === '1' ? path.join(ROOT, 'docs/dashboard.png') : path.join(ROOT, '.local/dashboard.png');
  mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
}

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close().catch(() => {});
});

test('the dashboard shows exactly the posted workload: totals, 24 hourly points, and every list in order', async () => {
  const stack = await startStack({ env: { STATS_API_KEY: null } });
  try {
    const site = 'dash.example';
    const workload = visitors(site);
    const times = await post(stack, workload);
    const pageviews = workload.flatMap(pageViews).length;
    const bounces = workload.filter((v) => v.events.length === 1).length;
    await rolledUp(stack, site, { visitors: workload.length, visits: workload.length, pageviews, bounce_rate: Math.round((100 * bounces) / workload.length) });
    const sessions = (await scan(stack, 'LiveInsight-Sessions')).filter((s) => s.site === site);
    assert.equal(sessions.length, workload.length, 'one stored visit per visitor');
    const want = expected(workload, times, sessions);

    const { context, page, requests, errors } = await openDashboard(browser, `${stack.base}/prod/dashboard?site_id=${site}`);
    try {
      await loaded(page, site);
      await page.waitForFunction((n) => document.getElementById('realtime').textContent === n, String(want.realtime), { timeout: 10_000 });
      const seen = await readDashboard(page);

      assert.deepEqual(seen.metrics, want.metrics);
      assert.equal(seen.realtime, String(want.realtime));
      // Yesterday (the previous period) is empty in this fresh database: every count grew by 100 %.
      assert.equal(seen.changes.visitors, '\u2191 100%');
      assert.deepEqual(seen.points, want.hours, 'one point per UTC hour of today, each with its visitors');
      assert.equal(seen.polyline, 24);

      assert.deepEqual(seen.lists['event:page'], want.lists['event:page']);
      assert.deepEqual(seen.lists['visit:source'], want.lists['visit:source']);
      assert.deepEqual(seen.lists['visit:utm_campaign'], want.lists['visit:utm_campaign']);
      assert.deepEqual(seen.lists['visit:country'], want.lists['visit:country']);
      assert.deepEqual(seen.lists['visit:device'], want.lists['visit:device']);
      assertRanked(seen.lists['visit:browser'], want.lists['visit:browser'], 'browsers');
      assertRanked(seen.lists['visit:os'], want.lists['visit:os'], 'operating systems');
      assert.deepEqual(seen.names['event:page'], want.lists['event:page'].map(([p]) => p), 'pages are shown as sent');
      assert.equal(seen.names['visit:country'][0], 'Germany', 'countries by name');

      // The attacker's page path and campaign are text: no element was made from them, no script ran.
      assert.equal(await page.evaluate(() => window.__xss), undefined);
      assert.equal(await page.locator('#lists img, #lists b').count(), 0);
      assert.ok(seen.names['visit:utm_campaign'].includes(XSS_CAMPAIGN));

      assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no Content-Security-Policy violation');
      assert.deepEqual(errors, []);
      const foreign = requests.filter((u) => new URL(u).origin !== stack.base);
      assert.deepEqual(foreign, [], 'no request to any other origin');
      assert.ok(requests.some((u) => new URL(u).pathname === '/prod/api/v1/stats/aggregate'), 'the stats API was read');
      await screenshot(page);
    } finally {
      await context.close();
    }
  } finally {
    await stack.stop();
  }
});

test('with STATS_API_KEY set, the page asks for the key, keeps it in sessionStorage only, and then shows the data', async () => {
  const key = `k-${Math.random().toString(36).slice(2)}`;
  const stack = await startStack({ env: { STATS_API_KEY: key } });
  try {
    const site = 'keyed.example';
    const workload = visitors(site).slice(0, 2);
    await post(stack, workload);
    const pageviews = workload.flatMap(pageViews).length;
    const bounces = workload.filter((v) => v.events.length === 1).length;
    await rolledUp(stack, site, { visitors: 2, visits: 2, pageviews, bounce_rate: Math.round((100 * bounces) / 2) }, key);

    const { context, page, requests, errors } = await openDashboard(browser, `${stack.base}/prod/dashboard?site_id=${site}`);
    try {
      await page.locator('#key-form').waitFor({ state: 'visible', timeout: 10_000 });
      assert.equal(await page.locator('#stats').isVisible(), false, 'no data without the key');

      // A wrong key is refused and not kept.
      await page.fill('#key', 'not-the-key');
      await page.click('#key-form button');
      await page.waitForFunction(() => /refused/.test(document.getElementById('status').textContent));
      assert.equal(await page.evaluate(() => sessionStorage.getItem('liveinsight_stats_key')), null);

      await page.fill('#key', key);
      await page.click('#key-form button');
      await loaded(page, site);
      const seen = await readDashboard(page);
      assert.equal(seen.metrics.visitors, '2');
      assert.equal(seen.metrics.pageviews, String(pageviews));
      assert.equal(await page.locator('#key-form').isVisible(), false);

      const sent = requests.filter((u) => new URL(u).pathname.startsWith('/prod/api/'));
      assert.ok(sent.length > 0);
      const storage = await context.storageState();
      assert.deepEqual(storage.cookies, [], 'no cookie');
      assert.deepEqual(storage.origins.flatMap((o) => o.localStorage), [], 'nothing in localStorage');
      assert.equal(await page.evaluate(() => sessionStorage.getItem('liveinsight_stats_key')), key, 'the key is in sessionStorage');
      assert.equal(await page.evaluate(() => document.cookie), '');

      // A reload in the same tab keeps the key; a new tab (a new context here) asks again.
      await page.reload();
      await loaded(page, site);
      const other = await openDashboard(browser, `${stack.base}/prod/dashboard?site_id=${site}`);
      try {
        await other.page.locator('#key-form').waitFor({ state: 'visible', timeout: 10_000 });
      } finally {
        await other.context.close();
      }
      // 401s are expected here (the page's first reads had no key); anything else is not.
      assert.deepEqual(errors.filter((e) => !/401/.test(e)), []);
      assert.deepEqual(requests.filter((u) => new URL(u).origin !== stack.base), [], 'no request to any other origin');
    } finally {
      await context.close();
    }
  } finally {
    await stack.stop();
  }
});
