// SSE event names an EventSource adapter listens for. WHATWG EventSource dispatches a named event
// (`event: foo`) only to listeners registered for "foo", so a client sees only the names it asks
// for. This list holds every name in the corpus:
//     grep -h '^event:' -r corpus | sort -u
// plus the documented end/error names of the dialects. Check it against a corpus with
//     node clients/lib/event-names.mjs --missing corpus     (prints missing names, exits 1 if any)
//
// 'error' is special: a server's `event: error` reaches the same listener as the connection's error
// event; the adapters tell them apart by the `data` property (a MessageEvent has one).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const EVENT_NAMES = Object.freeze([
  'message',
  // anthropic-messages
  'message_start',
  'message_delta',
  'message_stop',
  'content_block_start',
  'content_block_delta',
  'content_block_stop',
  'ping',
  'error',
  // openai-responses
  'response.created',
  'response.queued',
  'response.in_progress',
  'response.completed',
  'response.incomplete',
  'response.failed',
  'response.output_item.added',
  'response.output_item.done',
  'response.content_part.added',
  'response.content_part.done',
  'response.output_text.delta',
  'response.output_text.done',
  'response.refusal.delta',
  'response.refusal.done',
  'response.function_call_arguments.delta',
  'response.function_call_arguments.done',
  'response.reasoning_text.delta',
  'response.reasoning_text.done',
]);

// What an EventSource adapter listens for in one run: EVENT_NAMES plus the event types the
// harness found in the case's stream (the request's `event_types`; a one-shot run has none), so a
// case with names of its own (the spec vectors) is heard whole.
export function listenFor(eventTypes) {
  return [...new Set([...EVENT_NAMES, ...(Array.isArray(eventTypes) ? eventTypes : [])])];
}

// Names in `event:` lines of the files under dir that EVENT_NAMES lacks.
export function missingNames(dir) {
  const found = new Set();
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else for (const m of readFileSync(p, 'latin1').matchAll(/^event:[ ]?([^\r\n]*)/gm)) found.add(m[1]);
    }
  };
  walk(dir);
  return [...found].filter((n) => !EVENT_NAMES.includes(n)).sort();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--missing');
  if (i < 0 || !process.argv[i + 1]) {
    console.log(EVENT_NAMES.join('\n'));
  } else {
    const missing = missingNames(process.argv[i + 1]);
    if (missing.length) console.log(missing.join('\n'));
    process.exit(missing.length ? 1 : 0);
  }
}
