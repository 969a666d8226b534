// Runs the bundled tracker (tracker/src/liveinsight.js) in a Node vm with a fake browser: window,
// document, history, localStorage, fetch and sendBeacon. Checks the wiring that queue.test.mjs can't.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { buildSync } from 'esbuild';

const src = new URL('../src/liveinsight.js', import.meta.url).pathname;
const code = buildSync({ entryPoints: [src], bundle: true, minify: true, format: 'iife', target: 'es2019', write: false }).outputFiles[0].text;

function browser({ href = 'https://site.test/', referrer = '', data = { endpoint: 'https://api.test/prod/', allowAutomation: '' }, nav = {}, storage, answer } = {}) {
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
  assert.equal(e.user_id, b.li.userId());
  assert.equal(b.store.get('liveinsight_sid'), 'sess_20250101_abc', 'the returned session is stored');
  assert.equal(b.timers[0].ms, 1000, 'a one-second tick checks the coalescing window and the backoff');
});

test('the anonymous id is generated once and kept in localStorage, not cookies', async () => {
  const a = browser();
  await a.settle();
  const b = browser({ storage: a.store });
  await b.settle();
  assert.equal(b.li.userId(), a.li.userId());
  assert.equal(a.fetches[0].events[0].user_id, b.fetches[0].events[0].user_id);
  assert.equal(b.ctx.document.cookie, undefined);
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
  assert.ok(b.sent().slice(1).every((e) => e.session_id === 'sess_20250101_abc'));
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

test('identify replaces the anonymous id and drops the session; identify() goes back to a new anonymous id', async () => {
  const b = browser();
  await b.settle();
  const anon = b.li.userId();
  b.li.identify('user-42');
  assert.equal(b.li.userId(), 'user-42');
  assert.equal(b.store.get('liveinsight_sid'), undefined);
  b.li.track('login');
  await b.tick();
  assert.equal(b.fetches[1].events[0].user_id, 'user-42');
  b.li.identify();
  assert.notEqual(b.li.userId(), 'user-42');
  assert.notEqual(b.li.userId(), anon);
  assert.equal(b.store.get('liveinsight_sid'), undefined);
});

test('events queued before identify() keep out of the new user\'s session', async () => {
  let n = 0;
  const b = browser({ answer: (events) => [200, { results: events.map((e) => ({ event_id: 'evt_' + ++n, session_id: 'sess_20250101_' + e.user_id.replace(/[^0-9a-f]/g, '').slice(0, 8) + '0' })) }] });
  await b.settle();
  b.store.delete('liveinsight_sid');
  b.fetches.length = 0;
  b.li.track('before'); // anonymous, no session known
  b.li.identify('a1');
  b.li.track('after');
  await b.tick();
  await b.settle();
  const [first, second] = b.fetches.map((f) => f.events);
  assert.deepEqual(first.map((e) => [e.event_type, e.session_id]), [['before', undefined]]);
  assert.deepEqual(second.map((e) => [e.event_type, e.user_id, e.session_id]), [['after', 'a1', undefined]]);
  assert.equal(b.store.get('liveinsight_sid'), 'sess_20250101_a10', "a1's own session, not the anonymous one");
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
  assert.equal(events[0].session_id, 'sess_20250101_abc');
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
  assert.ok(ctx.liveinsight.userId());
});

test('a session id the API refuses is forgotten and the events are sent again without it', async () => {
  const b = browser({
    storage: new Map([['liveinsight_sid', 'sess_20200101_bad'], ['liveinsight_uid', 'u9']]),
    answer: (events) =>
      events[0].session_id === 'sess_20200101_bad'
        ? [400, { error: { code: 'validation_failed', message: 'x', details: [{ field: '[0].session_id' }] } }]
        : [200, { results: events.map(() => ({ event_id: 'evt_1', session_id: 'sess_20250101_good' })) }],
  });
  await b.settle();
  assert.deepEqual(b.fetches.map((f) => [f.events[0].event_type, f.events[0].session_id]), [
    ['page_view', 'sess_20200101_bad'],
    ['page_view', undefined],
  ]);
  assert.equal(b.store.get('liveinsight_sid'), 'sess_20250101_good');
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
