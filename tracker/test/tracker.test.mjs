// Runs the bundled tracker (tracker/src/liveinsight.js) in a Node vm with a fake browser: window,
// document, history, localStorage, fetch and sendBeacon. Checks the wiring that queue.test.mjs can't.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { buildSync } from 'esbuild';

const src = new URL('../src/liveinsight.js', import.meta.url).pathname;
const code = buildSync({ entryPoints: [src], bundle: true, minify: true, format: 'iife', target: 'es2019', write: false }).outputFiles[0].text;

function browser({ href = 'https://site.test/', referrer = '', data = { endpoint: 'https://api.test/prod/', allowAutomation: '' }, nav = {}, storage, answer, screen = { width: 1280 } } = {}) {
  const store = storage || new Map();
  const listeners = {};
  const on = (t, f) => (listeners[t] ||= []).push(f);
  // clock: what Date.now() answers inside the tracker; tick() moves it and runs the interval timers.
  const b = { fetches: [], beacons: [], timers: [], store, listeners, clock: 1_700_000_000_000 };
  const location = { href };
  const go = (u) => (location.href = new URL(u, location.href).href);
  const ctx = {
    location,
    document: { currentScript: { dataset: data }, referrer, visibilityState: 'visible', addEventListener: on, querySelector: () => null },
    navigator: { sendBeacon: (url, blob) => (b.beacons.push({ url, blob }), true), ...nav },
    history: { pushState(s, t, u) { go(u); }, replaceState(s, t, u) { go(u); } },
    localStorage: { getItem: (k) => (store.has(k) ? store.get(k) : null), setItem: (k, v) => store.set(k, String(v)), removeItem: (k) => store.delete(k) },
    crypto: { randomUUID: () => crypto.randomUUID() },
    screen,
    fetch: async (url, init) => {
      const events = JSON.parse(init.body);
      b.fetches.push({ url, init, events });
      const [status, body] = answer ? answer(events) : [200, { message: 'Batch processed', results: events.map(() => ({ event_id: 'evt_x', session_id: 'sess_20250101_abc' })) }];
      return { status, json: async () => body, headers: { get: () => null } };
    },
    setInterval: (f, ms) => b.timers.push({ f, ms }),
    addEventListener: on,
    Blob,
    Date: { now: () => b.clock },
    JSON,
    Math,
    URL,
  };
  ctx.window = ctx;
  vm.createContext(ctx);
  vm.runInContext(code, ctx);
  b.ctx = ctx;
  b.li = ctx.liveinsight;
  b.fire = (t) => (listeners[t] || []).forEach((f) => f({}));
  b.settle = () => new Promise((r) => setTimeout(r, 5));
  b.tick = async (ms = 15_000) => ((b.clock += ms), b.timers.forEach((t) => t.f()), b.settle());
  b.sent = () => b.fetches.flatMap((f) => f.events).concat(b.beacons.flatMap((x) => x.events || []));
  return b;
}

const beaconEvents = async (b) => (await Promise.all(b.beacons.map((x) => x.blob.text()))).flatMap((t) => JSON.parse(t));

test('sends a page_view on load, at once, as text/plain with keepalive', async () => {
  const b = browser({ referrer: 'https://google.com/search' });
  await b.settle();
  assert.equal(b.fetches.length, 1);
  const { url, init, events } = b.fetches[0];
  assert.match(url, /^https:\/\/api\.test\/prod\/events\?batch=[0-9a-f-]{36}$/, 'the batch id in the query string');
  assert.equal(init.method, 'POST');
  assert.equal(init.headers['Content-Type'], 'text/plain');
  assert.equal(init.keepalive, true);
  assert.equal(init.credentials, 'omit');
  assert.equal(events.length, 1);
  const e = events[0];
  assert.equal(e.event_type, 'page_view');
  assert.equal(e.page_url, 'https://site.test/');
  assert.equal(e.referrer, 'https://google.com/search');
  assert.match(e.client_event_id, /^[A-Za-z0-9_-]{1,64}$/);
  assert.equal(e.screen_width, 1280);
  assert.deepEqual(Object.keys(e).sort(), ['client_event_id', 'event_type', 'page_url', 'referrer', 'screen_width'], 'no user_id, no session_id');
  assert.equal(b.li.userId(), null);
  assert.equal(b.timers[0].ms, 1000, 'a one-second tick checks the coalescing window and the backoff');
});

