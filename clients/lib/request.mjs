// The plausible request every SDK adapter sends (the server replays the case whatever the body).
export const MODEL = 'test';
export const MESSAGES = Object.freeze([{ role: 'user', content: 'hi' }]);
// SDK client options required by the contract: no retry on 429/500, a timeout.
export const SDK_OPTIONS = Object.freeze({ apiKey: 'sk-test', maxRetries: 0, timeout: 40000 });
export const DIALECTS = Object.freeze(['openai-chat', 'openai-responses', 'anthropic-messages', 'gemini']);
// The case's root for Gemini SDKs, which add /v1beta/models/...: {base_url} without its /v1.
export const geminiRoot = (baseUrl) => baseUrl.replace(/\/v1$/, '');
