// node clients/ai-google.mjs {base_url} {dialect}           (or --persistent: lib/adapter.mjs)
// `ai` streamText() with @ai-sdk/google (its baseURL ends in /v1beta and it appends
// /models/test:streamGenerateContent?alt=sse, so baseURL is the case's root plus /v1beta). gemini
// only. What is reported: lib/ai-sdk.mjs.
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { aiSdkAdapter } from './lib/ai-sdk.mjs';
import { pkgVersion } from './lib/output.mjs';
import { MODEL, SDK_OPTIONS, geminiRoot } from './lib/request.mjs';

await aiSdkAdapter({
  script: 'ai-google.mjs',
  impl: `ai@${pkgVersion('ai')} @ai-sdk/google@${pkgVersion('@ai-sdk/google')}`,
  makeModel: ({ base_url, dialect }) => {
    if (dialect !== 'gemini') return `unsupported dialect for ai-google: ${dialect}`;
    return createGoogleGenerativeAI({ baseURL: `${geminiRoot(base_url)}/v1beta`, apiKey: SDK_OPTIONS.apiKey })(MODEL);
  },
});
