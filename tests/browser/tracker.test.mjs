// The tracker in a real browser (Debian Chromium) against the real local stack (scripts/run-local.sh:
// the LiveInsight host + DynamoDB Local). What the tracker sent is checked in DynamoDB itself.
//
// The tracker sends no user id for an anonymous visitor: the collector derives one (anon_<16 hex>) from the
// site, the IP and the user agent. All these visitors share the IP (127.0.0.1) and the user agent (one browser),
// so each visitor browses its own host, v1.localhost, v2.localhost…: the site is the page's host, so each gets
// its own anonymous id, and its events are found by their page_url.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, launchBrowser, eventsOf, eventsFrom, waitFor, sleep } from './stack.mjs';

let stack, browser;
let visitors = 0;

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close().catch(() => {});
  await stack?.stop();
});

// A fresh visitor: its own context (so its own storage) and its own host (so its own site and anonymous id).
async function visitor() {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  return { context, page, origin: `http://v${++visitors}.localhost:${stack.port}` };
}

// A page served by the test itself at `url` (on the host's port), embedding the host's /tracker.js with the given attributes.
const testPage = (page, url, attrs) =>
  page.route(url, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><title>t</title><script defer src="/tracker.js" data-endpoint="/prod" ${attrs}></script><p>test page</p>`,
    }),
  );

// Requests to the collector's events route, whatever their query string (the tracker adds ?batch=<id>).
const isEvents = (url) => new URL(url).pathname === '/prod/events';

const ANON = /^anon_[0-9a-f]{16}$/;
// The one anonymous id the events of a visitor are stored under.
const anonIdOf = (events) => {
  const ids = [...new Set(events.map((e) => e.user_id))];
  assert.equal(ids.length, 1, `one visitor id, got ${ids}`);
  assert.match(ids[0], ANON);
  return ids[0];
};
// Waits until the visitor's stored events satisfy `enough`, and returns them.
const stored = (origin, enough, what) =>
  waitFor(async () => {
    const ev = await eventsFrom(stack, origin);
    return enough(ev) && ev;
  }, { what });

const byType = (events, type) => events.filter((e) => e.event_type === type);
// [page_url, referrer] of each event, in a fixed order: events stored from one batch share a timestamp,
// so their stored order says nothing.
const urls = (events) => events.map((e) => [e.page_url, e.referrer || '']).sort();

// Everything the tracker left in the browser: cookies and every origin's localStorage (Playwright's storage state),
// plus this page's sessionStorage and document.cookie.
async function deviceState(context, page) {
  const state = await context.storageState();
  const local = Object.fromEntries(state.origins.flatMap((o) => o.localStorage.map((i) => [i.name, i.value])));
  const [session, cookie] = await page.evaluate(() => [Object.keys(sessionStorage), document.cookie]);
  return { cookies: state.cookies, local, session, cookie };
}

test('the tracker leaves no identifier on the device, and the visit is stored under an anon_ id', async () => {
  const { context, page, origin } = await visitor();
  try {
    const sent = [];
    page.on('request', (r) => isEvents(r.url()) && sent.push(...JSON.parse(r.postData() || '[]')));
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => window.liveinsight);
    await page.click('#link-a');
    await page.click('#fire');
    // One delivery must fail, so that something is still queued when the storage is looked at.
    let aborted = 0;
    await page.route(isEvents, (route) => (aborted++, route.abort()));
    await page.click('#fire');
    await page.evaluate(() => window.liveinsight.flush());
    await waitFor(() => aborted > 0, { what: 'a failed delivery' });
    assert.ok(await page.evaluate(() => JSON.parse(localStorage.getItem('liveinsight_queue')).length > 0), 'its events are kept in the queue');

    const device = await deviceState(context, page);
    assert.deepEqual(device.cookies, [], 'no cookie');
    assert.equal(device.cookie, '');
    assert.deepEqual(device.session, [], 'nothing in sessionStorage');
    assert.deepEqual(Object.keys(device.local), ['liveinsight_queue'], 'localStorage holds the unsent-event queue and nothing else');
    const queued = JSON.parse(device.local.liveinsight_queue);
    for (const { e } of queued) {
      assert.deepEqual(Object.keys(e).filter((k) => k === 'user_id' || k === 'session_id'), [], JSON.stringify(e));
    }
    assert.ok(sent.length >= 2);
    assert.ok(sent.every((e) => !('user_id' in e) && !('session_id' in e)), 'no request carries a user or session id');
    assert.ok(sent.every((e) => e.screen_width > 0 && Number.isInteger(e.screen_width)), 'each event carries the screen width');

    // Needs the collector's anonymous ids (issue 13, server side).
    await page.unroute(isEvents);
    await page.evaluate(() => window.liveinsight.flush());
    const events = await stored(origin, (ev) => ev.length >= 4, 'the visit in DynamoDB');
    const anon = anonIdOf(events);
    assert.equal(new Set(events.map((e) => e.session_id)).size, 1, 'one session, resolved on the server');

    // The same visitor, with its storage wiped, is still recognised today: nothing on the device was needed.
    const again = await browser.newContext();
    try {
      await (await again.newPage()).goto(`${origin}/?again`);
      const back = await stored(origin, (ev) => ev.some((e) => e.page_url === `${origin}/?again`), 'the second visit');
      assert.equal(anonIdOf(back), anon);
    } finally {
      await again.close();
    }
  } finally {
    await context.close();
  }
});

test('after identify(id) the events carry that user_id, and it is kept nowhere on the device', async () => {
  const { context, page, origin } = await visitor();
  try {
    const sent = [];
    page.on('request', (r) => isEvents(r.url()) && sent.push(...JSON.parse(r.postData() || '[]')));
    await testPage(page, `${origin}/identify-test`, 'data-allow-automation data-flush-interval="600000"');
    await page.goto(`${origin}/identify-test`);
    await page.waitForFunction(() => window.liveinsight);
    await page.evaluate(() => (window.liveinsight.identify('u-123'), window.liveinsight.track('logged_in', { plan: 'pro' }), window.liveinsight.flush()));
    await waitFor(() => sent.some((e) => e.event_type === 'logged_in'), { what: 'the identified event sent' });
    assert.deepEqual(sent.map((e) => [e.event_type, e.user_id]), [['page_view', undefined], ['logged_in', 'u-123']]);
    const device = await deviceState(context, page);
    assert.doesNotMatch(JSON.stringify(device), /u-123|user_id/);

    // Needs the collector to accept screen_width (issue 13, server side).
    const [e] = await waitFor(async () => {
      const ev = await eventsOf(stack, 'u-123');
      return ev.length >= 1 && ev;
    }, { what: "u-123's event in DynamoDB" });
    assert.equal(e.event_type, 'logged_in');
    assert.deepEqual(e.properties, { plan: 'pro' });
  } finally {
    await context.close();
  }
});

test('an upgrade cleans the device: the visitor and session ids an older tracker stored are deleted', async () => {
  const { context, page, origin } = await visitor();
  try {
    await context.addInitScript(() => {
      if (localStorage.getItem('seeded')) return;
      localStorage.setItem('seeded', '1');
      localStorage.setItem('liveinsight_uid', '0b7e1d6a-5c3f-4e8a-9d2b-1f4a6c8e0d3b');
      localStorage.setItem('liveinsight_sid', 'sess_20200101_0bad');
    });
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => window.liveinsight);
    assert.deepEqual(
      await page.evaluate(() => ['liveinsight_uid', 'liveinsight_sid'].map((k) => localStorage.getItem(k))),
      [null, null],
    );
    // Needs the collector's anonymous ids (issue 13, server side).
    const [view] = await stored(origin, (ev) => ev.length >= 1, 'the page view');
    assert.match(view.user_id, ANON);
    assert.notEqual(view.session_id, 'sess_20200101_0bad');
  } finally {
    await context.close();
  }
});

test('a page view lands with its page_url and referrer', async () => {
  const { context, page, origin } = await visitor();
  try {
    await page.goto(`${origin}/?from`);
    await stored(origin, (ev) => ev.length >= 1, 'the first page view');
    // A real navigation from the referring page: document.referrer is the /?from page.
    await page.evaluate(() => (location.href = '/?landing'));
    await page.waitForURL(`${origin}/?landing`);
    const events = await stored(origin, (ev) => ev.some((e) => e.page_url === `${origin}/?landing`), 'the page view of /?landing');
    const views = byType(events, 'page_view');
    assert.deepEqual(
      urls(views),
      [
        [`${origin}/?from`, ''],
        [`${origin}/?landing`, `${origin}/?from`],
      ].sort(),
    );
    anonIdOf(views);
    assert.match(views[0].event_id, /^evt_/);
  } finally {
    await context.close();
  }
});

test('one visit: two SPA navigations give two page views, a custom event lands with its properties, all in one session', async () => {
  const { context, page, origin } = await visitor();
  try {
    await page.goto(`${origin}/`, { referer: 'https://search.example/?q=liveinsight' });
    await stored(origin, (ev) => ev.length >= 1, 'the landing page view');

    await page.click('#link-a'); // pushState /demo/a
    await page.evaluate(() => history.replaceState({ x: 1 }, '', location.href)); // same URL: not a view
    await page.click('#link-b'); // pushState /demo/b
    await page.evaluate(() => history.replaceState({ y: 2 }, '', '/demo/b'));
    await page.click('#fire');
    await page.evaluate(() => window.liveinsight.flush());

    const events = await stored(origin, (ev) => ev.length >= 4, '3 page views and 1 custom event');
    await sleep(2500); // one more flush interval: nothing else may arrive
    const final = await eventsFrom(stack, origin);
    assert.equal(final.length, events.length);

    const views = byType(final, 'page_view');
    assert.deepEqual(
      urls(views),
      [
        [`${origin}/`, 'https://search.example/?q=liveinsight'],
        [`${origin}/demo/a`, `${origin}/`],
        [`${origin}/demo/b`, `${origin}/demo/a`],
      ].sort(),
      'the landing view plus exactly two SPA views, not four',
    );

    const [click] = byType(final, 'demo_click');
    assert.ok(click, 'the custom event is stored');
    assert.deepEqual(click.properties, { button: 'fire', clicks: 1, path: '/demo/b' });
    assert.equal(click.page_url, `${origin}/demo/b`);
    assert.equal(final.length, 4);
    anonIdOf(final);

    const sessions = new Set(final.map((e) => e.session_id));
    assert.equal(sessions.size, 1, `one session for the visit, got ${[...sessions]}`);
    assert.match([...sessions][0], /^sess_\d{8}_[0-9a-f]+$/);
    assert.equal((await context.cookies()).length, 0, 'no cookies');
  } finally {
    await context.close();
  }
});

test('events queued while the API is down are delivered once it is back, exactly once', async () => {
  const { context, page, origin } = await visitor();
  try {
    let blocked = 0;
    const block = (route) => (blocked++, route.abort());
    await page.route(isEvents, block);
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => window.liveinsight);
    for (let i = 0; i < 3; i++) await page.click('#fire');
    await waitFor(() => blocked >= 2, { timeout: 15_000, what: 'two failed attempts' });
    const queue = await page.evaluate(() => JSON.parse(localStorage.getItem('liveinsight_queue')));
    const queued = queue.map((i) => i.e.client_event_id);
    assert.equal(queued.length, 4, 'page view + 3 clicks kept in the persisted queue');
    assert.ok(queue.every((i) => !('user_id' in i.e) && !('session_id' in i.e)), 'and no identifier with them');
    assert.equal((await eventsFrom(stack, origin)).length, 0);

    await page.unroute(isEvents, block);
    const events = await waitFor(
      async () => {
        const ev = await eventsFrom(stack, origin);
        return ev.length >= 4 && ev;
      },
      { timeout: 20_000, what: 'the queued events after the outage' },
    );
    await waitFor(() => page.evaluate(() => JSON.parse(localStorage.getItem('liveinsight_queue')).length === 0), { what: 'an empty queue' });
    await sleep(2500);
    const final = await eventsFrom(stack, origin);
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
  const { context, page, origin } = await visitor();
  try {
    await testPage(page, `${origin}/batch-test`, 'data-allow-automation data-flush-interval="600000"');
    const attempts = [];
    await page.route(isEvents, (route) => {
      const r = route.request();
      attempts.push({ url: r.url(), body: r.postData() });
      return attempts.length == 1 ? route.abort() : route.continue();
    });
    await page.goto(`${origin}/batch-test`);
    await stored(origin, (ev) => ev.length >= 1, 'the page view, after one failed attempt');
    assert.equal(attempts.length, 2);
    assert.match(attempts[0].url, /\/prod\/events\?batch=[0-9a-f-]{36}$/);
    assert.equal(attempts[1].url, attempts[0].url, 'the retry has the same batch id');
    assert.equal(attempts[1].body, attempts[0].body, 'and the same body');

    await page.evaluate(() => (window.liveinsight.track('after_retry'), window.liveinsight.flush()));
    const events = await stored(origin, (ev) => ev.length >= 2, 'the second batch');
    assert.equal(attempts.length, 3);
    assert.notEqual(attempts[2].url, attempts[0].url, 'a new batch, a new id');
    assert.deepEqual(events.map((e) => e.event_type).sort(), ['after_retry', 'page_view']);
    assert.equal(new Set(events.map((e) => e.session_id)).size, 1);
  } finally {
    await context.close();
  }
});

test('the unload beacon arrives: an event fired just before leaving the page is stored', async () => {
  const { context, page, origin } = await visitor();
  try {
    // A long flush interval, so only the pagehide beacon can carry the event.
    await testPage(page, `${origin}/beacon-test`, 'data-allow-automation data-flush-interval="600000"');
    const kinds = [];
    page.on('request', (r) => isEvents(r.url()) && kinds.push(r.resourceType()));
    await page.goto(`${origin}/beacon-test`);
    await stored(origin, (ev) => ev.length >= 1, 'the page view');
    await page.evaluate(() => window.liveinsight.track('checkout_started', { cart: 3 }));
    await page.goto('about:blank');
    const events = await stored(origin, (ev) => ev.some((e) => e.event_type === 'checkout_started'), 'the event sent by the beacon');
    const [e] = byType(events, 'checkout_started');
    assert.deepEqual(e.properties, { cart: 3 });
    assert.equal(e.page_url, `${origin}/beacon-test`);
    anonIdOf(events);
    assert.equal(new Set(events.map((x) => x.session_id)).size, 1);
    assert.deepEqual(kinds, ['fetch'], 'the only fetch was the page view; the event left with the beacon');
  } finally {
    await context.close();
  }
});

test('the unload beacon arrives when the tab is closed', async () => {
  const { context, page, origin } = await visitor();
  try {
    await testPage(page, `${origin}/close-test`, 'data-allow-automation data-flush-interval="600000"');
    await page.goto(`${origin}/close-test`);
    await stored(origin, (ev) => ev.length >= 1, 'the page view');
    await page.evaluate(() => window.liveinsight.track('tab_closed'));
    await page.close({ runBeforeUnload: true });
    await stored(origin, (ev) => ev.some((e) => e.event_type === 'tab_closed'), 'the event sent on close');
  } finally {
    await context.close();
  }
});

test('under automation the tracker stays silent unless the page sets data-allow-automation', async () => {
  const { context, page, origin } = await visitor();
  try {
    let sent = 0;
    page.on('request', (r) => isEvents(r.url()) && sent++);
    await testPage(page, `${origin}/bot-test`, 'data-flush-interval="200"');
    await page.goto(`${origin}/bot-test`);
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
