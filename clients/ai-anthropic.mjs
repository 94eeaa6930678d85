// node clients/ai-anthropic.mjs {base_url} {dialect}        (or --persistent: lib/adapter.mjs)
// `ai` streamText() with @ai-sdk/anthropic (its baseURL ends in /v1 and it appends /messages, so
// {base_url} is taken as is). anthropic-messages only. What is reported: lib/ai-sdk.mjs.
import { createAnthropic } from '@ai-sdk/anthropic';
import { aiSdkAdapter } from './lib/ai-sdk.mjs';
import { pkgVersion } from './lib/output.mjs';
import { MODEL, SDK_OPTIONS } from './lib/request.mjs';

await aiSdkAdapter({
  script: 'ai-anthropic.mjs',
  impl: `ai@${pkgVersion('ai')} @ai-sdk/anthropic@${pkgVersion('@ai-sdk/anthropic')}`,
  makeModel: ({ base_url: baseURL, dialect }) => {
    if (dialect !== 'anthropic-messages') return `unsupported dialect for ai-anthropic: ${dialect}`;
    return createAnthropic({ baseURL, apiKey: SDK_OPTIONS.apiKey })(MODEL);
  },
});
