// node clients/mistral.mjs {base_url} {dialect}             (or --persistent: lib/adapter.mjs)
// @mistralai/mistralai (npm), serverURL pointed at the replay server (the SDK appends
// /v1/chat/completions: serverURL is {base_url} without the trailing /v1), raw iteration of
// chat.stream(). openai-chat only. Form (b), lib/sdk-events.mjs: type "message", data = JSON of
// event.data, the CompletionChunk as the SDK parsed it (its zod schemas check every chunk, drop
// the keys they do not know, and rename the rest to camelCase), with the keys spelled back in
// snake_case as on the wire, so the harness's decoder reads what the SDK kept.
import { Mistral } from '@mistralai/mistralai';
import { pkgVersion } from './lib/output.mjs';
import { MESSAGES, MODEL, SDK_OPTIONS } from './lib/request.mjs';
import { sdkEventAdapter } from './lib/sdk-events.mjs';

// finishReason -> finish_reason, recursively; an `arguments` value is left as it is (the SDK may
// have parsed a tool call's arguments into an object whose keys are the model's).
function snakeKeys(v) {
  if (Array.isArray(v)) return v.map(snakeKeys);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), k === 'arguments' ? x : snakeKeys(x)]),
  );
}

await sdkEventAdapter({
  script: 'mistral.mjs',
  impl: `@mistralai/mistralai@${pkgVersion('@mistralai/mistralai')}`,
  dialects: ['openai-chat'],
  open: ({ base_url: baseUrl }) => {
    const client = new Mistral({
      apiKey: SDK_OPTIONS.apiKey,
      serverURL: baseUrl.replace(/\/v1\/?$/, ''),
      retryConfig: { strategy: 'none' },
      timeoutMs: SDK_OPTIONS.timeout,
    });
    return client.chat.stream({ model: MODEL, messages: [...MESSAGES] });
  },
  toData: (event) => JSON.stringify(snakeKeys(event?.data)),
});
