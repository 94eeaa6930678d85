// record.*: `sse-harness record` against a loopback upstream started inside the test, into a
// temporary corpus; and the pieces (URLs, credential headers, timing files) as units.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/files.hpp"
#include "cli/process.hpp"
#include "core/credentials.hpp"
#include "corpus/case.hpp"
#include "json/rapidjson.hpp"
#include "record/upstream.hpp"
#include "record/url.hpp"

using namespace harness::test;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kChunks = {
    "data: {\"id\":\"r1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-mini\","
    "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
    "\"finish_reason\":null}]}\n\n",
    "data: {\"id\":\"r1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-mini\","
    "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n"
    "data: {\"id\":\"r1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-mini\","
    "\"choi", // a chunk boundary inside an event
    "ces\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"finish_reason\":null}]}\n\n",
    "data: {\"id\":\"r1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-mini\","
    "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
    "data: {\"id\":\"r1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-mini\","
    "\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7,"
    "\"completion_tokens_details\":{\"reasoning_tokens\":0}}}\n\ndata: [DONE]\n\n",
};
constexpr int kGapMs = 120;

std::string joined(const std::vector<std::string> &parts) {
  std::string out;
  for (const auto &p : parts)
    out += p;
  return out;
}

UpstreamReply stream_reply() {
  UpstreamReply r;
  r.chunks = kChunks;
  r.gap = std::chrono::milliseconds(kGapMs);
  r.headers = {{"Set-Cookie", "session=SECRET-cookie"},
               {"x-request-token", "SECRET-token"},
               {"x-request-id", "req-42"}};
  return r;
}

std::vector<std::string> record_args(const std::string &url, const TempDir &corpus,
                                     const std::string &name = "local/recorded") {
  return {"record",   "--upstream", url,
          "--case",   name,         "--corpus",
          corpus.path(), "--header", "Authorization: Bearer SECRET-bearer",
          "--header", "x-api-key: SECRET-api-key",
          "--header", "OpenAI-Beta: assistants=v2",
          "--data",   R"({"model":"gpt-4o-mini","stream":true})"};
}

} // namespace

