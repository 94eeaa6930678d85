#include "clients/client.hpp"

#include <algorithm>
#include <cstdlib>

#include "core/data_dir.hpp"
#include "json/rapidjson.hpp"
#include "serve/route.hpp"

#ifndef SSEH_DEFAULT_CLIENTS_DIR
#define SSEH_DEFAULT_CLIENTS_DIR "clients"
#endif

namespace harness::clients {

namespace {

/// What SDK-level clients show their user; what SSE-level clients add.
const std::vector<std::string> kSdkFields = {"choices", "usage", "raised"};
const std::vector<std::string> kSseFields = {"events", "done", "choices", "usage", "errors",
                                             "raised"};

std::vector<Client> make_table() {
  auto node = [](std::string script, std::string url) {
    return std::vector<std::string>{"node", "{clients}/" + std::move(script), std::move(url),
                                    "{dialect}"};
  };
  // Every adapter of clients/ also runs as a persistent worker (clients/lib/adapter.mjs).
  auto worker = [](std::string script) {
    return std::vector<std::string>{"node", "{clients}/" + std::move(script), "--persistent"};
  };
  return {
      {"curl", "curl -N: the byte-exact client; its body must equal what the server sent",
       {"curl", "-sS", "-N", "--path-as-is", "--fail-with-body", "-X", "POST", "-H",
        "Content-Type: application/json", "--data",
        R"({"model": "test", "stream": true, "messages": [{"role": "user", "content": "hi"}]})",
        "{stream_url}"},
       {},
       {},
       Output::bytes,
       {}},
      {"openai-create", "openai (npm): create({stream: true}) iterated; chunks/events as yielded",
       node("openai-create.mjs", "{base_url}"),
       worker("openai-create.mjs"),
       {"openai-chat", "openai-responses"},
       Output::events,
       kSdkFields},
      {"openai-stream", "openai (npm): chat.completions.stream() + finalChatCompletion()",
       node("openai-stream.mjs", "{base_url}"),
       worker("openai-stream.mjs"),
       {"openai-chat"},
       Output::result,
       kSdkFields},
      {"anthropic-sdk", "@anthropic-ai/sdk (npm): messages.create({stream: true}) iterated",
       node("anthropic-stream.mjs", "{base_url}"),
       worker("anthropic-stream.mjs"),
       {"anthropic-messages"},
       Output::events,
       kSdkFields},
      {"anthropic-message-stream",
       "@anthropic-ai/sdk (npm): messages.stream() + finalMessage()",
       node("anthropic-message-stream.mjs", "{base_url}"),
       worker("anthropic-message-stream.mjs"),
       {"anthropic-messages"},
       Output::result,
       kSdkFields},
      {"openai-responses-stream", "openai (npm): responses.stream() + finalResponse()",
       node("openai-responses-stream.mjs", "{base_url}"),
       worker("openai-responses-stream.mjs"),
       {"openai-responses"},
       Output::result,
       kSdkFields},
      {"ai-openai", "ai (npm) streamText() with @ai-sdk/openai: chat() and responses() models",
       node("ai-openai.mjs", "{base_url}"),
       worker("ai-openai.mjs"),
       {"openai-chat", "openai-responses"},
       Output::result,
       kSdkFields},
      {"ai-openai-compatible", "ai (npm) streamText() with @ai-sdk/openai-compatible",
       node("ai-openai-compatible.mjs", "{base_url}"),
       worker("ai-openai-compatible.mjs"),
       {"openai-chat"},
       Output::result,
       kSdkFields},
      {"ai-anthropic", "ai (npm) streamText() with @ai-sdk/anthropic",
       node("ai-anthropic.mjs", "{base_url}"),
       worker("ai-anthropic.mjs"),
       {"anthropic-messages"},
       Output::result,
       kSdkFields},
      {"google-genai",
       "@google/genai (npm): models.generateContentStream() iterated; chunks as yielded",
       node("google-genai.mjs", "{base_url}"),
       worker("google-genai.mjs"),
       {"gemini"},
       Output::events,
       kSdkFields},
      {"ai-google", "ai (npm) streamText() with @ai-sdk/google",
       node("ai-google.mjs", "{base_url}"),
       worker("ai-google.mjs"),
       {"gemini"},
       Output::result,
       kSdkFields},
      {"langchain-openai", "@langchain/openai (npm): ChatOpenAI.stream(), chunks concatenated",
       node("langchain-openai.mjs", "{base_url}"),
       worker("langchain-openai.mjs"),
       {"openai-chat", "openai-responses"},
       Output::result,
       kSdkFields},
      {"langchain-anthropic",
       "@langchain/anthropic (npm): ChatAnthropic.stream(), chunks concatenated",
       node("langchain-anthropic.mjs", "{base_url}"),
       worker("langchain-anthropic.mjs"),
       {"anthropic-messages"},
       Output::result,
       kSdkFields},
      {"mistral", "@mistralai/mistralai (npm): chat.stream() iterated; chunks as parsed",
       node("mistral.mjs", "{base_url}"),
       worker("mistral.mjs"),
       {"openai-chat"},
       Output::events,
       kSdkFields},
      {"groq", "groq-sdk (npm): chat.completions.create({stream: true}) iterated",
       node("groq.mjs", "{base_url}"),
       worker("groq.mjs"),
       {"openai-chat"},
       Output::events,
       kSdkFields},
      {"eventsource", "eventsource (npm): WHATWG EventSource for Node",
       node("eventsource.mjs", "{events_url}"),
       worker("eventsource.mjs"),
       {},
       Output::events,
       kSseFields},
      {"eventsource-parser", "eventsource-parser (npm) over fetch()",
       node("eventsource-parser.mjs", "{events_url}"),
       worker("eventsource-parser.mjs"),
       {},
       Output::events,
       kSseFields},
      {"fetch-event-source", "@microsoft/fetch-event-source (npm) over fetch()",
       node("fetch-event-source.mjs", "{events_url}"),
       worker("fetch-event-source.mjs"),
       {},
       Output::events,
       kSseFields},
      {"chromium", "Chromium's own EventSource (Debian chromium, driven by playwright-core)",
       node("chromium.mjs", "{events_url}"),
       worker("chromium.mjs"),
       {},
       Output::events,
       kSseFields},
  };
}

void replace_all(std::string &s, std::string_view from, std::string_view to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
}

} // namespace

std::span<const Client> builtin_clients() {
  static const std::vector<Client> table = make_table();
  return table;
}

const Client *find_client(std::string_view name) {
  for (const auto &c : builtin_clients())
    if (c.name == name)
      return &c;
  return nullptr;
}

namespace {

/// Words of a command line: split at spaces and tabs, '…' and "…" quoting, no other shell syntax.
Result<std::vector<std::string>> split_command(std::string_view command, std::string_view option) {
  std::vector<std::string> argv;
  std::string word;
  bool in_word = false;
  char quote = 0;
  for (char ch : command) {
    if (quote) {
      if (ch == quote)
        quote = 0;
      else
        word += ch;
    } else if (ch == '\'' || ch == '"') {
      quote = ch;
      in_word = true;
    } else if (ch == ' ' || ch == '\t') {
      if (in_word)
        argv.push_back(std::move(word));
      word.clear();
      in_word = false;
    } else {
      word += ch;
      in_word = true;
    }
  }
  if (quote)
    return Error{"", std::nullopt,
                 std::string(option) + ": unbalanced " + std::string(1, quote) + " quote"};
  if (in_word)
    argv.push_back(std::move(word));
  if (argv.empty())
    return Error{"", std::nullopt, std::string(option) + ": empty command"};
  return argv;
}

/// A client from the command line: `option` 'CMD ARGS…' as its one-shot or its persistent form.
Result<Client> command_client(std::string_view command, std::string name, std::string_view option,
                              bool persistent) {
  auto argv = split_command(command, option);
  if (!argv)
    return argv.error();
  Client c;
  c.name = std::move(name);
  c.description = std::string(option) + " " + std::string(command);
  (persistent ? c.persistent : c.argv) = std::move(*argv);
  c.output = Output::result;
  c.judged = kSdkFields;
  return c;
}

} // namespace

const std::vector<std::string> &sse_level_fields() { return kSseFields; }

Result<Client> exec_client(std::string_view command, std::string name) {
  return command_client(command, std::move(name), "--exec", false);
}

Result<Client> exec_persistent_client(std::string_view command, std::string name) {
  return command_client(command, std::move(name), "--exec-persistent", true);
}

bool applies(std::string_view dialect, const serve::WireOptions &wire) {
  using Kind = serve::Fault::Kind;
  const Kind k = wire.fault.kind;
  return dialect != "sse" || k != Kind::error_event;
}

bool speaks(const Client &client, std::string_view dialect) {
  return client.dialects.empty() ||
         std::find(client.dialects.begin(), client.dialects.end(), dialect) !=
             client.dialects.end();
}

std::vector<std::string> expand(const Client &client, const RunTarget &t) {
  const std::string dir = clients_dir().string();
  std::vector<std::string> out = client.argv;
  for (auto &a : out) {
    replace_all(a, "{stream_url}", t.base_url + std::string(serve::endpoint_path(t.dialect)));
    replace_all(a, "{events_url}", t.base_url + "/events");
    replace_all(a, "{base_url}", t.base_url);
    replace_all(a, "{case}", t.case_id);
    replace_all(a, "{dialect}", t.dialect);
    replace_all(a, "{options}", t.options);
    replace_all(a, "{clients}", dir);
  }
  return out;
}

std::vector<std::string> expand_persistent(const Client &client) {
  const std::string dir = clients_dir().string();
  std::vector<std::string> out = client.persistent;
  for (auto &a : out)
    replace_all(a, "{clients}", dir);
  return out;
}

std::string request_line(const RunTarget &t, std::chrono::milliseconds timeout) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  const auto field = [&w](const char *key, const std::string &value) {
    w.Key(key);
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  };
  w.StartObject();
  field("base_url", t.base_url);
  field("stream_url", t.base_url + std::string(serve::endpoint_path(t.dialect)));
  field("events_url", t.base_url + "/events");
  field("case", t.case_id);
  field("dialect", t.dialect);
  field("options", t.options);
  w.Key("event_types");
  w.StartArray();
  for (const auto &type : t.event_types)
    w.String(type.data(), static_cast<rapidjson::SizeType>(type.size()));
  w.EndArray();
  w.Key("timeout_ms");
  w.Int64(static_cast<int64_t>(timeout.count()));
  w.EndObject();
  return {buf.GetString(), buf.GetSize()};
}

std::filesystem::path clients_dir() {
  return data_dir("clients", "SSE_HARNESS_CLIENTS", SSEH_DEFAULT_CLIENTS_DIR);
}

} // namespace harness::clients