test('keeps no identifier on the device: the only key is the queue, which holds no id; no cookie', async () => {
  const b = browser({ answer: () => [503, { error: { code: 'unavailable' } }] }); // nothing delivered: all stays queued
  await b.settle();
  b.li.track('click', { a: 1 });
  b.ctx.history.pushState({}, '', '/next');
  await b.tick();
  assert.deepEqual([...b.store.keys()], ['liveinsight_queue']);
  const queued = JSON.parse(b.store.get('liveinsight_queue'));
  assert.equal(queued.length, 3);
  assert.ok(queued.every((i) => !('user_id' in i.e) && !('session_id' in i.e)), JSON.stringify(queued));
  assert.equal(b.ctx.document.cookie, undefined);
  // A second page in the same browser sends nothing that links it to the first.
  const c = browser({ storage: b.store });
  await c.settle();
  assert.ok(c.fetches[0].events.every((e) => !('user_id' in e) && !('session_id' in e)));
});

test('screen_width is the integer screen.width, and absent where there is no screen', async () => {
  const a = browser({ screen: { width: 390 } });
  await a.settle();
  assert.equal(a.fetches[0].events[0].screen_width, 390);
  const b = browser({ screen: null });
  await b.settle();
  assert.equal('screen_width' in b.fetches[0].events[0], false);
});
test('a non-http referrer is left out', async () => {
  const b = browser({ referrer: 'android-app://com.example/' });
  await b.settle();
  assert.equal('referrer' in b.fetches[0].events[0], false);
});

test('SPA: pushState then replaceState to the same URL is one view; the referrer is the previous URL', async () => {
  const b = browser({ referrer: 'https://ref.test/' });
  await b.settle();
  b.ctx.history.pushState({}, '', '/demo/a');
  b.ctx.history.replaceState({ x: 1 }, '', '/demo/a');
  b.ctx.history.pushState({}, '', '/demo/b');
  b.ctx.history.replaceState({}, '', '/demo/b');
  b.ctx.history.pushState({}, '', '/demo/a');
  b.ctx.location.href = 'https://site.test/demo/b'; // back
  b.fire('popstate');
  b.fire('popstate'); // same URL again
  await b.tick();
  const views = b.sent().filter((e) => e.event_type === 'page_view');
  assert.deepEqual(views.map((e) => [e.page_url, e.referrer]), [
    ['https://site.test/', 'https://ref.test/'],
    ['https://site.test/demo/a', 'https://site.test/'],
    ['https://site.test/demo/b', 'https://site.test/demo/a'],
    ['https://site.test/demo/a', 'https://site.test/demo/b'],
    ['https://site.test/demo/b', 'https://site.test/demo/a'],
  ]);
});

test('track sends a custom event with properties once the coalescing window has passed', async () => {
  const b = browser();
  await b.settle();
  b.li.track('signup_click', { plan: 'pro', n: 3 });
  await b.settle();
  assert.equal(b.fetches.length, 1, 'batched, not sent at once');
  await b.tick(14_999);
  assert.equal(b.fetches.length, 1, 'still waiting for company');
  await b.tick(1);
  const e = b.fetches[1].events[0];
  assert.equal(e.event_type, 'signup_click');
  assert.deepEqual(e.properties, { plan: 'pro', n: 3 });
  assert.equal(e.page_url, 'https://site.test/');
});