TEST_CASE("record.direct-stores-the-stream-byte-for-byte-with-its-timing") {
  TempDir corpus;
  Upstream upstream(stream_reply());
  const auto r = run_harness(record_args(upstream.url("/v1/chat/completions?api_key=SECRET-query"),
                                         corpus));
  CAPTURE(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string sent = joined(kChunks);
  CHECK(r.out == sent); // stdout: the body as it arrived, unchanged

  // The upstream got the request as given, credentials included (they are only not stored).
  const std::string request = upstream.request();
  CAPTURE(request);
  CHECK(has(request, "POST /v1/chat/completions?api_key=SECRET-query HTTP/1.1"));
  CHECK(has(request, "Authorization: Bearer SECRET-bearer"));
  CHECK(has(request, R"({"model":"gpt-4o-mini","stream":true})"));

  const fs::path dir = fs::path(corpus.path()) / "local" / "recorded";
  CHECK(slurp(dir / "recorded.sse") == sent);

  // One timing entry per read; each chunk was its own read, after its sleep.
  const rapidjson::Document timing = json_file(dir / "timing.json");
  REQUIRE(timing.IsArray());
  REQUIRE(timing.Size() == kChunks.size());
  uint64_t offset = 0;
  double previous_ms = 0;
  for (rapidjson::SizeType i = 0; i < timing.Size(); ++i) {
    CAPTURE(i);
    CHECK(timing[i]["offset"].GetUint64() == offset);
    const double ms = timing[i]["ms"].GetDouble();
    CHECK(ms >= previous_ms);
    if (i > 0)
      CHECK(ms - previous_ms >= kGapMs - 10); // the upstream's sleep shows
    offset += kChunks[i].size();
    previous_ms = ms;
  }

  // Secrets: in no stored file, in any form.
  for (const auto &entry : fs::recursive_directory_iterator(corpus.path())) {
    if (!entry.is_regular_file())
      continue;
    const std::string bytes = slurp(entry.path());
    CAPTURE(entry.path().string());
    CHECK_FALSE(has(bytes, "SECRET"));
    CHECK_FALSE(has(bytes, "Authorization"));
    CHECK_FALSE(has(bytes, "x-api-key"));
    CHECK_FALSE(has(bytes, "Set-Cookie"));
  }
  CHECK(has(r.err, "note: request header(s) not stored: Authorization, x-api-key"));
  CHECK(has(r.err, "note: response header(s) not stored: Set-Cookie, x-request-token"));

  // case.json validates, and the loaded case carries the timing.
  auto loaded = harness::corpus::load_case(dir, "local/recorded");
  REQUIRE_MESSAGE(loaded.ok(), (loaded.ok() ? "" : loaded.error().str()));
  CHECK(loaded->dialect == "openai-chat");
  CHECK(loaded->provenance.via == "sse-harness record");
  CHECK(loaded->provenance.source ==
        "recorded from " + upstream.url("/v1/chat/completions?api_key=REDACTED"));
  CHECK_FALSE(loaded->provenance.reconstructed);
  REQUIRE(loaded->timing.size() == kChunks.size());
  CHECK(loaded->timing[1].offset == kChunks[0].size());
  CHECK(loaded->timing[1].microseconds - loaded->timing[0].microseconds >= (kGapMs - 10) * 1000);
  const auto &doc = *loaded->document;
  CHECK(doc["response"]["status"].GetInt() == 200);
  CHECK(doc["response"]["headers"]["x-request-id"] == "req-42");
  CHECK(doc["request"]["method"] == "POST");
  CHECK(doc["request"]["path"] == "/v1/chat/completions?api_key=REDACTED");
  CHECK(doc["request"]["headers"]["OpenAI-Beta"] == "assistants=v2");
  CHECK(doc["request"]["body"]["stream"].GetBool());
  CHECK(doc["expect"]["default"]["done"].GetBool());
  CHECK(doc["expect"]["default"]["choices"][0]["text"] == "Hello");

  // The recorded case passes check as it stands.
  const auto check = run_harness({"check", dir.string()});
  CAPTURE(check.out);
  CHECK(check.exit_code == 0);
}

TEST_CASE("record.an-existing-case-is-refused-without-force") {
  TempDir corpus;
  {
    Upstream upstream(stream_reply());
    REQUIRE(run_harness(record_args(upstream.url(), corpus)).exit_code == 0);
    // (0: written; the stream is clean, so no implementation disputes it)
  }
  {
    Upstream upstream(stream_reply());
    const auto r = run_harness(record_args(upstream.url(), corpus));
    CHECK(r.exit_code == 2);
    CHECK(one_line(r.err));
    CHECK(has(r.err, "already exists"));
    CHECK(r.out.empty()); // refused before the upstream was asked
  }
  {
    Upstream upstream(stream_reply());
    auto args = record_args(upstream.url(), corpus);
    args.push_back("--force");
    const auto r = run_harness(args);
    CAPTURE(r.err);
    CHECK(r.exit_code == 0);
  }
}

TEST_CASE("record.a-refused-connection-is-one-line-and-exit-2") {
  TempDir corpus;
  const std::string url = "http://127.0.0.1:" + std::to_string(closed_port()) + "/v1";
  const auto r = run_harness(record_args(url, corpus));
  CAPTURE(r.err);
  CHECK(r.exit_code == 2);
  CHECK(one_line(r.err));
  CHECK(has(r.err, url));
  CHECK(has(r.err, "cannot connect"));
  CHECK(fs::is_empty(corpus.path()));
}

TEST_CASE("record.a-bad-url-is-one-line-and-exit-2") {
  TempDir corpus;
  for (const std::string url : {"ftp://example.com/", "http://", "http://h:99999/", "example.com"}) {
    CAPTURE(url);
    const auto r = run_harness(record_args(url, corpus));
    CHECK(r.exit_code == 2);
    CHECK(one_line(r.err));
    CHECK(has(r.err, "not a usable upstream URL"));
  }
}

TEST_CASE("record.a-non-2xx-upstream-is-refused-unless-keep-errors") {
  UpstreamReply reply;
  reply.status = 401;
  reply.chunks = {"{\"error\":{\"message\":\"Incorrect API key\"}}\n", "{}\n"};
  TempDir corpus;
  {
    Upstream upstream(reply);
    const auto r = run_harness(record_args(upstream.url(), corpus));
    CAPTURE(r.err);
    CHECK(r.exit_code == 2);
    CHECK(one_line(r.err));
    CHECK(has(r.err, "answered 401 Unauthorized: {\"error\":{\"message\":\"Incorrect API key\"}}"));
    CHECK(fs::is_empty(corpus.path()));
  }
  {
    Upstream upstream(reply);
    auto args = record_args(upstream.url(), corpus);
    args.push_back("--keep-errors");
    const auto r = run_harness(args);
    CAPTURE(r.err);
    // Written; a JSON error body is no SSE stream, so some implementations dispute it (exit 1).
    REQUIRE((r.exit_code == 0 || r.exit_code == 1));
    const fs::path dir = fs::path(corpus.path()) / "local" / "recorded";
    auto loaded = harness::corpus::load_case(dir, "local/recorded");
    REQUIRE_MESSAGE(loaded.ok(), (loaded.ok() ? "" : loaded.error().str()));
    CHECK((*loaded->document)["response"]["status"].GetInt() == 401);
  }
}

TEST_CASE("record.urls-and-credential-headers") {
  using namespace harness::record;
  auto u = parse_url("HTTPS://api.example.com/v1?key=abc&x=1#frag");
  REQUIRE(u.ok());
  CHECK(u->tls);
  CHECK(u->port == "443");
  CHECK(u->target() == "/v1?key=abc&x=1");
  CHECK(u->host_header() == "api.example.com");
  auto v6 = parse_url("http://[::1]:8080");
  REQUIRE(v6.ok());
  CHECK(v6->host == "::1");
  CHECK(v6->path == "/");
  CHECK(v6->host_header() == "[::1]:8080");
  CHECK_FALSE(parse_url("http://user:pw@host/").ok());
  CHECK(join_target(*parse_url("http://h/api/?v=1"), "/v1/chat?x=2") == "/api/v1/chat?v=1&x=2");
  CHECK(join_target(*parse_url("http://h"), "/v1/chat") == "/v1/chat");
  CHECK(redact_query("http://h/p?api-key=s1&model=m&access_token=s2") ==
        "http://h/p?api-key=REDACTED&model=m&access_token=REDACTED");
  for (const char *name : {"Authorization", "proxy-authorization", "X-API-Key", "api-key", "Cookie",
                           "set-cookie", "x-goog-api-key", "X-Auth-Token", "client-secret"})
    CHECK(harness::is_credential_header(name));
  for (const char *name : {"Content-Type", "OpenAI-Beta", "x-request-id", "Accept"})
    CHECK_FALSE(harness::is_credential_header(name));
}

TEST_CASE("record.timing-files-are-validated-on-load") {
  TempDir dir;
  dir.write("s.sse", "data: {}\n\n");
  const std::string case_json =
      R"({"case_format": 1, "title": "t", "why": "w",
          "stream": {"file": "s.sse", "capture": "raw", "timing": "timing.json"},
          "provenance": {"source": "s", "provider": "p", "model": "m", "licence": "unknown",
                         "reconstructed": false},
          "request": null, "response": {"status": 200, "headers": {}},
          "dialect": "openai-chat", "tags": [], "expect": {}})";
  dir.write("case.json", case_json);
  struct Bad {
    const char *timing, *expected;
  };
  for (const Bad &b : {Bad{R"([{"offset": 0, "ms": 1.5}, {"offset": 9, "ms": 0.5}])", "entry 1: ms"},
                       Bad{R"([{"offset": 4, "ms": 1}, {"offset": 2, "ms": 2}])", "entry 1: offset 2"},
                       Bad{R"([{"offset": 10, "ms": 1}])", "entry 0: offset 10 is not inside"},
                       Bad{R"([{"offset": 0}])", "entry 0: must be an object"},
                       Bad{R"({"offset": 0})", "must be an array"}}) {
    CAPTURE(b.timing);
    dir.write("timing.json", b.timing);
    auto c = harness::corpus::load_case(dir.path(), "t");
    REQUIRE_FALSE(c.ok());
    CHECK(has(c.error().str(), "timing.json"));
    CHECK(has(c.error().str(), b.expected));
  }
  dir.write("timing.json", R"([{"offset": 0, "ms": 1.25}, {"offset": 5, "ms": 3.001}])");
  auto c = harness::corpus::load_case(dir.path(), "t");
  REQUIRE_MESSAGE(c.ok(), (c.ok() ? "" : c.error().str()));
  REQUIRE(c->timing.size() == 2);
  CHECK(c->timing[0].microseconds == 1250);
  CHECK(c->timing[1].offset == 5);
  CHECK(c->timing[1].microseconds == 3001);
}

