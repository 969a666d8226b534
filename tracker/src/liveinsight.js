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
  const uid = () => get('uid') || (set('uid', uuid()), get('uid'));
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
    // The stored session belongs to the current visitor: events queued under an earlier id don't use or set it.
    sid: (e) => (!e || e.user_id == get('uid')) && get('sid'),
    setSid: (s, e) => e.user_id == get('uid') && (s ? set('sid', s) : del('sid')),
    // The batch id rides in the query string: sendBeacon cannot set headers.
    post: (body, k) =>
      fetch(url + '?batch=' + k, { method: 'POST', body, headers: { 'Content-Type': 'text/plain' }, keepalive: body.length < 2e4, credentials: 'omit' }).then(
        (r) => r.json().then((j) => [r.status, j, r.headers.get('Retry-After')], () => [r.status]),
        () => [0],
      ),
    beacon: (body, k) => n.sendBeacon && n.sendBeacon(url + '?batch=' + k, new Blob([body], { type: 'text/plain' })),
  });

  let ref;
  const track = (type, props, page = location.href) => {
    if (off()) return;
    const e = { user_id: uid(), event_type: type, page_url: page.slice(0, 2048), client_event_id: uuid() };
    /^https?:/.test(ref) && (e.referrer = ref.slice(0, 2048));
    props && (e.properties = props);
    q.add(e);
  };
  const view = views((page, r) => ((ref = r), track('page_view', 0, page)), d.referrer);
  const pv = () => view(location.href);

  w.liveinsight = {
    track: (type, props) => track(type, props),
    // Replaces the anonymous id; identify() with no id starts a new anonymous one. A new visitor
    // starts a new session.
    identify: (id) => (id != get('uid') && del('sid'), id ? set('uid', id) : del('uid')),
    userId: uid,
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
