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
 *   size    batch size: a flush sends at most this many; adding this many pending triggers a flush
 *   post    (body) => Promise<[status, json, retryAfter]>, status 0 for a network error
 *   beacon  (body) => boolean, true when the browser accepted it (navigator.sendBeacon)
 *   sid(event?)          the session id to send `event` with (no event: for the current visitor), or falsy
 *   setSid(id, event)    the API put `event` in session `id`; id 0: forget the stored session
 * Stored items are {t: enqueue time, e: event}; every event carries a client_event_id.
 */
export const createQueue = (o) => {
  // busy: ids in flight; done: ids delivered or dropped by this page, ignored even if storage could not
  // be rewritten (quota), so they are never sent again in a loop.
  let busy = [], done = [], fails = 0, next = 0;
  const id = (i) => i.e.client_event_id;
  const load = () => {
    let q;
    try {
      q = JSON.parse(o.store.getItem(o.key));
    } catch (e) {}
    return (q || []).filter((i) => o.now() - i.t < MAX_AGE && !done.includes(id(i)));
  };
  const save = (q) => {
    try {
      o.store.setItem(o.key, JSON.stringify(q));
    } catch (e) {}
  };
  const drop = (ids) => (done.push(...ids), save(load()));
  // Events are sent with the newest session id unless they already carry one.
  const body = (b) =>
    JSON.stringify(
      b.map((i) => {
        const s = o.sid(i.e);
        s && !i.e.session_id && (i.e.session_id = s);
        return i.e;
      }),
    );

  // flush(): one fetch of up to `size` events (only one when no session is known yet, so that a
  // visit's events all join the session the first answer creates); no-op while a request is in
  // flight or a backoff is pending. flush(true): unload - hand every pending event not already in
  // flight to the beacon, `size` per request (small beacons: the browser caps their total at 64 KB).
  const flush = (final) => {
    let q = load();
    save(q);
    if (final) {
      q = q.filter((i) => !busy.includes(id(i)));
      while (q.length) {
        const b = q.splice(0, o.size);
        if (!o.beacon(body(b))) break;
        drop(b.map(id));
      }
      return;
    }
    if (busy.length || !q.length || o.now() < next) return;
    const b = q.slice(0, o.sid() ? o.size : 1);
    busy = b.map(id);
    return o.post(body(b)).then(([s, j, ra]) => {
      const ids = busy;
      busy = [];
      if (retryable(s)) {
        next = o.now() + Math.max(backoff(++fails), ra * 1e3 || 0);
        return;
      }
      fails = next = 0;
      // A refused request may be refusing the session id itself (one the API no longer accepts): forget
      // it and send the same events once more without it, rather than failing the same way forever.
      if (s > 299 && b[0].e.session_id) return o.setSid(0, b[0].e), flush();
      drop(ids);
      // Single answer or batch results, in input order; adopt the session ids handed out.
      ((j && j.results) || [j]).map((r, k) => r && r.session_id && o.setSid(r.session_id, b[k].e));
      return flush();
    });
  };

  return {
    flush,
    load,
    add(e) {
      const q = load();
      q.push({ t: o.now(), e });
      save(q);
      if (q.length - busy.length >= o.size) flush();
    },
    clear: () => save([]),
  };
};