test('batch size and coalescing window (data-flush-interval) come from data attributes', async () => {
  const b = browser({ data: { endpoint: '/prod', allowAutomation: '', batchSize: '2', flushInterval: '5000' } });
  await b.settle();
  assert.match(b.fetches[0].url, /^\/prod\/events\?batch=/);
  b.li.track('a');
  await b.settle();
  assert.equal(b.fetches.length, 1);
  b.li.track('b');
  await b.settle();
  assert.equal(b.fetches.length, 2, 'the batch size sends at once');
  assert.deepEqual(b.fetches[1].events.map((e) => e.event_type), ['a', 'b']);
  b.li.track('c');
  await b.tick(4999);
  assert.equal(b.fetches.length, 2);
  await b.tick(1);
  assert.deepEqual(b.fetches[2].events.map((e) => e.event_type), ['c']);
});

test('the page view leaves at once; custom events and SPA views wait for company and leave in one request', async () => {
  const b = browser();
  await b.settle();
  assert.equal(b.fetches.length, 1, 'the page view of the page load, without waiting for a tick');
  b.li.track('click');
  for (let i = 1; i <= 7; i++) {
    await b.tick(2000);
    b.ctx.history.pushState({}, '', `/r${i}`);
  }
  assert.equal(b.fetches.length, 1, 'nothing else within the 15 s window');
  await b.tick(1000);
  assert.deepEqual(b.fetches.map((f) => f.events.length), [1, 8]);
  assert.deepEqual(b.fetches[1].events.map((e) => e.event_type), ['click', ...Array(7).fill('page_view')]);
});

test('a failed request is retried whole, with the same batch id and body', async () => {
  let n = 0;
  const b = browser({ answer: (events) => (++n < 3 ? [503, { error: { code: 'unavailable' } }] : [200, { results: events.map(() => ({ event_id: 'evt_x', session_id: 'sess_20250101_abc' })) }]) });
  await b.settle();
  b.li.track('meanwhile');
  await b.tick(2000);
  await b.tick(4000);
  assert.equal(b.fetches.length, 3);
  assert.equal(new Set(b.fetches.map((f) => f.url)).size, 1, 'one batch id');
  assert.equal(new Set(b.fetches.map((f) => f.init.body)).size, 1, 'one body');
  assert.deepEqual(b.fetches[2].events.map((e) => e.event_type), ['page_view']);
  await b.tick();
  assert.deepEqual(b.fetches[3].events.map((e) => e.event_type), ['meanwhile']);
  assert.notEqual(b.fetches[3].url, b.fetches[0].url);
});

test('page hide hands everything pending to beacons: a failed batch whole under its id, then the rest', async () => {
  const b = browser({ answer: () => [503, { error: { code: 'unavailable' } }] });
  await b.settle();
  b.li.track('x');
  b.ctx.history.pushState({}, '', '/y');
  b.fire('pagehide');
  assert.equal(b.beacons.length, 2);
  assert.equal(b.beacons[0].url, b.fetches[0].url, 'the failed batch, under its own id');
  assert.equal(await b.beacons[0].blob.text(), b.fetches[0].init.body, 'and with its own body');
  assert.match(b.beacons[1].url, /\?batch=/);
  assert.notEqual(b.beacons[1].url, b.beacons[0].url);
  assert.deepEqual((await beaconEvents(b)).map((e) => e.event_type), ['page_view', 'x', 'page_view']);
  assert.deepEqual(JSON.parse(b.store.get('liveinsight_queue')), []);
});

test('identify(id): later events carry the user_id, earlier ones stay anonymous; identify() makes them anonymous again', async () => {
  const b = browser();
  await b.settle();
  const step = (f) => (f(), (b.clock += 1)); // one ms apart, as real calls are
  step(() => b.li.track('before'));
  step(() => b.li.identify('u-123'));
  assert.equal(b.li.userId(), 'u-123');
  step(() => b.li.track('login'));
  step(() => b.li.identify(null));
  assert.equal(b.li.userId(), null);
  step(() => b.li.track('after_logout'));
  step(() => b.li.identify(42));
  assert.equal(b.li.userId(), '42', 'ids are sent as strings');
  step(() => b.li.track('numeric'));
  step(() => b.li.identify());
  step(() => b.li.track('anonymous_again'));
  await b.tick();
  assert.deepEqual(b.fetches[1].events.map((e) => [e.event_type, e.user_id]), [
    ['before', undefined],
    ['login', 'u-123'],
    ['after_logout', undefined],
    ['numeric', '42'],
    ['anonymous_again', undefined],
  ]);
});

