// Unit tests of the tracker's delivery logic (tracker/src/queue.js) with a fake storage, clock and transport.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createQueue, backoff, retryable, views, MAX_AGE } from '../src/queue.js';

const fakeStorage = () => {
  const m = new Map();
  return { getItem: (k) => (m.has(k) ? m.get(k) : null), setItem: (k, v) => m.set(k, String(v)), removeItem: (k) => m.delete(k), m };
};

let seq = 0;
const ev = (type = 'page_view') => ({ event_type: type, page_url: 'https://example.com/', client_event_id: `c${++seq}` });
// An event of a user the page identified: it carries a user_id.
const idEv = (type = 'page_view', user_id = 'u-123') => ({ ...ev(type), user_id });
const tick = () => new Promise((r) => setImmediate(r));

// A queue over a fake world. `answers` are consumed by post() in order; each is [status, retryAfter]
// or a function of the parsed events returning one. Default answer: 200.
// posts/beacons hold the parsed events of each request; sent holds every request as {via, body, batch}.
function world({ size = 3, wait = 15_000, store = fakeStorage(), clock = { t: 1_000_000 }, beaconOk = true } = {}) {
  const w = { store, clock, posts: [], beacons: [], sent: [], answers: [], beaconOk };
  w.ok = () => [200];
  w.q = createQueue({
    store,
    key: 'q',
    now: () => clock.t,
    size,
    wait,
    uuid: () => `batch${++seq}`,
    post: async (body, batch) => {
      const events = JSON.parse(body);
      w.posts.push(events);
      w.sent.push({ via: 'post', body, batch });
      const a = w.answers.length ? w.answers.shift() : w.ok;
      return typeof a === 'function' ? a(events) : a;
    },
    beacon: (body, batch) => (w.beacons.push(JSON.parse(body)), w.sent.push({ via: 'beacon', body, batch }), w.beaconOk),
  });
  w.stored = () => JSON.parse(store.getItem('q') || '[]').map((i) => i.e.client_event_id);
  // Every event as written to the store.
  w.storedEvents = () => JSON.parse(store.getItem('q') || '[]').map((i) => i.e);
  return w;
}

test('backoff doubles from 2 s and is capped at 5 minutes', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 20].map(backoff), [2e3, 4e3, 8e3, 16e3, 32e3, 64e3, 128e3, 256e3, 3e5, 3e5]);
});

test('only network errors, 429 and 5xx are retryable', () => {
  for (const s of [0, undefined, 429, 500, 502, 503, 504]) assert.equal(retryable(s), true, String(s));
  for (const s of [200, 400, 401, 403, 404, 413, 415, 422]) assert.equal(retryable(s), false, String(s));
});

test('size-triggered: below the batch size nothing is sent; the event that reaches it sends the batch at once, inside the window', async () => {
  const w = world({ size: 3, wait: 60_000 });
  w.q.add(ev());
  w.q.add(ev());
  await w.q.flush(); // a tick: the window has not passed
  assert.equal(w.posts.length, 0);
  w.q.add(ev());
  await tick();
  assert.equal(w.posts.length, 1);
  assert.equal(w.posts[0].length, 3);
  assert.deepEqual(w.stored(), []);
});

test('coalescing: ticks send nothing until the oldest event has waited the window, then one request carries them all', async () => {
  const w = world({ size: 10, wait: 15_000 });
  w.q.add(ev('first'));
  for (let s = 1; s <= 14; s++) {
    w.clock.t += 1000;
    if (s % 2 == 0) w.q.add(ev('later'));
    await w.q.flush(); // the tracker's one-second tick
  }
  assert.equal(w.posts.length, 0, 'nothing leaves inside the window');
  w.clock.t += 999;
  await w.q.flush();
  assert.equal(w.posts.length, 0);
  w.clock.t += 1;
  await w.q.flush();
  assert.deepEqual(w.posts.map((p) => p.length), [8], 'the first event and the seven that joined it, in one request');
  assert.deepEqual(w.posts[0].map((e) => e.event_type), ['first', ...Array(7).fill('later')]);
  assert.deepEqual(w.stored(), []);
  w.q.add(ev());
  w.clock.t += 14_999;
  await w.q.flush();
  assert.equal(w.posts.length, 1, 'the window starts again with the next event');
});

test('flush(now) sends what is pending below the threshold without waiting for the window', async () => {
  const w = world({ size: 10 });
  w.q.add(ev());
  w.q.add(ev('click'));
  await w.q.flush(0, true);
  assert.equal(w.posts.length, 1);
  assert.deepEqual(w.posts[0].map((e) => e.event_type), ['page_view', 'click']);
});