namespace {

/// A throwaway CA and a leaf certificate for DNS name `localhost` only (not 127.0.0.1), made with
/// the openssl command; the recorder trusts the CA through SSL_CERT_FILE.
struct TestPki {
  TempDir dir;
  std::string ca, cert, key;

  TestPki() {
    ca = dir.path() + "/ca.pem";
    cert = dir.path() + "/leaf.pem";
    key = dir.path() + "/leaf.key";
    const std::string ca_key = dir.path() + "/ca.key", csr = dir.path() + "/leaf.csr";
    const std::string ext = dir.write("leaf.ext", "subjectAltName=DNS:localhost\n");
    for (const std::vector<std::string> &argv : std::vector<std::vector<std::string>>{
             {"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", ca_key, "-out",
              ca, "-days", "2", "-subj", "/CN=sse-harness test CA"},
             {"openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", csr,
              "-subj", "/CN=localhost"},
             {"openssl", "x509", "-req", "-in", csr, "-CA", ca, "-CAkey", ca_key,
              "-CAcreateserial", "-out", cert, "-days", "2", "-extfile", ext}}) {
      const auto r = harness::test::run_program(argv);
      REQUIRE_MESSAGE(r.exit_code == 0, std::string(argv[1] + ": " + r.err));
    }
  }
  std::vector<std::string> trust() const { return {"SSL_CERT_FILE=" + ca}; }
};

UpstreamReply tls_reply(const TestPki &pki, bool close_delimited, bool close_notify) {
  UpstreamReply r;
  r.chunks = kChunks;
  r.tls_cert_file = pki.cert;
  r.tls_key_file = pki.key;
  r.close_delimited = close_delimited;
  r.skip_close_notify = !close_notify;
  return r;
}

} // namespace

