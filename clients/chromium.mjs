// node clients/chromium.mjs {events_url}
// The browser's own EventSource: playwright-core drives Debian's /usr/bin/chromium (headless, a
// new empty profile), opens the server's origin root so the EventSource is same-origin, then runs
// lib/eventsource-log.mjs in the page. Prints form (b), an event log.
import { chromium } from 'playwright-core';
import { EVENT_NAMES } from './lib/event-names.mjs';
import { collectEventSource } from './lib/eventsource-log.mjs';
import { eventLog, oneLine, pkgVersion, printDocument, requireArgs, startWatchdog } from './lib/output.mjs';

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
const makeDoc = (raised) => eventLog(impl, [], raised);

startWatchdog(makeDoc);
const args = requireArgs(1, 'chromium.mjs EVENTS_URL', makeDoc);
if (args) printDocument(await run(args[0]));

async function run(url) {
  let browser = null;
  try {
    const origin = new URL(url).origin + '/';
    browser = await chromium.launch({ executablePath: EXECUTABLE, headless: true, args: LAUNCH_ARGS, timeout: 15000 });
    impl = `chromium@${browser.version()} (playwright-core@${pkgVersion('playwright-core')})`;
    const page = await browser.newPage();
    await page.goto(origin, { waitUntil: 'domcontentloaded', timeout: 10000 });
    const { events, raised } = await page.evaluate(collectEventSource, { url, names: [...EVENT_NAMES], timeoutMs: PAGE_TIMEOUT_MS });
    return eventLog(impl, events, raised);
  } catch (err) {
    return makeDoc(oneLine(err));
  } finally {
    if (browser) await browser.close().catch(() => {});
  }
}
