#include "corpus/import_request.hpp"

#include <algorithm>
#include <array>

#include "core/credentials.hpp"
#include "core/text.hpp"

namespace harness::corpus {

namespace {

bool is_upper_ident_char(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool is_ident_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/// $NAME or ${NAME}.
bool is_env_reference(std::string_view v) {
  if (!v.starts_with('$'))
    return false;
  v.remove_prefix(1);
  if (v.starts_with('{') && v.ends_with('}'))
    v = v.substr(1, v.size() - 2);
  return !v.empty() && !(v[0] >= '0' && v[0] <= '9') && std::all_of(v.begin(), v.end(), is_ident_char);
}

/// XAI_API_KEY: upper-case words joined by '_' (at least one '_', so a real all-caps key such as
/// an AWS access key id is not mistaken for a placeholder).
bool is_constant_name(std::string_view v) {
  if (v.empty() || !(v[0] >= 'A' && v[0] <= 'Z') || v.find('_') == std::string_view::npos ||
      v.back() == '_')
    return false;
  return std::all_of(v.begin(), v.end(), [](char c) { return is_upper_ident_char(c) || c == '_'; });
}

// ---- shell words ------------------------------------------------------------------------------

/// Splits the first curl command of `text` into words; empty when there is none.
std::vector<std::string> curl_words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false, seen_curl = false;
  auto end_word = [&] {
    if (in_word) {
      if (!seen_curl && (word == "curl" || word.ends_with("/curl")))
        seen_curl = true, words.clear();
      words.push_back(word);
    }
    word.clear();
    in_word = false;
  };
  // Ends the command when it has started; otherwise drops what came before.
  auto end_command = [&] {
    end_word();
    if (seen_curl)
      return true;
    words.clear();
    return false;
  };
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    const char c = text[i];
    if (c == '\\' && i + 1 < n && text[i + 1] == '\n') {
      i += 2;
      continue;
    }
    if (c == '\\' && i + 2 < n && text[i + 1] == '\r' && text[i + 2] == '\n') {
      i += 3;
      continue;
    }
    if (c == ' ' || c == '\t') {
      end_word();
      ++i;
      continue;
    }
    if (c == '\n' || c == '\r' || c == ';' || c == '|' || c == '&') {
      if (end_command())
        break;
      ++i;
      continue;
    }
    if (c == '#' && !in_word) {
      while (i < n && text[i] != '\n')
        ++i;
      continue;
    }
    in_word = true;
    if (c == '\'') {
      const size_t close = text.find('\'', i + 1);
      const size_t stop = close == std::string_view::npos ? n : close;
      word.append(text.substr(i + 1, stop - i - 1));
      i = stop + 1;
    } else if (c == '"') {
      ++i;
      while (i < n && text[i] != '"') {
        if (text[i] == '\\' && i + 1 < n &&
            std::string_view("$`\"\\\n").find(text[i + 1]) != std::string_view::npos) {
          if (text[i + 1] != '\n')
            word.push_back(text[i + 1]);
          i += 2;
          continue;
        }
        word.push_back(text[i++]);
      }
      ++i;
    } else if (c == '\\' && i + 1 < n) {
      word.push_back(text[i + 1]);
      i += 2;
    } else {
      word.push_back(c);
      ++i;
    }
  }
  end_word();
  if (!seen_curl)
    words.clear();
  return words;
}

// curl options that take a value (the ones a request transcript plausibly uses); the rest are
// treated as flags.
constexpr std::array<std::string_view, 30> kValueOptions = {
    "-X", "--request", "-H", "--header", "-d", "--data", "--data-raw", "--data-binary",
    "--data-ascii", "--data-urlencode", "--json", "--url", "-u", "--user", "-b", "--cookie",
    "-o", "--output", "-A", "--user-agent", "-e", "--referer", "-m", "--max-time",
    "--connect-timeout", "-x", "--proxy", "-w", "--write-out", "-F"};

bool takes_value(std::string_view option) {
  return std::find(kValueOptions.begin(), kValueOptions.end(), option) != kValueOptions.end();
}

void add_secret(std::vector<std::string> *secrets, std::string_view value) {
  if (secrets && !value.empty() &&
      std::find(secrets->begin(), secrets->end(), value) == secrets->end())
    secrets->emplace_back(value);
}

} // namespace

bool is_placeholder(std::string_view value) {
  if (value == kRedacted || value.empty())
    return true;
  if (value.size() > 2 && value.front() == '<' && value.back() == '>' &&
      value.find_first_of(" \t<>", 1) == value.size() - 1)
    return true;
  return is_env_reference(value) || is_constant_name(value);
}

std::string redact_header(std::string_view name, std::string_view value,
                          std::vector<std::string> *secrets) {
  if (!is_credential_header(name))
    return std::string(value);
  std::string_view scheme, credential = value;
  const std::string n = ascii_lower(name);
  if (n == "authorization" || n == "proxy-authorization") {
    // "<scheme> <credential>": keep the scheme, which says what kind of credential it was.
    const size_t space = value.find(' ');
    if (space != std::string_view::npos) {
      scheme = value.substr(0, space + 1);
      credential = value.substr(space + 1);
      while (!credential.empty() && credential.front() == ' ')
        credential.remove_prefix(1);
    }
  }
  if (is_placeholder(credential))
    return std::string(value);
  add_secret(secrets, credential);
  return std::string(scheme) + std::string(kRedacted);
}

