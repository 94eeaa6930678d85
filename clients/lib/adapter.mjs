// How an adapter runs (CONTRACT.md): once per process, from its argv (the one-shot form), or, with
// `--persistent` as its only argument, as a long-lived worker that reads one JSON request per line
// on stdin and writes one JSON document per line on stdout (the persistent form).
//
// An adapter is an object:
//   usage    the one-shot command line, for the usage error
//   args     the request fields its one-shot argv gives, in order (e.g. ['base_url', 'dialect'])
//   run(req, log)      one run: a fresh SDK client, nothing kept from earlier runs except what
//                      close() releases; resolves to the document. `log` is a fresh object per run
//                      where the adapter keeps what has arrived so far.
//   partial(log, raised)  the document from what has arrived so far, with raised set: used when
//                      the watchdog fires, on an exception outside the run's own try/catch, and for
//                      a bad request
//   prepare()  optional, persistent form: readies what runs share (launches a browser) before a
//              run's watchdog starts, so a slow launch on a loaded machine is not taken for a hung
//              run; an error here is the run's (run() meets it again)
//   close()  optional: releases what runs share (a browser) before the process ends
//
// Either way the document goes out once per run and stdout carries nothing else (console output
// goes to stderr, see output.mjs). A one-shot process exits 0 once its document is written.
import { createInterface } from 'node:readline';
import { oneLine } from './output.mjs';

// The adapter's own limit on one run; the harness kills a run that outlives its timeout anyway.
const WATCHDOG_MS = Number(process.env.SSE_CLIENT_WATCHDOG_MS) || 50000;
// How long one run may take before the watchdog answers for it: 5 s before the request's
// timeout_ms, at most WATCHDOG_MS (the only limit one-shot, where there is no request line).
export const runLimitMs = (req) =>
  Math.min(WATCHDOG_MS, Number.isInteger(req?.timeout_ms) ? Math.max(1000, req.timeout_ms - 5000) : WATCHDOG_MS);

// fetch() (the undici bundled with Node, which the SDKs and EventSource packages use) keeps idle
// keep-alive connections in its global dispatcher, stored under this symbol (undici's
// setGlobalDispatcher). A run in a process of its own starts with no connection and its exit
// closes them: a fresh dispatcher of the same class per run, the old one destroyed, does the same
// here (a pooled connection the server has meanwhile closed would otherwise fail the next run).
const DISPATCHER = Symbol.for('undici.globalDispatcher.1');
function freshConnections() {
  const old = globalThis[DISPATCHER];
  if (!old || typeof old.constructor !== 'function') return;
  globalThis[DISPATCHER] = new old.constructor();
  Promise.resolve(old.destroy?.()).catch(() => {});
}

export async function main(adapter) {
  if (process.argv.length === 3 && process.argv[2] === '--persistent') await persistent(adapter);
  else await oneShot(adapter);
}

async function oneShot(adapter) {
  const log = {};
  let printed = false;
  const print = (doc) => {
    if (printed) return;
    printed = true;
    process.stdout.write(JSON.stringify(doc) + '\n', () => process.exit(0));
  };
  const fail = (raised) => print(adapter.partial(log, raised));
  // The timer is unref'd: it never keeps a finished adapter alive.
  setTimeout(() => fail('adapter timeout'), WATCHDOG_MS).unref();
  // The event loop emptied without a document (e.g. a promise that never settles).
  process.on('beforeExit', () => fail('adapter ended without a result'));
  process.on('uncaughtException', (err) => fail(oneLine(err)));
  process.on('unhandledRejection', (err) => fail(oneLine(err)));

  const argv = process.argv.slice(2);
  if (argv.length < adapter.args.length) return fail(`usage: ${adapter.usage}`);
  const req = Object.fromEntries(adapter.args.map((name, i) => [name, argv[i]]));
  let doc;
  try {
    doc = await adapter.run(req, log);
  } catch (err) {
    doc = adapter.partial(log, oneLine(err));
  }
  if (adapter.close) await adapter.close().catch(() => {});
  print(doc);
}

// One run at a time: the harness sends the next request only after it has read this run's line.
// Each run has connections of its own (freshConnections).
// A run that outlives its watchdog is answered with what has arrived and left to end on its own
// (its SDK has a timeout of its own); its log is never reused.
async function persistent(adapter) {
  let current = null; // the run in progress: { log, settle }
  const fail = (err) => {
    if (current) current.settle(adapter.partial(current.log, oneLine(err)));
    else console.error(`adapter: between runs: ${oneLine(err)}`);
  };
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);

  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const log = {};
    let req = null;
    try {
      req = JSON.parse(line);
    } catch (err) {
      process.stdout.write(JSON.stringify(adapter.partial(log, `unreadable request: ${oneLine(err)}`)) + '\n');
      continue;
    }
    freshConnections();
    if (adapter.prepare) await adapter.prepare().catch(() => {});
    const doc = await new Promise((resolve) => {
      let timer = null;
      const settle = (d) => {
        if (current?.log !== log) return; // this run was already answered
        current = null;
        clearTimeout(timer);
        resolve(d);
      };
      current = { log, settle };
      timer = setTimeout(() => settle(adapter.partial(log, 'adapter timeout')), runLimitMs(req));
      Promise.resolve()
        .then(() => adapter.run(req, log))
        .then(settle, (err) => settle(adapter.partial(log, oneLine(err))));
    });
    process.stdout.write(JSON.stringify(doc) + '\n');
  }
  if (adapter.close) await adapter.close().catch(() => {});
  process.exit(0);
}
