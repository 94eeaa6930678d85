#include "serve/wire.hpp"

#include <algorithm>
#include <array>
#include <charconv>

namespace harness::serve {

namespace {

using Kind = Fault::Kind;

struct FaultName {
  std::string_view prefix;
  Kind kind;
};
constexpr std::array<FaultName, 7> kFaults = {{
    {"cut-bytes", Kind::cut_bytes},
    {"cut-events", Kind::cut_events},
    {"reset", Kind::reset},
    {"stall", Kind::stall},
    {"bad-chunk", Kind::bad_chunk},
    {"status", Kind::status},
    {"error-event", Kind::error_event},
}};

constexpr std::string_view kExpected =
    "expected whole, bytes:N, drip, random:SEED, events, chunked, close, delay:MS, timing:SCALE, "
    "cut-bytes:N, "
    "cut-events:N, reset:N, stall:MS, bad-chunk:N, status:CODE or error-event:N";

bool parse_number(std::string_view text, uint64_t &out) {
  if (text.empty())
    return false;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

/// "1", "0.5", "2.25" -> 1000, 500, 2250; 0 when not a scale from 0.001 to 100 with at most three
/// decimals.
uint32_t parse_scale(std::string_view text) {
  const auto dot = text.find('.');
  uint64_t whole = 0, frac = 0;
  const auto int_part = text.substr(0, dot);
  if (!parse_number(int_part, whole) || whole > 100)
    return 0;
  if (dot != std::string_view::npos) {
    auto digits = std::string(text.substr(dot + 1));
    if (digits.empty() || digits.size() > 3)
      return 0;
    digits.resize(3, '0');
    if (!parse_number(digits, frac))
      return 0;
  }
  const uint64_t permille = whole * 1000 + frac;
  return permille >= 1 && permille <= 100000 ? static_cast<uint32_t>(permille) : 0;
}

std::string scale_text(uint32_t permille) {
  std::string out = std::to_string(permille / 1000);
  if (uint32_t frac = permille % 1000) {
    std::string digits = std::to_string(frac + 1000).substr(1);
    while (digits.back() == '0')
      digits.pop_back();
    out += "." + digits;
  }
  return out;
}

Error bad_item(std::string_view options, std::string_view item, std::string_view why) {
  return Error{std::string(options), std::nullopt,
               "wire option '" + std::string(item) + "': " + std::string(why)};
}

/// Applies one item to `out`; an error names an unknown or malformed item.
Status apply_item(std::string_view options, std::string_view item, WireOptions &out) {
  if (item == "events") {
    out.event_writes = true;
    return ok_status();
  }
  if (item == "chunked" || item == "close") {
    out.framing = item == "close" ? Framing::close : Framing::chunked;
    return ok_status();
  }
  const auto colon = item.find(':');
  const auto head = item.substr(0, colon);
  uint64_t n = 0;
  const bool numbered =
      colon != std::string_view::npos && parse_number(item.substr(colon + 1), n);
  if (head == "timing") {
    const uint32_t permille = colon == std::string_view::npos ? 0 : parse_scale(item.substr(colon + 1));
    if (permille == 0)
      return bad_item(options, item, "timing:SCALE takes a scale from 0.001 to 100 (1 = as recorded)");
    out.timing_permille = permille;
    return ok_status();
  }
  if (head == "delay") {
    if (!numbered || n > 60000)
      return bad_item(options, item, "delay:MS takes milliseconds from 0 to 60000");
    out.delay_ms = static_cast<uint32_t>(n);
    return ok_status();
  }
  for (const auto &f : kFaults) {
    if (head != f.prefix)
      continue;
    if (!numbered)
      return bad_item(options, item, "expected a whole number after ':'");
    if (f.kind == Kind::status && (n < 400 || n > 599))
      return bad_item(options, item, "status:CODE takes an HTTP error status, 400 to 599");
    if (f.kind == Kind::stall && n > 60000)
      return bad_item(options, item, "stall:MS takes milliseconds up to 60000");
    out.fault = Fault{f.kind, n};
    return ok_status();
  }
  auto spec = split::parse_spec(item);
  // at:K cuts one stream only; feeds: may hold empty feeds, and an empty chunk ends a chunked body.
  if (!spec || spec->every || spec->split.kind == split::Split::Kind::at ||
      spec->split.kind == split::Split::Kind::feeds)
    return bad_item(options, item, kExpected);
  out.writes = spec->split;
  out.event_writes = false;
  return ok_status();
}

std::string_view fault_prefix(Kind kind) {
  for (const auto &f : kFaults)
    if (f.kind == kind)
      return f.prefix;
  return {};
}

/// An error event in the form `dialect` streams it, preceded by a line end when `before` does not
/// already end with a blank line (so that it is a block of its own for every parser).
std::string error_event(std::string_view dialect, std::string_view before) {
  const bool blank = before.empty() || before.ends_with("\n\n") || before.ends_with("\r\n\r\n") ||
                     before.ends_with("\r\r");
  std::string out = blank ? "" : "\n";
  constexpr std::string_view message = "sse-harness injected error (wire option error-event)";
  if (dialect == "anthropic-messages")
    out += "event: error\ndata: {\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\", "
           "\"message\": \"" + std::string(message) + "\"}}\n\n";
  else if (dialect == "openai-responses")
    out += "event: error\ndata: {\"type\": \"error\", \"code\": \"server_error\", \"message\": \"" +
           std::string(message) + "\", \"param\": null}\n\n";
  else if (dialect == "gemini")
    out += "data: {\"error\": {\"code\": 500, \"message\": \"" + std::string(message) +
           "\", \"status\": \"INTERNAL\"}}\n\n";
  else
    out += "data: {\"error\": {\"message\": \"" + std::string(message) +
           "\", \"type\": \"server_error\", \"code\": null}}\n\n";
  return out;
}

Error bad_plan(const WireOptions &options, std::string why) {
  return Error{options.name(), std::nullopt, std::move(why)};
}

} // namespace

std::string WireOptions::name() const {
  std::string out;
  auto add = [&](std::string item) { out += (out.empty() ? "" : "+") + item; };
  if (event_writes)
    add("events");
  else if (writes.kind != split::Split::Kind::whole)
    add(writes.name());
  if (framing == Framing::close)
    add("close");
  if (timing_permille)
    add("timing:" + scale_text(timing_permille));
  if (delay_ms)
    add("delay:" + std::to_string(delay_ms));
  if (fault.kind != Kind::none)
    add(std::string(fault_prefix(fault.kind)) + ":" + std::to_string(fault.n));
  return out.empty() ? "-" : out;
}

Result<WireOptions> parse_wire_options(std::string_view options, const WireOptions &defaults) {
  WireOptions out = defaults;
  if (options == "-")
    return out;
  size_t start = 0;
  while (start <= options.size()) {
    size_t end = options.find('+', start);
    if (end == std::string_view::npos)
      end = options.size();
    if (auto applied = apply_item(options, options.substr(start, end - start), out); !applied)
      return applied.error();
    start = end + 1;
  }
  return out;
}

bool Plan::error_must_surface() const {
  if (status != 200 || error_event)
    return true;
  return ending == Ending::reset || ending == Ending::bad_chunk ||
         (ending == Ending::close && framing == Framing::chunked);
}

Result<Plan> plan(std::string_view stream, std::span<const uint64_t> starts,
                  std::string_view dialect, const WireOptions &options,
                  std::span<const corpus::Arrival> timing) {
  Plan p;
  p.framing = options.framing;
  const Fault &f = options.fault;
  if (f.kind == Kind::status) {
    p.status = static_cast<unsigned>(f.n);
    p.owned = std::make_shared<const std::string>(
        "{\"error\": {\"message\": \"sse-harness injected HTTP " + std::to_string(f.n) +
        " (wire option status:" + std::to_string(f.n) + ")\", \"type\": \"" +
        (f.n == 429 ? "rate_limit_error" : "server_error") + "\"}}\n");
    p.body = *p.owned;
    p.what_happened = "HTTP " + std::to_string(f.n) + " before any byte of the stream";
    return p;
  }
  const auto event_count = [&](uint64_t n) -> Result<uint64_t> {
    if (n >= starts.size())
      return bad_plan(options, "the stream has " + std::to_string(starts.size()) +
                                   " events: cut or error after event " + std::to_string(n) +
                                   " would not change it");
    return starts[n];
  };
  uint64_t keep = stream.size();
  switch (f.kind) {
  case Kind::cut_bytes:
  case Kind::reset:
  case Kind::bad_chunk:
    if (f.n >= stream.size())
      return bad_plan(options, "the stream has " + std::to_string(stream.size()) +
                                   " bytes: a cut after byte " + std::to_string(f.n) +
                                   " would not be inside it");
    if (f.kind == Kind::bad_chunk && options.framing == Framing::close)
      return bad_plan(options, "bad-chunk needs chunked framing");
    keep = f.n;
    break;
  case Kind::cut_events:
  case Kind::error_event: {
    auto at = event_count(f.n);
    if (!at)
      return at.error();
    keep = *at;
    break;
  }
  default:
    break;
  }
  p.body = stream.substr(0, keep);
  if (f.kind == Kind::error_event) {
    p.owned = std::make_shared<const std::string>(std::string(p.body) +
                                                  error_event(dialect, p.body));
    p.body = *p.owned;
    p.error_event = true;
    p.what_happened = "an error event after " + std::to_string(f.n) + " events";
  } else if (keep < stream.size()) {
    p.stream_cut = true;
    p.ending = f.kind == Kind::reset       ? Ending::reset
               : f.kind == Kind::bad_chunk ? Ending::bad_chunk
                                           : Ending::close;
    const char *how = p.ending == Ending::reset       ? "reset"
                      : p.ending == Ending::bad_chunk ? "bad chunk-size line"
                                                      : "closed";
    p.what_happened = std::string(how) + " after " + std::to_string(keep) + " of " +
                      std::to_string(stream.size()) + " bytes";
  }

  const std::string_view body(p.body);
  if (options.timing_permille) {
    if (timing.empty())
      return bad_plan(options, "the case has no recorded timing (cases made by sse-harness "
                               "record have one)");
    int64_t before = 0;
    for (size_t i = 0; i < timing.size(); ++i) {
      const uint64_t end = i + 1 < timing.size() ? timing[i + 1].offset : body.size();
      if (timing[i].offset >= body.size())
        break;
      const int64_t gap = std::max<int64_t>(0, timing[i].microseconds - before);
      before = timing[i].microseconds;
      p.ends.push_back(static_cast<size_t>(std::min<uint64_t>(end, body.size())));
      p.pause_ms.push_back(static_cast<uint32_t>(std::min<int64_t>(
          gap * options.timing_permille / 1000 / 1000, 600000)));
    }
    if (!p.ends.empty() && p.ends.back() < body.size()) // an error event added after the reads
      p.ends.back() = body.size();
    for (size_t i = 1; i < p.pause_ms.size(); ++i)
      p.pause_ms[i] += options.delay_ms;
  } else if (options.event_writes) {
    for (uint64_t s : starts)
      if (s > 0 && s < body.size())
        p.ends.push_back(s);
    if (!body.empty())
      p.ends.push_back(body.size());
  } else {
    size_t at = 0;
    split::for_each_feed(options.writes, body, [&](std::string_view slice) {
      at += slice.size();
      p.ends.push_back(at);
    });
  }
  if (!options.timing_permille) {
    p.pause_ms.assign(p.ends.size(), options.delay_ms);
    if (!p.pause_ms.empty())
      p.pause_ms[0] = 0;
  }
  if (f.kind == Kind::stall && !p.ends.empty())
    p.pause_ms[p.ends.size() / 2] += static_cast<uint32_t>(f.n);
  return p;
}

} // namespace harness::serve
