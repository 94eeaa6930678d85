// node clients/chromium.mjs {events_url}                    (or --persistent: lib/adapter.mjs)
// The browser's own EventSource: playwright-core drives Debian's /usr/bin/chromium (headless, a
// new empty profile), opens the server's origin root so the EventSource is same-origin, then runs
// lib/eventsource-log.mjs in the page. Prints form (b), an event log.
// One browser per process, launched at the first run (again if it died), with one browser context
// and one tab that loads the server's origin root once. Every run gets a fresh document of its own:
// a new iframe in that page (same origin, a new window and JS realm) in which the EventSource runs,
// removed when the run ends, which closes its EventSource and clears its timers, so nothing of a
// run is alive when the next starts. All of a run is one page.evaluate round trip. CPU per run,
// measured over 168 runs with 2 workers, browser launches included: ~0.20 s when each run loaded
// the origin root and then about:blank in the tab, ~0.16 s with the first navigation only, ~0.08 s
// with an iframe. The tab is replaced when it crashed or a run failed or timed out in it.
import { chromium } from 'playwright-core';
import { main, runLimitMs } from './lib/adapter.mjs';
import { listenFor } from './lib/event-names.mjs';
import { collectEventSource } from './lib/eventsource-log.mjs';
import { eventLog, oneLine, pkgVersion } from './lib/output.mjs';

const EXECUTABLE = process.env.SSE_CLIENT_CHROMIUM || '/usr/bin/chromium';
const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
// The in-page EventSource limit: the adapter's own limit on the run (lib/adapter.mjs, from the
// harness's --timeout) less 3 s for the page, at least 5 s: 47 s under clients run's default.
const pageTimeoutMs = (req) => Math.max(5000, runLimitMs(req) - 3000);
let impl = `chromium (playwright-core@${pkgVersion('playwright-core')})`;
let browser = null;
let tab = null; // { context, page, busy } of the current browser; busy while a run uses it
const partial = (log, raised) => eventLog(impl, log.events ?? [], raised);

async function theTab() {
  // A tab still busy belongs to a run the adapter gave up on (its watchdog): never shared.
  if (tab && !tab.busy && browser?.isConnected() && !tab.page.isClosed()) return tab;
  await dropTab(tab);
  if (!browser || !browser.isConnected()) {
    browser = await chromium.launch({ executablePath: EXECUTABLE, headless: true, args: LAUNCH_ARGS, timeout: 15000 });
    impl = `chromium@${browser.version()} (playwright-core@${pkgVersion('playwright-core')})`;
  }
  const context = await browser.newContext();
  const fresh = { context, page: await context.newPage(), busy: false };
  fresh.page.on('crash', () => dropTab(fresh));
  tab = fresh;
  return tab;
}

// Closes `which` (a run's tab), and forgets it if it is still the current one: a run the adapter
// gave up on (its watchdog) may end after the next run has a new tab.
async function dropTab(which) {
  if (!which) return;
  if (tab === which) tab = null;
  await which.context.close().catch(() => {});
}

// Runs in the page: `source` (a self-contained function, compiled in the iframe's realm so its
// EventSource, promises and timers are the iframe's) with `args`, in a new iframe removed at the end.
async function inFreshFrame({ source, args }) {
  const frame = document.createElement('iframe');
  (document.body || document.documentElement).appendChild(frame);
  try {
    const fn = frame.contentWindow.eval(`(${source})`);
    return await fn(args);
  } finally {
    frame.remove();
  }
}

async function run(req, log) {
  const url = req.events_url;
  let clean = false;
  let mine = null;
  try {
    mine = await theTab();
    mine.busy = true;
    const { page } = mine;
    const origin = new URL(url).origin;
    if (!page.url().startsWith(origin + '/')) await page.goto(origin + '/', { waitUntil: 'domcontentloaded', timeout: 10000 });
    const args = { url, names: listenFor(req.event_types), timeoutMs: pageTimeoutMs(req) };
    const { events, raised } = await page.evaluate(inFreshFrame, { source: collectEventSource.toString(), args });
    log.events = events;
    clean = true;
    mine.busy = false;
    return partial(log, raised);
  } catch (err) {
    return partial(log, oneLine(err));
  } finally {
    if (!clean) await dropTab(mine); // a failed run may leave anything behind: the next gets a new tab
  }
}

async function close() {
  await dropTab(tab);
  if (browser) await browser.close().catch(() => {});
  browser = null;
}

await main({ usage: 'chromium.mjs EVENTS_URL', args: ['events_url'], run, partial, close, prepare: theTab });