test('identify() is kept in memory only: the id is never written to storage, and the next page does not know it', async () => {
  // Only the identified event is refused, so it stays queued (in memory) after being sent.
  const b = browser({ answer: (events) => (events.some((e) => e.user_id) ? [503, { error: { code: 'unavailable' } }] : [200, {}]) });
  await b.settle();
  const writes = [];
  const setItem = b.ctx.localStorage.setItem;
  b.ctx.localStorage.setItem = (k, v) => (writes.push([k, v]), setItem(k, v));
  b.li.identify('u-123');
  b.li.track('login');
  await b.tick(); // sent and refused with a 503: still queued, in memory
  assert.ok(b.fetches.some((f) => f.events.some((e) => e.user_id === 'u-123')), 'it is sent');
  assert.ok(writes.length > 0);
  for (const [k, v] of writes) assert.doesNotMatch(k + v, /u-123|user_id/);
  assert.doesNotMatch(JSON.stringify([...b.store]), /u-123|user_id/);
  const next = browser({ storage: b.store });
  await next.settle();
  assert.equal(next.li.userId(), null);
});
test('pagehide and visibilitychange(hidden) send pending events with sendBeacon as text/plain', async () => {
  const b = browser();
  await b.settle();
  b.li.track('bye', { a: 1 });
  b.ctx.document.visibilityState = 'hidden';
  b.fire('visibilitychange');
  b.fire('pagehide'); // nothing left to send
  assert.equal(b.beacons.length, 1);
  assert.match(b.beacons[0].url, /^https:\/\/api\.test\/prod\/events\?batch=[0-9a-f-]{36}$/);
  assert.equal(b.beacons[0].blob.type, 'text/plain');
  const events = await beaconEvents(b);
  assert.deepEqual(events.map((e) => e.event_type), ['bye']);
  await b.tick();
  assert.equal(b.fetches.length, 1, 'not sent again');
});

test('a visible visibilitychange does not flush', async () => {
  const b = browser();
  await b.settle();
  b.li.track('x');
  b.fire('visibilitychange');
  assert.equal(b.beacons.length, 0);
});

test('events the API could not take are kept and sent by the next page', async () => {
  const a = browser({ answer: () => [503, { error: { code: 'unavailable' } }] });
  await a.settle();
  const b = browser({ storage: a.store });
  await b.settle();
  await b.tick();
  const ids = b.fetches.flatMap((f) => f.events).map((e) => e.client_event_id);
  assert.ok(ids.includes(a.fetches[0].events[0].client_event_id));
  assert.equal(new Set(ids).size, ids.length);
  assert.equal(JSON.parse(b.store.get('liveinsight_queue')).length, 0);
});

const silent = async (opts, what) => {
  const b = browser(opts);
  await b.settle();
  b.li.track('x');
  b.ctx.history.pushState({}, '', '/other');
  await b.tick();
  b.fire('pagehide');
  assert.equal(b.fetches.length + b.beacons.length, 0, what);
  return b;
};

test('Do Not Track: nothing is sent', () => silent({ nav: { doNotTrack: '1' } }, 'DNT'));
test('Global Privacy Control: nothing is sent', () => silent({ nav: { globalPrivacyControl: true } }, 'GPC'));
test('under navigator.webdriver nothing is sent without data-allow-automation', async () => {
  const b = await silent({ nav: { webdriver: true }, data: { endpoint: '/prod' } }, 'webdriver');
  assert.equal(b.timers.length, 0);
  assert.equal(typeof b.li.track, 'function', 'the API still exists');
});
test('under navigator.webdriver with data-allow-automation it tracks', async () => {
  const b = browser({ nav: { webdriver: true } });
  await b.settle();
  assert.equal(b.fetches.length, 1);
});