TEST_CASE("record.https-chunked-and-close-delimited-bodies-are-stored-whole") {
  const TestPki pki;
  struct Variant {
    bool close_delimited, close_notify;
    bool noted; ///< the provenance says the body ended without close_notify
  };
  for (const Variant v : {Variant{false, true, false}, Variant{false, false, false},
                          Variant{true, true, false}, Variant{true, false, true}}) {
    CAPTURE(v.close_delimited);
    CAPTURE(v.close_notify);
    TempDir corpus;
    Upstream upstream(tls_reply(pki, v.close_delimited, v.close_notify));
    const auto r = run_harness(
        record_args(upstream.url("/v1/chat/completions", "localhost"), corpus), pki.trust());
    CAPTURE(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out == joined(kChunks));
    const fs::path dir = fs::path(corpus.path()) / "local" / "recorded";
    CHECK(slurp(dir / "recorded.sse") == joined(kChunks));
    const auto doc = json_file(dir / "case.json");
    const std::string notes = doc["provenance"]["notes"].GetString();
    CAPTURE(notes);
    CHECK(has(notes, "without a TLS close_notify") == v.noted);
    CHECK(has(r.err, "without a TLS close_notify") == v.noted);
  }
}

TEST_CASE("record.https-refuses-an-untrusted-certificate-and-a-wrong-host-name") {
  const TestPki pki;
  {
    TempDir corpus;
    Upstream upstream(tls_reply(pki, false, true));
    const auto r = run_harness(record_args(upstream.url("/v1/chat/completions", "localhost"),
                                           corpus)); // the system's CAs only
    CHECK(r.exit_code == 2);
    CHECK(one_line(r.err));
    CHECK(has(r.err, "TLS certificate verification failed"));
    CHECK(fs::is_empty(corpus.path()));
  }
  {
    TempDir corpus;
    Upstream upstream(tls_reply(pki, false, true));
    const auto r = run_harness(record_args(upstream.url("/v1/chat/completions", "127.0.0.1"),
                                           corpus),
                               pki.trust()); // trusted CA, but the certificate names localhost
    CHECK(r.exit_code == 2);
    CHECK(one_line(r.err));
    CHECK(has(r.err, "TLS"));
    CHECK(fs::is_empty(corpus.path()));
  }
}
