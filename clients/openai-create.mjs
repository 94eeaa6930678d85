// node clients/openai-create.mjs {base_url} {dialect}      (or --persistent: lib/adapter.mjs)
// Official openai SDK, raw iteration of a streaming create() (form (b), lib/sdk-events.mjs):
//   openai-chat:      chat.completions.create({stream: true}); type "message", data = JSON of the chunk
//   openai-responses: responses.create({stream: true});        type = event.type, data = JSON of the event
import OpenAI from 'openai';
import { pkgVersion } from './lib/output.mjs';
import { MESSAGES, MODEL, SDK_OPTIONS } from './lib/request.mjs';
import { sdkEventAdapter } from './lib/sdk-events.mjs';

await sdkEventAdapter({
  script: 'openai-create.mjs',
  impl: `openai@${pkgVersion('openai')}`,
  dialects: ['openai-chat', 'openai-responses'],
  open: ({ base_url: baseURL, dialect }) => {
    const client = new OpenAI({ ...SDK_OPTIONS, baseURL });
    return dialect === 'openai-chat'
      ? client.chat.completions.create({ model: MODEL, messages: [...MESSAGES], stream: true })
      : client.responses.create({ model: MODEL, input: 'hi', stream: true });
  },
});