std::string redact_url(std::string_view url, std::vector<std::string> *secrets) {
  static_assert(kRedacted == "REDACTED"); // what redact_credential_params writes
  return redact_credential_params(url, [&](std::string_view value) {
    if (is_placeholder(value))
      return false;
    add_secret(secrets, value);
    return true;
  });
}

std::optional<CurlRequest> parse_curl(std::string_view text) {
  const std::vector<std::string> words = curl_words(text);
  if (words.empty())
    return std::nullopt;
  CurlRequest req;
  std::string method;
  std::vector<std::string> data;
  for (size_t i = 1; i < words.size(); ++i) {
    std::string option = words[i];
    std::string value;
    bool has_value = false;
    if (option.starts_with("--") && option.find('=') != std::string::npos) {
      value = option.substr(option.find('=') + 1);
      option = option.substr(0, option.find('='));
      has_value = true;
    } else if (option.size() > 2 && option[0] == '-' && option[1] != '-' &&
               takes_value(option.substr(0, 2))) {
      value = option.substr(2); // -XPOST, -H'...'
      option = option.substr(0, 2);
      has_value = true;
    }
    if (!option.starts_with("-")) {
      if (req.url.empty())
        req.url = option;
      continue;
    }
    if (!takes_value(option))
      continue;
    if (!has_value) {
      if (i + 1 >= words.size())
        break;
      value = words[++i];
    }
    if (option == "-X" || option == "--request") {
      method = value;
    } else if (option == "-H" || option == "--header") {
      const size_t colon = value.find(':');
      if (colon == std::string::npos)
        continue;
      std::string name = value.substr(0, colon);
      std::string_view v = std::string_view(value).substr(colon + 1);
      while (!v.empty() && (v.front() == ' ' || v.front() == '\t'))
        v.remove_prefix(1);
      req.headers.emplace_back(name, redact_header(name, v, &req.secrets));
    } else if (option == "--json") {
      data.push_back(value);
      req.headers.emplace_back("Content-Type", "application/json");
    } else if (option.starts_with("-d") || option.starts_with("--data")) {
      data.push_back(value);
    } else if (option == "--url") {
      req.url = value;
    } else if (option == "-u" || option == "--user" || option == "-b" || option == "--cookie") {
      if (!is_placeholder(value))
        add_secret(&req.secrets, value);
    }
  }
  if (req.url.empty())
    return std::nullopt;
  req.url = redact_url(req.url, &req.secrets);
  if (!data.empty()) {
    std::string body;
    for (const std::string &d : data)
      body += (body.empty() ? "" : "&") + d;
    req.body = std::move(body);
  }
  req.method = !method.empty() ? method : req.body ? "POST" : "GET";
  return req;
}

std::optional<TranscriptRequest> find_transcript_request(std::string_view transcript,
                                                         size_t stream_begin) {
  // Fences as in source/markdown.cpp: a line starting with ``` opens a block, the next such line
  // closes it.
  size_t at = 0;
  bool open = false;
  size_t content_begin = 0;
  while (at < transcript.size() && at < stream_begin) {
    const size_t lf = transcript.find('\n', at);
    const size_t line_end = lf == std::string_view::npos ? transcript.size() : lf;
    const std::string_view line = transcript.substr(at, line_end - at);
    const size_t next = lf == std::string_view::npos ? transcript.size() : lf + 1;
    if (line.starts_with("```")) {
      if (!open) {
        open = true;
        content_begin = next;
      } else {
        open = false;
        const std::string_view content = transcript.substr(content_begin, at - content_begin);
        if (content.find("curl") != std::string_view::npos)
          if (auto curl = parse_curl(content))
            return TranscriptRequest{content_begin, at, std::move(*curl)};
      }
    }
    at = next;
  }
  return std::nullopt;
}

void redact_request(rapidjson::Value &request, rapidjson::Document::AllocatorType &alloc) {
  if (!request.IsObject())
    return;
  auto url = request.FindMember("url");
  if (url != request.MemberEnd() && url->value.IsString()) {
    const std::string redacted =
        redact_url({url->value.GetString(), url->value.GetStringLength()});
    url->value.SetString(redacted.data(), static_cast<rapidjson::SizeType>(redacted.size()),
                         alloc);
  }
  auto headers = request.FindMember("headers");
  if (headers == request.MemberEnd() || !headers->value.IsObject())
    return;
  for (auto &h : headers->value.GetObject()) {
    if (!h.value.IsString())
      continue;
    const std::string redacted = redact_header({h.name.GetString(), h.name.GetStringLength()},
                                               {h.value.GetString(), h.value.GetStringLength()});
    h.value.SetString(redacted.data(), static_cast<rapidjson::SizeType>(redacted.size()), alloc);
  }
}

std::vector<std::string> redact_text(std::string &text, size_t begin, size_t &end,
                                     const std::vector<std::string> &secrets) {
  std::vector<std::string> missing;
  for (const std::string &secret : secrets) {
    bool found = false;
    size_t at = begin;
    while ((at = text.find(secret, at)) != std::string::npos && at + secret.size() <= end) {
      text.replace(at, secret.size(), kRedacted);
      end = end - secret.size() + kRedacted.size();
      at += kRedacted.size();
      found = true;
    }
    if (!found)
      missing.push_back(secret);
  }
  return missing;
}

} // namespace harness::corpus
