// node clients/groq.mjs {base_url} {dialect}                (or --persistent: lib/adapter.mjs)
// groq-sdk (npm), raw iteration of chat.completions.create({stream: true}). openai-chat only.
// Form (b), lib/sdk-events.mjs: type "message", data = JSON of the chunk.
// The SDK posts to {baseURL}/openai/v1/chat/completions; the replay server's endpoint is
// {base_url}/chat/completions. baseURL is {base_url} without /v1 and the SDK's own `fetch` option
// drops the "/openai" segment of its request URL (a path rewrite, as a reverse proxy would do);
// everything else, the request, the SSE decoding and the errors, is the SDK's.
import Groq from 'groq-sdk';
import { pkgVersion } from './lib/output.mjs';
import { MESSAGES, MODEL, SDK_OPTIONS } from './lib/request.mjs';
import { sdkEventAdapter } from './lib/sdk-events.mjs';

await sdkEventAdapter({
  script: 'groq.mjs',
  impl: `groq-sdk@${pkgVersion('groq-sdk')}`,
  dialects: ['openai-chat'],
  open: ({ base_url: baseURL }) => {
    const fetchServer = (url, init) => fetch(String(url).replace('/openai/v1/', '/v1/'), init);
    const client = new Groq({ ...SDK_OPTIONS, baseURL: baseURL.replace(/\/v1\/?$/, ''), fetch: fetchServer });
    return client.chat.completions.create({ model: MODEL, messages: [...MESSAGES], stream: true });
  },
});
