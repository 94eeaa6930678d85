#include "dialect/sse/sse_level.hpp"

#include <utility>

namespace harness::dialect {

namespace {

class SseLevelDecoder final : public Decoder {
public:
  void on_event(const sse::Event &) override { ++result_.events; }
  void on_finding(Finding finding) override { result_.findings.push_back(std::move(finding)); }
  StreamResult finish() override { return std::move(result_); }

private:
  StreamResult result_;
};

} // namespace

std::unique_ptr<Decoder> make_sse_level_decoder() { return std::make_unique<SseLevelDecoder>(); }

} // namespace harness::dialect
