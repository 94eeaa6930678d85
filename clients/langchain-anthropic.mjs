// node clients/langchain-anthropic.mjs {base_url} {dialect}   (or --persistent: lib/adapter.mjs)
// @langchain/anthropic ChatAnthropic.stream(), chunks concatenated (its @anthropic-ai/sdk appends
// /v1/messages: anthropicApiUrl is {base_url} without the trailing /v1). anthropic-messages only.
// What is reported: lib/langchain.mjs.
import { ChatAnthropic } from '@langchain/anthropic';
import { langchainAdapter } from './lib/langchain.mjs';
import { pkgVersion } from './lib/output.mjs';
import { MODEL, SDK_OPTIONS } from './lib/request.mjs';

await langchainAdapter({
  script: 'langchain-anthropic.mjs',
  impl: `@langchain/anthropic@${pkgVersion('@langchain/anthropic')}`,
  makeModel: ({ base_url: baseUrl, dialect }) => {
    if (dialect !== 'anthropic-messages') return `unsupported dialect for langchain-anthropic: ${dialect}`;
    return new ChatAnthropic({
      model: MODEL,
      apiKey: SDK_OPTIONS.apiKey,
      anthropicApiUrl: baseUrl.replace(/\/v1\/?$/, ''),
      maxRetries: SDK_OPTIONS.maxRetries,
      clientOptions: { timeout: SDK_OPTIONS.timeout },
      maxTokens: 64,
    });
  },
});
