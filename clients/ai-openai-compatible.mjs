// node clients/ai-openai-compatible.mjs {base_url} {dialect}   (or --persistent: lib/adapter.mjs)
// `ai` streamText() with @ai-sdk/openai-compatible (the provider for OpenAI-style chat servers:
// Groq, xAI, Fireworks, LM Studio, ...). openai-chat only. What is reported: lib/ai-sdk.mjs.
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { aiSdkAdapter } from './lib/ai-sdk.mjs';
import { pkgVersion } from './lib/output.mjs';
import { MODEL, SDK_OPTIONS } from './lib/request.mjs';

await aiSdkAdapter({
  script: 'ai-openai-compatible.mjs',
  impl: `ai@${pkgVersion('ai')} @ai-sdk/openai-compatible@${pkgVersion('@ai-sdk/openai-compatible')}`,
  makeModel: ({ base_url: baseURL, dialect }) => {
    if (dialect !== 'openai-chat') return `unsupported dialect for ai-openai-compatible: ${dialect}`;
    return createOpenAICompatible({ name: 'replay', baseURL, apiKey: SDK_OPTIONS.apiKey }).chatModel(MODEL);
  },
});
