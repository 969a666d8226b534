// LiveInsight tracker. Embed with:
//   <script defer src="https://example.com/tracker.js" data-endpoint="https://api.example.com/prod"></script>
// Options (data- attributes): endpoint, allow-automation, flush-interval (the coalescing window: ms an event
// may wait for company, default 15000), batch-size (default 10, at most 100). See tracker/README.md.
import { createQueue, views } from './queue.js';

(() => {
  const w = window, d = document, n = navigator, P = 'liveinsight_';
  if (w.liveinsight) return; // loaded twice
  const c = (d.currentScript || d.querySelector('script[data-endpoint]') || {}).dataset || {};
  const url = (c.endpoint || '/prod').replace(/\/$/, '') + '/events';
  const uuid = () =>
    crypto.randomUUID ? crypto.randomUUID() : (Date.now() + Math.random()).toString(36).replace('.', '') + Math.random().toString(36).slice(2);

  // localStorage, or a memory stand-in where it is blocked.
  let S;
  try {
    (S = w.localStorage).getItem(P);
  } catch (e) {
    const m = {};
    S = { getItem: (k) => (k in m ? m[k] : null), setItem: (k, v) => (m[k] = '' + v), removeItem: (k) => delete m[k] };
  }
  const get = (k) => S.getItem(P + k), set = (k, v) => S.setItem(P + k, v), del = (k) => S.removeItem(P + k);
  // Nothing on the device identifies the visitor (anonymous visitors are recognised on the server, for a day
  // at most). Older versions kept a random visitor id and the session id here: an upgrade deletes them.
  del('uid');
  del('sid');
  // The id given to identify(): in this page's memory only, never stored.
  let u = null;
  // Under automation (navigator.webdriver) do nothing unless the page opts in.
  const bot = n.webdriver && c.allowAutomation == null;
  const off = () => bot || n.doNotTrack == '1' || n.globalPrivacyControl || get('optout') != null;

  const q = createQueue({
    store: S,
    key: P + 'queue',
    now: Date.now,
    size: Math.min(+c.batchSize || 10, 100),
    // Later events wait up to 15 s for company: the API stamps events on arrival, and realtime counts look at
    // the last 5 minutes, so a 15 s lag is 5% of that window, and a page's events then share a request.
    wait: +c.flushInterval || 15e3,
    uuid,
    // The batch id rides in the query string: sendBeacon cannot set headers.
    post: (body, k) =>
      fetch(url + '?batch=' + k, { method: 'POST', body, headers: { 'Content-Type': 'text/plain' }, keepalive: body.length < 2e4, credentials: 'omit' }).then(
        (r) => [r.status, r.headers.get('Retry-After')],
        () => [0],
      ),
    beacon: (body, k) => n.sendBeacon && n.sendBeacon(url + '?batch=' + k, new Blob([body], { type: 'text/plain' })),
  });

  let ref;
  const track = (type, props, page = location.href) => {
    if (off()) return;
    // client_event_id is new for every event: it makes a retry idempotent and says nothing about who sent it.
    const e = { event_type: type, page_url: page.slice(0, 2048), client_event_id: uuid() }, x = (w.screen || 0).width;
    u && (e.user_id = u);
    // The screen width (CSS px) lets the API tell a phone from a tablet from a desktop.
    x > 0 && (e.screen_width = x | 0);
    /^https?:/.test(ref) && (e.referrer = ref.slice(0, 2048));
    props && (e.properties = props);
    q.add(e);
  };
  const view = views((page, r) => ((ref = r), track('page_view', 0, page)), d.referrer);
  const pv = () => view(location.href);

  w.liveinsight = {
    track: (type, props) => track(type, props),
    // Later events carry this user id, until the page goes away (call it on every page) or identify()
    // (no id, null or '') makes them anonymous again, e.g. on logout.
    identify: (id) => (u = id ? '' + id : null),
    userId: () => u,
    optOut: () => (set('optout', 1), q.clear()),
    optIn: () => del('optout'),
    flush: () => q.flush(0, 1),
  };
  if (bot) return;

  for (const m of ['pushState', 'replaceState']) {
    const f = history[m];
    history[m] = function () {
      const r = f.apply(this, arguments);
      pv();
      return r;
    };
  }
  addEventListener('popstate', pv);
  // A page restored from the back/forward cache runs no script again, but it is a new view.
  addEventListener('pageshow', (e) => e.persisted && (view(location.href, 1), q.flush(0, 1)));
  const bye = () => q.flush(1);
  addEventListener('pagehide', bye);
  d.addEventListener('visibilitychange', () => d.visibilityState == 'hidden' && bye());
  // Checks every second for events whose window has passed and for retries whose backoff is over.
  setInterval(() => q.flush(), 1e3);
  // The page view of a page load leaves at once, with whatever an earlier page left queued.
  pv();
  q.flush(0, 1);
})();
