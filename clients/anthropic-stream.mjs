// node clients/anthropic-stream.mjs {base_url} {dialect}   (or --persistent: lib/adapter.mjs)
// Official @anthropic-ai/sdk, raw iteration of messages.create({stream: true}) (the SDK appends
// /v1/messages itself: baseURL is {base_url} without its trailing /v1).
// Form (b), lib/sdk-events.mjs: type = event.type, data = JSON of the event.
import Anthropic from '@anthropic-ai/sdk';
import { pkgVersion } from './lib/output.mjs';
import { MESSAGES, MODEL, SDK_OPTIONS } from './lib/request.mjs';
import { sdkEventAdapter } from './lib/sdk-events.mjs';

await sdkEventAdapter({
  script: 'anthropic-stream.mjs',
  impl: `@anthropic-ai/sdk@${pkgVersion('@anthropic-ai/sdk')}`,
  dialects: ['anthropic-messages'],
  open: ({ base_url: baseUrl }) => {
    const client = new Anthropic({ ...SDK_OPTIONS, baseURL: baseUrl.replace(/\/v1\/?$/, '') });
    return client.messages.create({ model: MODEL, max_tokens: 64, messages: [...MESSAGES], stream: true });
  },
});
