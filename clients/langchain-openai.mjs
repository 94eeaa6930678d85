// node clients/langchain-openai.mjs {base_url} {dialect}    (or --persistent: lib/adapter.mjs)
// @langchain/openai ChatOpenAI.stream(), chunks concatenated: openai-chat through the Chat
// Completions API, openai-responses with useResponsesApi. What is reported: lib/langchain.mjs.
import { ChatOpenAI } from '@langchain/openai';
import { langchainAdapter } from './lib/langchain.mjs';
import { pkgVersion } from './lib/output.mjs';
import { MODEL, SDK_OPTIONS } from './lib/request.mjs';

await langchainAdapter({
  script: 'langchain-openai.mjs',
  impl: `@langchain/openai@${pkgVersion('@langchain/openai')}`,
  makeModel: ({ base_url: baseURL, dialect }) => {
    if (dialect !== 'openai-chat' && dialect !== 'openai-responses')
      return `unsupported dialect for langchain-openai: ${dialect}`;
    return new ChatOpenAI({
      model: MODEL,
      apiKey: SDK_OPTIONS.apiKey,
      configuration: { baseURL },
      maxRetries: SDK_OPTIONS.maxRetries,
      timeout: SDK_OPTIONS.timeout,
      useResponsesApi: dialect === 'openai-responses',
    });
  },
});
