#include "bench/words.hpp"

#include "json/rapidjson.hpp"
#include "split/split.hpp"

namespace harness::bench {

namespace {

constexpr Word kWords[] = {
    {" the", " the"},         {" answer", " answer"}, {" is", " is"},     {" 42", " 42"},
    {".", "."},               {" Douglas", " Douglas"}, {" Adams", " Adams"}, {",", ","},
    {" caf\xC3\xA9", " caf\xC3\xA9"}, {" \\\"quoted\\\"", " \"quoted\""}, {"\\n\\n", "\n\n"},
    {" na\xC3\xAFve", " na\xC3\xAFve"}, {" **bold**", " **bold**"}, {" \xE2\x80\x94", " \xE2\x80\x94"},
    {" universe", " universe"}, {" everything", " everything"},
};

} // namespace

const Word &next_word(uint64_t &state) {
  return kWords[split::detail::next_random(state) % (sizeof kWords / sizeof kWords[0])];
}

void append_pad(std::string &out, uint64_t &state) {
  static constexpr std::string_view alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const uint64_t len = 4 + split::detail::next_random(state) % 12;
  for (uint64_t i = 0; i < len; ++i)
    out += alphabet[split::detail::next_random(state) % alphabet.size()];
}

std::string json_string(std::string_view text) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  return std::string(buffer.GetString(), buffer.GetSize());
}

} // namespace harness::bench
