// node clients/chromium.mjs {events_url}                    (or --persistent: lib/adapter.mjs)
// The browser's own EventSource: playwright-core drives Debian's /usr/bin/chromium (headless, a
// new empty profile), opens the server's origin root so the EventSource is same-origin, then runs
// lib/eventsource-log.mjs in the page. Prints form (b), an event log.
// One browser per process, launched at the first run (again if it died); every run gets a fresh
// browser context (its own cookies, cache and connections) and page, closed after the run.
import { chromium } from 'playwright-core';
import { main } from './lib/adapter.mjs';
import { EVENT_NAMES } from './lib/event-names.mjs';
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
const PAGE_TIMEOUT_MS = 15000; // in-page EventSource limit; the watchdog (25 s) covers launch too
let impl = `chromium (playwright-core@${pkgVersion('playwright-core')})`;
let browser = null;
const partial = (log, raised) => eventLog(impl, log.events ?? [], raised);

async function theBrowser() {
  if (browser && browser.isConnected()) return browser;
  browser = await chromium.launch({ executablePath: EXECUTABLE, headless: true, args: LAUNCH_ARGS, timeout: 15000 });
  impl = `chromium@${browser.version()} (playwright-core@${pkgVersion('playwright-core')})`;
  return browser;
}

async function run({ events_url: url }, log) {
  let context = null;
  try {
    const origin = new URL(url).origin + '/';
    context = await (await theBrowser()).newContext();
    const page = await context.newPage();
    await page.goto(origin, { waitUntil: 'domcontentloaded', timeout: 10000 });
    const { events, raised } = await page.evaluate(collectEventSource, { url, names: [...EVENT_NAMES], timeoutMs: PAGE_TIMEOUT_MS });
    log.events = events;
    return partial(log, raised);
  } catch (err) {
    return partial(log, oneLine(err));
  } finally {
    if (context) await context.close().catch(() => {});
  }
}

async function close() {
  if (browser) await browser.close().catch(() => {});
  browser = null;
}

await main({ usage: 'chromium.mjs EVENTS_URL', args: ['events_url'], run, partial, close });
