// node clients/google-genai.mjs {base_url} {dialect}        (or --persistent: lib/adapter.mjs)
// Google's @google/genai SDK, raw iteration of models.generateContentStream() (form (b),
// lib/sdk-events.mjs): every GenerateContentResponse it yields is one event, type "message", data =
// JSON of the response without sdkHttpResponse (the HTTP headers the SDK attaches to each chunk).
// httpOptions.baseUrl is the case's root ({base_url} without its /v1); the SDK adds
// /v1beta/models/test:streamGenerateContent?alt=sse. gemini only. No retries (the SDK retries only
// when given retryOptions); httpOptions.timeout 20 s.
import { GoogleGenAI } from '@google/genai';
import { pkgVersion } from './lib/output.mjs';
import { MODEL, SDK_OPTIONS, geminiRoot } from './lib/request.mjs';
import { sdkEventAdapter } from './lib/sdk-events.mjs';

await sdkEventAdapter({
  script: 'google-genai.mjs',
  impl: `@google/genai@${pkgVersion('@google/genai')}`,
  dialects: ['gemini'],
  open: ({ base_url }) => {
    const ai = new GoogleGenAI({
      apiKey: SDK_OPTIONS.apiKey,
      httpOptions: { baseUrl: geminiRoot(base_url), apiVersion: 'v1beta', timeout: SDK_OPTIONS.timeout },
    });
    return ai.models.generateContentStream({ model: MODEL, contents: 'hi' });
  },
  toData: ({ sdkHttpResponse, ...chunk }) => JSON.stringify(chunk),
});
