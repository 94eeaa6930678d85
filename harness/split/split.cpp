#include "split/split.hpp"

#include <charconv>
#include <mutex>
#include <set>
#include <type_traits>

namespace harness::split {

static_assert(std::is_trivially_copyable_v<Split> && sizeof(Split) <= 24);

Split feeds_split(std::vector<uint64_t> lengths) {
  static std::mutex mutex;
  // Never destroyed: a Split may be read by code that runs while statics are torn down.
  static auto *kept = new std::set<std::vector<uint64_t>>;
  const std::lock_guard<std::mutex> lock(mutex);
  return Split{Split::Kind::feeds, 0, &*kept->insert(std::move(lengths)).first};
}

std::string Split::name() const {
  switch (kind) {
  case Kind::whole:
    return "whole";
  case Kind::bytes:
    return n == 1 ? "drip" : "bytes:" + std::to_string(n);
  case Kind::random:
    return "random:" + std::to_string(n);
  case Kind::at:
    return "at:" + std::to_string(n);
  case Kind::feeds: {
    std::string out = "feeds:";
    for (size_t i = 0; feeds && i < feeds->size(); ++i)
      out += (i ? "," : "") + std::to_string((*feeds)[i]);
    return out;
  }
  }
  return "whole";
}

namespace {

bool parse_number(std::string_view text, uint64_t &out) {
  if (text.empty())
    return false;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

Error bad(std::string_view text, std::string_view why) {
  return Error{"", std::nullopt,
               "bad split '" + std::string(text) + "': " + std::string(why) +
                   " (use whole, bytes:N, drip, random:SEED, at:K, feeds:L1,L2,... or every)"};
}

} // namespace

Result<Spec> parse_spec(std::string_view text) {
  Spec spec;
  spec.text = std::string(text);
  if (text == "whole")
    return spec;
  if (text == "drip") {
    spec.split = {Split::Kind::bytes, 1};
    return spec;
  }
  if (text == "every") {
    spec.every = true;
    return spec;
  }
  const auto colon = text.find(':');
  if (colon == std::string_view::npos)
    return bad(text, "unknown split");
  const auto kind = text.substr(0, colon);
  if (kind == "feeds") {
    std::vector<uint64_t> lengths;
    std::string_view rest = text.substr(colon + 1);
    while (true) {
      const auto comma = rest.find(',');
      uint64_t len = 0;
      if (!parse_number(rest.substr(0, comma), len))
        return bad(text, "expected whole numbers separated by ',' after 'feeds:'");
      lengths.push_back(len);
      if (comma == std::string_view::npos)
        break;
      rest.remove_prefix(comma + 1);
    }
    spec.split = feeds_split(std::move(lengths));
    return spec;
  }
  uint64_t n = 0;
  if (!parse_number(text.substr(colon + 1), n))
    return bad(text, "expected a whole number after ':'");
  if (kind == "bytes") {
    if (n == 0)
      return bad(text, "slice size must be at least 1");
    spec.split = {Split::Kind::bytes, n};
  } else if (kind == "random") {
    spec.split = {Split::Kind::random, n};
  } else if (kind == "at") {
    spec.split = {Split::Kind::at, n};
  } else {
    return bad(text, "unknown split");
  }
  return spec;
}

std::vector<Split> expand(const Spec &spec, uint64_t size) {
  if (!spec.every)
    return {spec.split};
  std::vector<Split> out;
  if (size >= 2) {
    out.reserve(size - 1);
    for (uint64_t k = 1; k < size; ++k)
      out.push_back({Split::Kind::at, k});
  }
  return out;
}

std::vector<Spec> default_specs() {
  std::vector<Spec> out;
  for (const char *text : {"whole", "drip", "bytes:2", "bytes:3", "bytes:7", "bytes:64",
                           "bytes:4096", "random:1", "random:2", "random:3", "every"})
    out.push_back(parse_spec(text).value());
  return out;
}

} // namespace harness::split
