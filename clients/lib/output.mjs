// Shared output helpers for the real-client adapters (see clients/README.md and
// clients/CONTRACT.md): the two document forms and one-line error messages. How a document is
// written (once per process or once per line) is lib/adapter.mjs.
import { readFileSync } from 'node:fs';

// stdout carries the documents only: anything a library logs goes to stderr.
console.log = console.info = console.debug = console.error;

// Version of an installed dependency, read from clients/node_modules (package "exports" may hide
// package.json from import/require).
export function pkgVersion(name) {
  try {
    const url = new URL(`../node_modules/${name}/package.json`, import.meta.url);
    return JSON.parse(readFileSync(url, 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

// One line describing an error: "<Class>: <message>" when the class name says something beyond
// "Error", plus the cause (undici's "fetch failed" hides the real reason there).
export function oneLine(err) {
  if (err === null || err === undefined) return String(err);
  if (typeof err !== 'object') return squash(String(err));
  let msg = Array.isArray(err.issues) ? zodIssues(err.issues) : '';
  if (!msg) msg = typeof err.message === 'string' && err.message !== '' ? err.message : String(err);
  // SDK error classes often leave name as "Error": the constructor's name is the informative one.
  let name = typeof err.name === 'string' && err.name !== 'Error' ? err.name : '';
  if (!name && err.constructor && typeof err.constructor.name === 'string') name = err.constructor.name;
  if (name && name !== 'Error' && !msg.startsWith(name)) msg = `${name}: ${msg}`;
  // Playwright appends a multi-line, colored "Call log:": the first part says it all.
  msg = msg.replace(/\u001b\[[0-9;]*m/g, '').split(/\s*Call log:/)[0];
  // The cause chain (openai's "Connection error." <- "fetch failed" <- "connect ECONNREFUSED ...").
  const causes = [];
  for (let c = err.cause, depth = 0; c && typeof c === 'object' && depth < 4; c = c.cause, depth++) {
    const text = typeof c.message === 'string' ? c.message : '';
    if (text && !msg.includes(text) && !causes.includes(text)) causes.push(text);
  }
  if (causes.length) msg += ` (cause: ${causes.join(': ')})`;
  return squash(msg);
}

// A zod validation error's message is the JSON of its issues: "path: message" per issue instead
// (for a union, the branch that says what was received: "expected string, received undefined").
function zodIssues(issues) {
  return issues
    .map((i) => {
      const branch = (i?.errors ?? []).flat().find((b) => b?.code === 'invalid_type');
      const path = Array.isArray(i?.path) ? i.path.join('.') : '';
      return `${path}: ${branch?.message ?? i?.message ?? 'invalid'}`;
    })
    .join('; ');
}

function squash(s) {
  s = s.replace(/\s+/g, ' ').trim();
  return s.length > 1000 ? s.slice(0, 1000) + '...' : s;
}

// Form (b): the client's event log.
export function eventLog(impl, sseEvents, raised) {
  return { sse_events: sseEvents, raised: raised ?? null, meta: { impl } };
}

// Form (a): a result document (schemas/result.schema.json). Only choices, usage and raised are
// judged for SDK clients; done is always false (the SDK does not tell).
export function resultDocument(impl, { events = 0, choices = [], usage = null, raised = null } = {}) {
  return { events, done: false, choices, usage, errors: [], findings: [], raised, meta: { impl } };
}