test('flush(now) while a request is in flight is kept: the pending event leaves as soon as that request is answered', async () => {
  const w = world({ size: 10, wait: 600_000 });
  let answer;
  w.answers.push(() => new Promise((r) => (answer = r)));
  w.q.add(ev());
  w.clock.t += 600_000;
  const first = w.q.flush(); // a timer tick after the window: not a forced flush
  w.q.add(ev('after'));
  w.q.flush(0, 1); // in flight: must not be lost
  assert.equal(w.posts.length, 1);
  answer(w.ok(w.posts[0]));
  await first;
  await tick();
  assert.equal(w.posts.length, 2);
  assert.deepEqual(w.posts[1].map((e) => e.event_type), ['after']);
});

test('sealing: a failed batch is retried whole, same events, order, body and batch id; later events go in the next batch', async () => {
  const w = world({ size: 10 });
  w.answers.push([503], [0]);
  w.q.add(ev('a'));
  w.q.add(ev('b'));
  await w.q.flush(0, true);
  const first = w.sent[0];
  w.q.add(ev('c'));
  w.clock.t += backoff(1);
  await w.q.flush(0, true); // fails again
  w.clock.t += backoff(2);
  await w.q.flush(0, true); // succeeds, then the rest follows
  assert.deepEqual(w.sent.slice(0, 3).map((r) => [r.body, r.batch]), Array(3).fill([first.body, first.batch]));
  assert.deepEqual(w.posts[0].map((e) => e.event_type), ['a', 'b']);
  assert.deepEqual(w.posts[3].map((e) => e.event_type), ['c']);
  assert.notEqual(w.sent[3].batch, first.batch, 'a new batch, a new id');
  assert.deepEqual(w.stored(), []);
});

test('sealing: a batch still unanswered when the page went away is sent by the next page with the same body and id', async () => {
  const store = fakeStorage();
  const clock = { t: 5_000_000 };
  const a = world({ store, clock, size: 10 });
  a.answers.push(() => new Promise(() => {})); // in flight when the page goes away
  a.q.add(ev('a'));
  a.q.flush(0, true);
  a.q.add(ev('b'));
  a.q.flush(true); // page hide: 'b' leaves by beacon, 'a' stays queued
  assert.deepEqual(a.beacons.map((x) => x.map((e) => e.event_type)), [['b']]);
  const b = world({ store, clock, size: 10 });
  b.q.add(ev('c'));
  await b.q.flush(0, true);
  assert.deepEqual(b.sent.map((r) => [r.body, r.batch]).slice(0, 1), [[a.sent[0].body, a.sent[0].batch]]);
  assert.deepEqual(b.posts.map((p) => p.map((e) => e.event_type)), [['a'], ['c']]);
  assert.deepEqual(b.stored(), []);
});

test('sealing: every batch gets its own id, and the same id always carries the same body', async () => {
  const w = world({ size: 2 });
  w.answers.push([503], [503]);
  for (let i = 0; i < 5; i++) w.q.add(ev());
  await tick();
  w.clock.t += backoff(1);
  await w.q.flush(0, true); // the first batch fails again
  w.q.flush(true); // page hide: the first batch again, then the rest in two new ones
  const bodies = new Map();
  for (const r of w.sent) assert.equal(bodies.get(r.batch) ?? r.body, r.body, `batch ${r.batch} re-sent with another body`), bodies.set(r.batch, r.body);
  assert.deepEqual(w.sent.map((r) => [r.via, JSON.parse(r.body).length]), [['post', 2], ['post', 2], ['beacon', 2], ['beacon', 2], ['beacon', 1]]);
  assert.equal(bodies.size, 3);
  assert.equal(new Set(w.sent.flatMap((r) => JSON.parse(r.body).map((e) => e.client_event_id))).size, 5);
});

test('a sealed batch expires whole, by the enqueue time of its oldest event', async () => {
  const w = world({ size: 10 });
  w.answers.push([0]);
  w.q.add(ev('old'));
  w.clock.t += 10_000;
  w.q.add(ev('younger'));
  await w.q.flush(0, true); // seals both, fails
  w.clock.t += MAX_AGE - 10_000 - 1;
  assert.equal(w.q.load().length, 2);
  w.clock.t += 1;
  assert.equal(w.q.load().length, 0, 'never half a batch');
});

