// PLACEHOLDER until the responses decoder lands: counts events only.
#include "dialect/decoder.hpp"

namespace harness::dialect {
namespace {
class Counting final : public Decoder {
public:
  void on_event(const sse::Event &) override { ++result_.events; }
  void on_finding(Finding f) override { result_.findings.push_back(std::move(f)); }
  StreamResult finish() override { return std::move(result_); }

private:
  StreamResult result_;
};
} // namespace
std::unique_ptr<Decoder> make_responses_decoder() { return std::make_unique<Counting>(); }
} // namespace harness::dialect
