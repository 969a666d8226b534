// The tracker's delivery logic, free of browser globals so Node can unit-test it:
// storage, clock and transport are injected. esbuild bundles this into liveinsight.min.js.

// Queued events older than this are dropped, never sent.
export const MAX_AGE = 864e5;

// Delay before the next attempt after `n` consecutive retryable failures: 2 s, 4 s, 8 s ... capped at 5 min.
export const backoff = (n) => Math.min(1e3 * 2 ** n, 3e5);

// Only network errors (status 0), 429 and 5xx are worth retrying; other answers are final.
export const retryable = (s) => !s || s == 429 || s > 499;

// Page-view dedupe: calls emit(url, referrer) when `url` differs from the last one seen. The first
// view's referrer is `first` (document.referrer); later views get the previous URL. `again` forces a
// view of the same URL (a page restored from the back/forward cache), with no referrer.
export const views = (emit, first) => {
  let last;
  return (url, again) => {
    if (again || url != last) emit(url, again ? '' : last == null ? first : last), (last = url);
  };
};

/**
 * A persistent event queue. Options:
 *   store   getItem/setItem (localStorage or a fake) - the queue lives there, so it survives reloads
 *   key     storage key of the queue
 *   now     clock, ms
 *   size    batch size: a batch holds at most this many events; this many waiting are sent at once
 *   wait    coalescing window, ms: how long an event may wait for company before a flush sends it
 *   uuid    () => a new batch id
 *   post    (body, batch id) => Promise<[status, retryAfter]>, status 0 for a network error
 *   beacon  (body, batch id) => boolean, true when the browser accepted it (navigator.sendBeacon)
 * Items are {t: enqueue time, e: event, b: batch id once sealed}; every event carries a client_event_id.
 *
 * The store never holds an identifier. An event carrying a user_id (the page called identify()) is kept in
 * this page's memory only, so it is lost if the page goes away before it is delivered (the unload beacon
 * usually gets it out first); and whatever the store holds, even a queue an older tracker left with its
 * random visitor id and session id in it, is read back without user_id and session_id.
 *
 * A batch is sealed when it is formed: its events and their order are fixed and stored with its id, so
 * that every later attempt (a retry, a beacon, the next page) sends the same body under the same id, and
 * the API can recognise a request it has already seen.
 */
export const createQueue = (o) => {
  // busy: ids in flight; done: ids delivered or dropped by this page, ignored even if storage could not
  // be rewritten (quota), so they are never sent again in a loop.
  // want: a flush(0, true) came while a request was in flight or a backoff was pending; the next flush that
  // can send honours it, so an explicit flush() is never silently lost.
  // mem: the items whose event carries a user_id, which never go to the store.
  let busy = [], done = [], mem = [], fails = 0, next = 0, want = 0;
  const id = (i) => i.e.client_event_id;
  const load = () => {
    let q;
    try {
      q = JSON.parse(o.store.getItem(o.key));
    } catch (e) {}
    q = q || [];
    for (const i of q) delete i.e.user_id, delete i.e.session_id;
    // Oldest first: the coalescing window and sealing look at the front of the queue. The sort is stable, so
    // the events of one visitor keep their order; a stored and an in-memory event of the same millisecond may
    // swap, which is harmless: one is anonymous and the other identified, so they never share a session.
    return q.concat(mem).filter((i) => o.now() - i.t < MAX_AGE && !done.includes(id(i))).sort((a, b) => a.t - b.t);
  };
  const save = (q) => {
    mem = q.filter((i) => i.e.user_id);
    try {
      o.store.setItem(o.key, JSON.stringify(q.filter((i) => !i.e.user_id)));
    } catch (e) {}
  };
  const drop = (ids) => (done.push(...ids), save(load()));
  const body = (b) => JSON.stringify(b.map((i) => i.e));
  // Seals the oldest `n` unsealed items of `q` into one batch and stores it. Its events take the batch's
  // first enqueue time, so they expire together.
  const seal = (q, n) => {
    const b = q.filter((i) => !i.b).slice(0, n), k = o.uuid();
    for (const i of b) (i.b = k), (i.t = b[0].t);
    save(q);
  };

  // flush(): one fetch: a sealed batch if one waits (retries first), else, once the oldest event has waited
  // `wait` ms or `size` events wait, a new batch of up to `size`; no-op while a request is in flight or a
  // backoff is pending. flush(0, true): the same without waiting (a page load, flush()).
  // flush(true): unload - seal every pending event not already in flight, `size` per batch (small beacons:
  // the browser caps their total at 64 KB), and hand each batch to the beacon.
  const flush = (final, now) => {
    let q = load(), k, b;
    save(q);
    if (final) {
      while (q.some((i) => !i.b)) seal(q, o.size);
      q = q.filter((i) => !busy.includes(id(i)));
      while (q.length) {
        b = q.filter((i) => i.b == q[0].b);
        if (!o.beacon(body(b), q[0].b)) break;
        drop(b.map(id));
        q = q.filter((i) => i.b != b[0].b);
      }
      return;
    }
    if (busy.length || o.now() < next) return void (now && (want = 1));
    if (!q.length) return;
    now = now || want;
    want = 0;
    if (!(k = (q.find((i) => i.b) || {}).b)) {
      if (!now && q.length < o.size && o.now() - q[0].t < o.wait) return;
      seal(q, o.size);
      k = q[0].b;
    }
    b = q.filter((i) => i.b == k);
    busy = b.map(id);
    return o.post(body(b), k).then(([s, ra]) => {
      busy = [];
      if (retryable(s)) {
        next = o.now() + Math.max(backoff(++fails), ra * 1e3 || 0);
        return;
      }
      // Delivered, or refused for good (a 4xx; per-event errors in a batch answer are final too).
      fails = next = 0;
      drop(b.map(id));
      return flush(0, now);
    });
  };

  return {
    flush,
    load,
    add(e) {
      const q = load();
      q.push({ t: o.now(), e });
      save(q);
      if (q.filter((i) => !i.b).length >= o.size) flush();
    },
    clear: () => save([]),
  };
};