test('a flush sends at most batch-size events and drains the rest after a success', async () => {
  const w = world({ size: 2 });
  w.answers.push([503]); // keep the automatic flush at the threshold from sending
  for (let i = 0; i < 5; i++) w.q.add(ev());
  await tick();
  w.clock.t += backoff(1);
  await w.q.flush(0, true);
  assert.deepEqual(w.posts.slice(1).map((p) => p.length), [2, 2, 1]);
  assert.deepEqual(w.stored(), []);
  const ids = w.posts.slice(1).flat().map((e) => e.client_event_id);
  assert.equal(new Set(ids).size, 5, 'each event sent exactly once after the retry');
});

test("a visitor's first request carries up to batch-size events: no session has to be known first", async () => {
  const w = world({ size: 10 });
  w.q.add(ev());
  w.q.add(ev('click'));
  w.q.add(ev('click'));
  await w.q.flush(0, true);
  assert.deepEqual(w.posts.map((p) => p.length), [3]);
  assert.ok(w.posts[0].every((e) => !('session_id' in e) && !('user_id' in e)), 'the tracker sends no session id and, anonymous, no user id');
});

for (const status of [0, 429, 500, 503]) {
  test(`status ${status || '0 (network error)'} keeps the events and retries them after the backoff`, async () => {
    const w = world({ size: 10 });
    w.answers.push([status], [status]);
    w.q.add(ev());
    await w.q.flush(0, true);
    assert.equal(w.stored().length, 1);
    w.clock.t += backoff(1) - 1;
    await w.q.flush(0, true);
    assert.equal(w.posts.length, 1, 'no retry before the backoff has passed');
    w.clock.t += 1;
    await w.q.flush(0, true); // second failure: the wait doubles
    assert.equal(w.posts.length, 2);
    w.clock.t += backoff(2) - 1;
    await w.q.flush(0, true);
    assert.equal(w.posts.length, 2);
    w.clock.t += 1;
    await w.q.flush(0, true);
    assert.equal(w.posts.length, 3);
    assert.deepEqual(w.stored(), []);
    assert.equal(new Set(w.posts.map((p) => p[0].client_event_id)).size, 1, 'the same event, retried');
  });
}

test('a success resets the backoff', async () => {
  const w = world({ size: 10 });
  w.answers.push([503], [503]);
  w.q.add(ev());
  await w.q.flush(0, true);
  w.clock.t += backoff(1);
  await w.q.flush(0, true);
  w.clock.t += backoff(2);
  await w.q.flush(0, true); // success
  w.answers.push([503]);
  w.q.add(ev());
  await w.q.flush(0, true);
  w.clock.t += backoff(1);
  await w.q.flush(0, true);
  assert.equal(w.posts.length, 5);
});

test('Retry-After is honoured when longer than the backoff', async () => {
  const w = world({ size: 10 });
  w.answers.push([503, '30']);
  w.q.add(ev());
  await w.q.flush(0, true);
  w.clock.t += 29_999;
  await w.q.flush(0, true);
  assert.equal(w.posts.length, 1);
  w.clock.t += 1;
  await w.q.flush(0, true);
  assert.equal(w.posts.length, 2);
});

for (const status of [400, 404, 413, 415]) {
  test(`status ${status} drops the events at once, without retrying`, async () => {
    const w = world({ size: 10 });
    w.answers.push([status]);
    w.q.add(ev());
    await w.q.flush(0, true);
    assert.equal(w.posts.length, 1);
    assert.deepEqual(w.stored(), []);
    w.clock.t += 1e9;
    await w.q.flush(0, true);
    assert.equal(w.posts.length, 1);
  });
}

test('per-event errors in a batch answer are not retried', async () => {
  const w = world({ size: 10 });
  w.answers.push([200]); // e.g. {"results":[{"error":…},{"event_id":…}]}: the answer's body is not read
  w.q.add(ev());
  w.q.add(ev());
  await w.q.flush(0, true);
  await w.q.flush(0, true);
  assert.equal(w.posts.length, 1);
  assert.deepEqual(w.stored(), []);
});

test('the queue survives a reload: a new queue on the same storage sends what the old one could not', async () => {
  const store = fakeStorage();
  const clock = { t: 5_000_000 };
  const a = world({ store, clock, size: 10 });
  a.answers.push([0]);
  a.q.add(ev());
  a.q.add(ev('signup'));
  await a.q.flush(0, true);
  assert.equal(a.stored().length, 2);
  const b = world({ store, clock, size: 10 }); // the page reloaded: fresh backoff, same storage
  assert.equal(b.q.load().length, 2);
  await b.q.flush(0, true);
  assert.deepEqual(b.posts[0].map((e) => e.event_type), ['page_view', 'signup']);
  assert.deepEqual(b.stored(), []);
});

