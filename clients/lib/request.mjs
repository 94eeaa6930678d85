// The plausible request every SDK adapter sends (the server replays the case whatever the body).
export const MODEL = 'test';
export const MESSAGES = Object.freeze([{ role: 'user', content: 'hi' }]);
// How long a client itself lets one request take (SDK timeouts, abort signals, the EventSource
// limit): under the adapter's watchdog (lib/adapter.mjs) and clients run's --timeout.
export const CLIENT_TIMEOUT_MS = 40000;
// SDK client options required by the contract: no retry on 429/500, a timeout.
export const SDK_OPTIONS = Object.freeze({ apiKey: 'sk-test', maxRetries: 0, timeout: CLIENT_TIMEOUT_MS });
export const DIALECTS = Object.freeze(['openai-chat', 'openai-responses', 'anthropic-messages', 'gemini']);
// The case's root for Gemini SDKs, which add /v1beta/models/...: {base_url} without its /v1.
export const geminiRoot = (baseUrl) => baseUrl.replace(/\/v1$/, '');
