// The OpenAI Responses shape: one message item whose output_text arrives as deltas carrying
// `logprobs` (token bytes and a float logprob), an `obfuscation` pad and a `sequence_number` that
// grows with every event, as gpt-4o-mini streams with include: ["message.output_text.logprobs"].
#include <string>

#include "bench/generate.hpp"
#include "bench/words.hpp"
#include "split/split.hpp"

namespace harness::bench {

namespace {

constexpr std::string_view kItem = "msg_0ecff685e411ca7b0069e063580128819b9ec474594c61b988";
constexpr std::string_view kResponse =
    "\"id\":\"resp_0ecff685e411ca7b0069e063569c7c819bbc74c80d853802e6\",\"object\":\"response\","
    "\"created_at\":1776313174,\"model\":\"gpt-4o-mini-2024-07-18\"";

} // namespace

Generated generate_responses(uint64_t min_bytes, uint64_t seed) {
  Generated g;
  g.bytes.reserve(min_bytes + 4096);
  uint64_t state = seed;
  uint64_t sequence = 0;
  // `fields` are the payload's members after "type"; sequence_number closes it.
  auto event = [&](std::string_view type, std::string_view fields) {
    g.bytes.append("event: ").append(type).append("\ndata: {\"type\":\"").append(type).append("\",");
    g.bytes.append(fields).append(",\"sequence_number\":").append(std::to_string(sequence++));
    g.bytes += "}\n\n";
    ++g.events;
  };
  const std::string item = "\"item_id\":\"" + std::string(kItem) + "\",\"output_index\":0";
  event("response.created", "\"response\":{" + std::string(kResponse) +
                                ",\"status\":\"in_progress\",\"output\":[],\"usage\":null}");
  event("response.output_item.added",
        "\"item\":{\"id\":\"" + std::string(kItem) +
            "\",\"type\":\"message\",\"status\":\"in_progress\",\"content\":[],\"role\":"
            "\"assistant\"},\"output_index\":0");
  event("response.content_part.added",
        "\"content_index\":0," + item +
            ",\"part\":{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":[],\"text\":\"\"}");
  std::string fields;
  while (g.bytes.size() < min_bytes) {
    const Word &w = next_word(state);
    fields.assign("\"content_index\":0,\"delta\":\"").append(w.json).append("\",").append(item);
    fields += ",\"logprobs\":[{\"bytes\":[";
    for (size_t i = 0; i < w.text.size(); ++i)
      fields.append(i ? "," : "").append(std::to_string(static_cast<unsigned char>(w.text[i])));
    const uint64_t r = split::detail::next_random(state);
    fields += "],\"logprob\":-" + std::to_string(1 + r % 9) + "." + std::to_string(r % 100000) +
              "e-" + std::to_string(1 + (r >> 20) % 9) + ",\"token\":\"" + std::string(w.json) +
              "\",\"top_logprobs\":[]}],\"obfuscation\":\"";
    append_pad(fields, state);
    fields += "\"";
    event("response.output_text.delta", fields);
    g.text += w.text;
  }
  const std::string text = json_string(g.text);
  event("response.output_text.done", "\"content_index\":0," + item + ",\"text\":" + text);
  event("response.content_part.done",
        "\"content_index\":0," + item +
            ",\"part\":{\"type\":\"output_text\",\"annotations\":[],\"text\":" + text + "}");
  const std::string message = "{\"id\":\"" + std::string(kItem) +
                              "\",\"type\":\"message\",\"status\":\"completed\",\"content\":[{"
                              "\"type\":\"output_text\",\"annotations\":[],\"text\":" +
                              text + "}],\"role\":\"assistant\"}";
  event("response.output_item.done", "\"item\":" + message + ",\"output_index\":0");
  event("response.completed",
        "\"response\":{" + std::string(kResponse) + ",\"status\":\"completed\",\"output\":[" +
            message + "],\"usage\":{\"input_tokens\":22,\"output_tokens\":" +
            std::to_string(g.events) + ",\"total_tokens\":" + std::to_string(22 + g.events) +
            ",\"output_tokens_details\":{\"reasoning_tokens\":0}}}");
  return g;
}

} // namespace harness::bench