test('opt-out: the localStorage flag stops tracking; optOut() also clears the queue; optIn() resumes', async () => {
  const store = new Map([['liveinsight_optout', '1']]);
  await silent({ storage: store }, 'opted out by flag');
  const b = browser();
  await b.settle();
  b.li.track('queued');
  b.li.optOut();
  assert.equal(b.store.get('liveinsight_optout'), '1');
  assert.deepEqual(JSON.parse(b.store.get('liveinsight_queue')), []);
  b.li.track('ignored');
  await b.tick();
  assert.equal(b.fetches.length, 1);
  b.li.optIn();
  b.li.track('back');
  await b.tick();
  assert.deepEqual(b.fetches[1].events.map((e) => e.event_type), ['back']);
});

test('blocked localStorage falls back to memory instead of throwing', async () => {
  const b = browser();
  const ctx = { ...b.ctx };
  delete ctx.liveinsight;
  Object.defineProperty(ctx, 'localStorage', { get() { throw new Error('SecurityError'); } });
  ctx.window = ctx;
  const fetches = [];
  ctx.fetch = async (url, init) => (fetches.push(JSON.parse(init.body)), { status: 200, json: async () => ({}), headers: { get: () => null } });
  vm.createContext(ctx);
  vm.runInContext(code, ctx);
  await b.settle();
  assert.equal(fetches.length, 1);
  assert.equal(fetches[0][0].event_type, 'page_view');
});

test('an upgrade cleans the device: the keys older versions left are deleted and their queue loses its ids', async () => {
  const oldUid = '0b7e1d6a-5c3f-4e8a-9d2b-1f4a6c8e0d3b';
  const oldQueue = [{ t: 1_700_000_000_000 - 60_000, e: { user_id: oldUid, session_id: 'sess_20250101_abc', event_type: 'left_over', page_url: 'https://site.test/', client_event_id: 'old-1' } }];
  const store = new Map([['liveinsight_uid', oldUid], ['liveinsight_sid', 'sess_20250101_abc'], ['liveinsight_queue', JSON.stringify(oldQueue)], ['other_app', 'kept']]);
  const b = browser({ storage: store });
  await b.settle();
  assert.deepEqual([...store.keys()].sort(), ['liveinsight_queue', 'other_app']);
  assert.deepEqual(b.fetches[0].events.map((e) => [e.event_type, e.user_id, e.session_id]), [['left_over', undefined, undefined], ['page_view', undefined, undefined]]);
  assert.doesNotMatch(JSON.stringify([...b.fetches.map((f) => f.init.body), ...store.values()]), new RegExp(oldUid + '|sess_'));
});
test('loading the script twice tracks once', async () => {
  const b = browser();
  vm.runInContext(code, b.ctx);
  await b.settle();
  b.ctx.history.pushState({}, '', '/x');
  await b.tick();
  assert.deepEqual(b.sent().map((e) => e.page_url), ['https://site.test/', 'https://site.test/x']);
});

test('a page restored from the back/forward cache is a new view, without a referrer', async () => {
  const b = browser({ referrer: 'https://ref.test/' });
  await b.settle();
  b.listeners.pageshow.forEach((f) => f({ persisted: false })); // the first load's pageshow: no view
  b.listeners.pageshow.forEach((f) => f({ persisted: true }));
  await b.settle();
  assert.equal(b.fetches.length, 2, 'the restored page view leaves at once, as on a load');
  const views = b.sent().filter((e) => e.event_type === 'page_view');
  assert.deepEqual(views.map((e) => [e.page_url, e.referrer]), [
    ['https://site.test/', 'https://ref.test/'],
    ['https://site.test/', undefined],
  ]);
});
