// The tracker in a real browser (Debian Chromium) against the real local stack (scripts/run-local.sh:
// the LiveInsight host + DynamoDB Local). What the tracker sent is checked in DynamoDB itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, launchBrowser, eventsOf, waitFor, sleep } from './stack.mjs';

let stack, browser;

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close().catch(() => {});
  await stack?.stop();
});

// A fresh visitor: its own context, so its own localStorage (anonymous id, session, queue).
async function visitor() {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  return { context, page };
}

// A page served by the test itself on the host's origin, embedding the host's /tracker.js with the given attributes.
const testPage = (page, pathname, attrs) =>
  page.route(`${stack.base}${pathname}`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><title>t</title><script defer src="/tracker.js" data-endpoint="/prod" ${attrs}></script><p>test page</p>`,
    }),
  );

// Requests to the collector's events route, whatever their query string (the tracker adds ?batch=<id>).
const isEvents = (url) => new URL(url).pathname === '/prod/events';

const userIdOf = (page) => page.waitForFunction(() => window.liveinsight && window.liveinsight.userId()).then((h) => h.jsonValue());
const byType = (events, type) => events.filter((e) => e.event_type === type);
// [page_url, referrer] of each event, in a fixed order: events stored from one batch share a timestamp,
// so their stored order says nothing.
const urls = (events) => events.map((e) => [e.page_url, e.referrer || '']).sort();

test('a page view lands with its page_url and referrer', async () => {
  const { context, page } = await visitor();
  try {
    await page.goto(`${stack.base}/?from`);
    const uid = await userIdOf(page);
    await waitFor(async () => (await eventsOf(stack, uid)).length >= 1, { what: 'the first page view' });
    // A real navigation from the referring page: document.referrer is the /?from page.
    await page.evaluate(() => (location.href = '/?landing'));
    await page.waitForURL(`${stack.base}/?landing`);
    const events = await waitFor(
      async () => {
        const ev = await eventsOf(stack, uid);
        return ev.some((e) => e.page_url === `${stack.base}/?landing`) && ev;
      },
      { what: 'the page view of /?landing' },
    );
    const views = byType(events, 'page_view');
    assert.deepEqual(
      urls(views),
      [
        [`${stack.base}/?from`, ''],
        [`${stack.base}/?landing`, `${stack.base}/?from`],
      ].sort(),
    );
    assert.equal(views[0].user_id, uid);
    assert.match(views[0].event_id, /^evt_/);
  } finally {
    await context.close();
  }
});

test('one visit: two SPA navigations give two page views, a custom event lands with its properties, all in one session', async () => {
  const { context, page } = await visitor();
  try {
    await page.goto(`${stack.base}/`, { referer: 'https://search.example/?q=liveinsight' });
    const uid = await userIdOf(page);
    await waitFor(async () => (await eventsOf(stack, uid)).length >= 1, { what: 'the landing page view' });

    await page.click('#link-a'); // pushState /demo/a
    await page.evaluate(() => history.replaceState({ x: 1 }, '', location.href)); // same URL: not a view
    await page.click('#link-b'); // pushState /demo/b
    await page.evaluate(() => history.replaceState({ y: 2 }, '', '/demo/b'));
    await page.click('#fire');
    await page.evaluate(() => window.liveinsight.flush());

    const events = await waitFor(
      async () => {
        const ev = await eventsOf(stack, uid);
        return ev.length >= 4 && ev;
      },
      { what: '3 page views and 1 custom event' },
    );
    await sleep(2500); // one more flush interval: nothing else may arrive
    const final = await eventsOf(stack, uid);
    assert.equal(final.length, events.length);

    const views = byType(final, 'page_view');
    assert.deepEqual(
      urls(views),
      [
        [`${stack.base}/`, 'https://search.example/?q=liveinsight'],
        [`${stack.base}/demo/a`, `${stack.base}/`],
        [`${stack.base}/demo/b`, `${stack.base}/demo/a`],
      ].sort(),
      'the landing view plus exactly two SPA views, not four',
    );

    const [click] = byType(final, 'demo_click');
    assert.ok(click, 'the custom event is stored');
    assert.deepEqual(click.properties, { button: 'fire', clicks: 1, path: '/demo/b' });
    assert.equal(click.page_url, `${stack.base}/demo/b`);
    assert.equal(final.length, 4);

    const sessions = new Set(final.map((e) => e.session_id));
    assert.equal(sessions.size, 1, `one session for the visit, got ${[...sessions]}`);
    const [sid] = sessions;
    assert.match(sid, /^sess_\d{8}_[0-9a-f]+$/);
    assert.equal(await page.evaluate(() => localStorage.getItem('liveinsight_sid')), sid, 'the tracker adopted the session');
    assert.equal((await context.cookies()).length, 0, 'no cookies');

    // The demo page lists this visitor's events from /local/events.
    await page.waitForFunction(() => document.querySelectorAll('#events tr[data-event-type]').length >= 4, null, { timeout: 10_000 });
  } finally {
    await context.close();
  }
});

test('events queued while the API is down are delivered once it is back, exactly once', async () => {
  const { context, page } = await visitor();
  try {
    let blocked = 0;
    const block = (route) => (blocked++, route.abort());
    await page.route(isEvents, block);
    await page.goto(`${stack.base}/`);
    const uid = await userIdOf(page);
    for (let i = 0; i < 3; i++) await page.click('#fire');
    await waitFor(() => blocked >= 2, { timeout: 15_000, what: 'two failed attempts' });
    const queued = await page.evaluate(() => JSON.parse(localStorage.getItem('liveinsight_queue')).map((i) => i.e.client_event_id));
    assert.equal(queued.length, 4, 'page view + 3 clicks kept in the persisted queue');
    assert.equal((await eventsOf(stack, uid)).length, 0);

    await page.unroute(isEvents, block);
    const events = await waitFor(
      async () => {
        const ev = await eventsOf(stack, uid);
        return ev.length >= 4 && ev;
      },
      { timeout: 20_000, what: 'the queued events after the outage' },
    );
    await waitFor(() => page.evaluate(() => JSON.parse(localStorage.getItem('liveinsight_queue')).length === 0), { what: 'an empty queue' });
    await sleep(2500);
    const final = await eventsOf(stack, uid);
    assert.equal(final.length, 4, `exactly once: ${final.map((e) => e.event_type)}`);
    assert.deepEqual(final.map((e) => e.event_type).sort(), ['demo_click', 'demo_click', 'demo_click', 'page_view']);
    assert.deepEqual(final.map((e) => e.properties?.clicks).filter(Boolean).sort(), [1, 2, 3]);
    if (final.every((e) => e.client_event_id)) assert.deepEqual(final.map((e) => e.client_event_id).sort(), [...queued].sort());
    assert.equal(new Set(final.map((e) => e.session_id)).size, 1);
    assert.equal(events.length, 4);
  } finally {
    await context.close();
  }
});

test('a batch carries its id in the query string, the collector accepts it, and a failed batch is retried whole under the same id', async () => {
  const { context, page } = await visitor();
  try {
    await testPage(page, '/batch-test', 'data-allow-automation data-flush-interval="600000"');
    const attempts = [];
    await page.route(isEvents, (route) => {
      const r = route.request();
      attempts.push({ url: r.url(), body: r.postData() });
      return attempts.length == 1 ? route.abort() : route.continue();
    });
    await page.goto(`${stack.base}/batch-test`);
    const uid = await userIdOf(page);
    await waitFor(async () => (await eventsOf(stack, uid)).length >= 1, { what: 'the page view, after one failed attempt' });
    assert.equal(attempts.length, 2);
    assert.match(attempts[0].url, /\/prod\/events\?batch=[0-9a-f-]{36}$/);
    assert.equal(attempts[1].url, attempts[0].url, 'the retry has the same batch id');
    assert.equal(attempts[1].body, attempts[0].body, 'and the same body');

    await page.evaluate(() => (window.liveinsight.track('after_retry'), window.liveinsight.flush()));
    const events = await waitFor(async () => {
      const ev = await eventsOf(stack, uid);
      return ev.length >= 2 && ev;
    }, { what: 'the second batch' });
    assert.equal(attempts.length, 3);
    assert.notEqual(attempts[2].url, attempts[0].url, 'a new batch, a new id');
    assert.deepEqual(events.map((e) => e.event_type).sort(), ['after_retry', 'page_view']);
    assert.equal(new Set(events.map((e) => e.session_id)).size, 1);
  } finally {
    await context.close();
  }
});

test('the unload beacon arrives: an event fired just before leaving the page is stored', async () => {
  const { context, page } = await visitor();
  try {
    // A long flush interval, so only the pagehide beacon can carry the event.
    await testPage(page, '/beacon-test', 'data-allow-automation data-flush-interval="600000"');
    const kinds = [];
    page.on('request', (r) => isEvents(r.url()) && kinds.push(r.resourceType()));
    await page.goto(`${stack.base}/beacon-test`);
    const uid = await userIdOf(page);
    await waitFor(async () => (await eventsOf(stack, uid)).length >= 1, { what: 'the page view' });
    await page.evaluate(() => window.liveinsight.track('checkout_started', { cart: 3 }));
    await page.goto('about:blank');
    const events = await waitFor(
      async () => {
        const ev = await eventsOf(stack, uid);
        return ev.some((e) => e.event_type === 'checkout_started') && ev;
      },
      { what: 'the event sent by the beacon' },
    );
    const [e] = byType(events, 'checkout_started');
    assert.deepEqual(e.properties, { cart: 3 });
    assert.equal(e.page_url, `${stack.base}/beacon-test`);
    assert.equal(new Set(events.map((x) => x.session_id)).size, 1);
    assert.deepEqual(kinds, ['fetch'], 'the only fetch was the page view; the event left with the beacon');
  } finally {
    await context.close();
  }
});

test('the unload beacon arrives when the tab is closed', async () => {
  const { context, page } = await visitor();
  try {
    await testPage(page, '/close-test', 'data-allow-automation data-flush-interval="600000"');
    await page.goto(`${stack.base}/close-test`);
    const uid = await userIdOf(page);
    await waitFor(async () => (await eventsOf(stack, uid)).length >= 1, { what: 'the page view' });
    await page.evaluate(() => window.liveinsight.track('tab_closed'));
    await page.close({ runBeforeUnload: true });
    await waitFor(async () => (await eventsOf(stack, uid)).some((e) => e.event_type === 'tab_closed'), { what: 'the event sent on close' });
  } finally {
    await context.close();
  }
});

test('a stored session id the API refuses is replaced, and the page view still lands', async () => {
  const { context, page } = await visitor();
  try {
    await context.addInitScript(() => localStorage.setItem('liveinsight_sid', 'sess_20200101_0bad'));
    await page.goto(`${stack.base}/`);
    const uid = await userIdOf(page);
    const [view] = await waitFor(async () => {
      const ev = await eventsOf(stack, uid);
      return ev.length >= 1 && ev;
    }, { what: 'the page view' });
    assert.equal(view.event_type, 'page_view');
    assert.match(view.session_id, /^sess_\d{8}_[0-9a-f]+$/);
    assert.notEqual(view.session_id, 'sess_20200101_0bad');
    await waitFor(() => page.evaluate((sid) => localStorage.getItem('liveinsight_sid') === sid, view.session_id), { what: 'the new session adopted' });
  } finally {
    await context.close();
  }
});

test('under automation the tracker stays silent unless the page sets data-allow-automation', async () => {
  const { context, page } = await visitor();
  try {
    let sent = 0;
    page.on('request', (r) => isEvents(r.url()) && sent++);
    await testPage(page, '/bot-test', 'data-flush-interval="200"');
    await page.goto(`${stack.base}/bot-test`);
    assert.equal(await page.evaluate(() => navigator.webdriver), true);
    await page.waitForFunction(() => window.liveinsight);
    await page.evaluate(() => window.liveinsight.track('should_not_send'));
    await page.evaluate(() => history.pushState({}, '', '/bot-test/2'));
    await sleep(1000);
    await page.goto('about:blank');
    await sleep(300);
    assert.equal(sent, 0);
  } finally {
    await context.close();
  }
});