test('an event added while a request is in flight stays queued and is sent once, afterwards', async () => {
  const w = world({ size: 10 });
  let release;
  w.answers.push((events) => new Promise((r) => (release = () => r(w.ok(events)))));
  w.q.add(ev());
  const p = w.q.flush(0, true);
  w.q.add(ev('click'));
  await w.q.flush(0, true); // in flight: no second request
  assert.equal(w.posts.length, 1);
  release();
  await p;
  assert.deepEqual(w.posts.map((p) => p.map((e) => e.event_type)), [['page_view'], ['click']]);
  assert.deepEqual(w.stored(), []);
});

test('events older than 24 h are dropped, younger ones kept', async () => {
  const w = world({ size: 10 });
  w.answers.push([0]);
  w.q.add(ev('old'));
  await w.q.flush(0, true);
  w.clock.t += MAX_AGE - 1000;
  w.q.add(ev('young'));
  w.clock.t += 1000;
  await w.q.flush(0, true);
  assert.deepEqual(w.posts[1].map((e) => e.event_type), ['young']);
  assert.equal(MAX_AGE, 24 * 3600 * 1000);
});

test('expired events are also purged from storage when nothing can be sent', async () => {
  const w = world({ size: 10 });
  w.answers.push([503]);
  w.q.add(ev());
  await w.q.flush(0, true);
  w.clock.t += MAX_AGE;
  await w.q.flush(0, true);
  assert.equal(w.posts.length, 1);
  assert.deepEqual(w.stored(), []);
});

test('unload: the beacon carries every pending event, batch-size per request, and they leave the queue', async () => {
  const w = world({ size: 4 });
  w.answers.push([503]); // the threshold flush fails: everything stays queued
  for (let i = 0; i < 10; i++) w.q.add(ev());
  await tick();
  w.q.flush(true);
  assert.deepEqual(w.beacons.map((b) => b.length), [4, 4, 2]);
  assert.equal(w.sent[1].body, w.sent[0].body, 'the failed batch leaves whole...');
  assert.equal(w.sent[1].batch, w.sent[0].batch, '...under its id');
  assert.equal(new Set(w.sent.map((r) => r.batch)).size, 3);
  assert.deepEqual(w.stored(), []);
  assert.equal(w.posts.length, 1);
});

test('unload: beacons stop at the first one the browser refuses; the rest stay queued', async () => {
  const w = world({ size: 2 });
  w.answers.push([503]);
  for (let i = 0; i < 6; i++) w.q.add(ev());
  await tick();
  let n = 0;
  w.beaconOk = false;
  const q2 = createQueue({ store: w.store, key: 'q', now: () => w.clock.t, size: 2, wait: 15_000, uuid: () => 'b', post: async () => [0], beacon: () => ++n < 2 });
  q2.flush(true);
  assert.equal(n, 2);
  assert.equal(w.stored().length, 4);
});

test('delivered events are never re-sent even when storage cannot be rewritten (quota)', async () => {
  const w = world({ size: 10 });
  w.q.add(ev());
  w.q.add(ev());
  const setItem = w.store.setItem;
  w.store.setItem = () => {
    throw new Error('QuotaExceededError');
  };
  await w.q.flush(0, true);
  await w.q.flush(0, true);
  assert.equal(w.posts.length, 1);
  w.store.setItem = setItem;
});

test('unload: a refused beacon leaves the events queued for the next page', async () => {
  const w = world({ size: 10, beaconOk: false });
  w.q.add(ev());
  w.q.flush(true);
  assert.equal(w.beacons.length, 1);
  assert.equal(w.stored().length, 1);
});

test('unload: events already in flight are not sent again by the beacon', async () => {
  const w = world({ size: 10 });
  let release;
  w.answers.push((events) => new Promise((r) => (release = () => r(w.ok(events)))));
  w.q.add(ev('first'));
  const p = w.q.flush(0, true);
  w.q.add(ev('second'));
  w.q.flush(true);
  assert.deepEqual(w.beacons.map((b) => b.map((e) => e.event_type)), [['second']]);
  release();
  await p;
  assert.deepEqual(w.stored(), []);
  assert.equal(w.posts.length, 1);
});

test('clear empties the queue', () => {
  const w = world({ size: 10 });
  w.q.add(ev());
  w.q.clear();
  assert.deepEqual(w.stored(), []);
});

