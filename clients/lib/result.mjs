// Form (a) result documents from what an SDK exposes (CONTRACT.md): the choice, tool call and usage
// shapes every accumulating adapter reports, with absent or ill-typed values normalised the same
// way (a missing string is "" or null as the schema says, a count that is not a non-negative
// integer is null). The adapters decide what each field is taken from; this module only shapes it.
export const str = (v) => (typeof v === 'string' ? v : '');
export const strOrNull = (v) => (typeof v === 'string' ? v : null);
export const intOrNull = (v) => (Number.isInteger(v) && v >= 0 ? v : null);
const indexOr = (v, fallback) => (Number.isInteger(v) && v >= 0 ? v : fallback);

// One tool call: {index, id, type, name, arguments} (arguments: the JSON text, "" when none).
export function toolCall({ index, id, type, name, args }, position) {
  return {
    index: indexOr(index, position),
    id: strOrNull(id),
    type: strOrNull(type),
    name: strOrNull(name),
    arguments: typeof args === 'string' ? args : args === undefined || args === null ? '' : JSON.stringify(args),
  };
}

// One choice; finish_reason "" counts as none.
export function choice({ index, role, text, reasoning, refusal, finishReason, toolCalls = [] }, position = 0) {
  return {
    index: indexOr(index, position),
    role: strOrNull(role),
    text: str(text),
    reasoning: str(reasoning),
    refusal: str(refusal),
    finish_reason: strOrNull(finishReason) || null,
    tool_calls: toolCalls.map(toolCall),
  };
}

// Choices in index order.
export const choices = (list) => list.map(choice).sort((a, b) => a.index - b.index);

// Usage from the four counters (any may be absent); null when the SDK exposed no usage at all.
export function usage(u) {
  if (u === null || u === undefined) return null;
  return {
    prompt_tokens: intOrNull(u.prompt),
    completion_tokens: intOrNull(u.completion),
    total_tokens: intOrNull(u.total),
    reasoning_tokens: intOrNull(u.reasoning),
  };
}
