// node clients/ai-openai.mjs {base_url} {dialect}           (or --persistent: lib/adapter.mjs)
// `ai` streamText() with @ai-sdk/openai: openai-chat through openai.chat(), openai-responses
// through openai.responses(). What is reported: lib/ai-sdk.mjs.
import { createOpenAI } from '@ai-sdk/openai';
import { aiSdkAdapter } from './lib/ai-sdk.mjs';
import { pkgVersion } from './lib/output.mjs';
import { MODEL, SDK_OPTIONS } from './lib/request.mjs';

await aiSdkAdapter({
  script: 'ai-openai.mjs',
  impl: `ai@${pkgVersion('ai')} @ai-sdk/openai@${pkgVersion('@ai-sdk/openai')}`,
  makeModel: ({ base_url: baseURL, dialect }) => {
    const openai = createOpenAI({ baseURL, apiKey: SDK_OPTIONS.apiKey });
    if (dialect === 'openai-chat') return openai.chat(MODEL);
    if (dialect === 'openai-responses') return openai.responses(MODEL);
    return `unsupported dialect for ai-openai: ${dialect}`;
  },
});