test('no identifier reaches the store: an identified event stays in memory, is sent with its user_id, and leaves no trace', async () => {
  const w = world({ size: 10 });
  const writes = [];
  const setItem = w.store.setItem;
  w.store.setItem = (k, v) => (writes.push(v), setItem(k, v));
  w.answers.push([503]);
  w.q.add(ev('anon'));
  w.q.add(idEv('login'));
  await w.q.flush(0, true); // fails: both stay queued
  assert.deepEqual(w.stored(), [w.posts[0][0].client_event_id], 'only the anonymous event is persisted');
  assert.deepEqual(w.q.load().map((i) => i.e.event_type), ['anon', 'login'], 'the queue still holds both, oldest first');
  w.clock.t += backoff(1);
  await w.q.flush(0, true);
  assert.deepEqual(w.posts[1].map((e) => [e.event_type, e.user_id]), [['anon', undefined], ['login', 'u-123']]);
  assert.ok(writes.length > 2, 'the store was written several times');
  for (const v of writes) assert.doesNotMatch(v, /user_id|session_id|u-123/, `written: ${v}`);
  assert.deepEqual(w.stored(), []);
});

test('identified events keep their place in the queue among stored ones', async () => {
  const w = world({ size: 10 });
  w.q.add(idEv('a'));
  w.clock.t += 1;
  w.q.add(ev('b'));
  w.clock.t += 1;
  w.q.add(idEv('c'));
  w.clock.t += 1;
  w.q.add(ev('d'));
  await w.q.flush(0, true);
  assert.deepEqual(w.posts[0].map((e) => e.event_type), ['a', 'b', 'c', 'd']);
});

test('an identified event is not persisted, so a reload before delivery loses it (the anonymous ones survive)', async () => {
  const store = fakeStorage();
  const clock = { t: 5_000_000 };
  const a = world({ store, clock, size: 10 });
  a.answers.push([0]);
  a.q.add(ev('anon'));
  a.q.add(idEv('identified'));
  await a.q.flush(0, true);
  const b = world({ store, clock, size: 10 }); // the page reloaded
  await b.q.flush(0, true);
  assert.deepEqual(b.posts.map((p) => p.map((e) => e.event_type)), [['anon']]);
});

test('unload: identified events leave by beacon with their user_id, from memory', async () => {
  const w = world({ size: 10 });
  w.q.add(ev('anon'));
  w.q.add(idEv('bye'));
  w.q.flush(true);
  assert.deepEqual(w.beacons.map((b) => b.map((e) => [e.event_type, e.user_id])), [[['anon', undefined], ['bye', 'u-123']]]);
  assert.deepEqual(w.q.load(), []);
});

test("a queue an older tracker left, with its visitor id and session id, is sent without them and rewritten without them", async () => {
  const store = fakeStorage();
  const old = { user_id: '0b7e1d6a-5c3f-4e8a-9d2b-1f4a6c8e0d3b', session_id: 'sess_20250101_ab', event_type: 'page_view', page_url: 'https://example.com/', client_event_id: 'old-1' };
  store.setItem('q', JSON.stringify([{ t: 999_000, e: old, b: 'old-batch' }, { t: 999_500, e: { ...old, client_event_id: 'old-2' } }]));
  const w = world({ store, size: 10 });
  w.answers.push([503]);
  await w.q.flush(0, true);
  assert.doesNotMatch(store.getItem('q'), /user_id|session_id|0b7e1d6a|sess_/);
  assert.deepEqual(w.stored(), ['old-1', 'old-2']);
  assert.deepEqual(w.posts[0].map((e) => [e.client_event_id, e.user_id, e.session_id]), [['old-1', undefined, undefined]]);
  assert.equal(w.sent[0].batch, 'old-batch', 'a batch sealed by the old tracker keeps its id');
});

test('page views: same-URL repeats are skipped; referrer is document.referrer first, then the previous URL', () => {
  const seen = [];
  const view = views((url, ref) => seen.push([url, ref]), 'https://google.com/');
  view('https://s.com/');
  view('https://s.com/'); // replaceState to the same URL
  view('https://s.com/a'); // pushState
  view('https://s.com/a'); // replaceState to the same URL: still one view
  view('https://s.com/b');
  view('https://s.com/a'); // popstate back
  assert.deepEqual(seen, [
    ['https://s.com/', 'https://google.com/'],
    ['https://s.com/a', 'https://s.com/'],
    ['https://s.com/b', 'https://s.com/a'],
    ['https://s.com/a', 'https://s.com/b'],
  ]);
});
