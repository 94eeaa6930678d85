#pragma once
// What every SDK profile's decoder shares. A profile decoder plays the SDK's stream iterator and
// accumulator; these rules hold for all of them:
//   - `events` counts the events the client read. Once the client stopped reading (it raised, or it
//     broke out of its loop at [DONE]) later events are not read and not counted.
//   - When the client raises, `raised` is the exception's message (class name when it has none),
//     nothing after it is processed, and the result holds what was accumulated until then.
//   - A parser finding means the SDK's own line decoding raised (see sdk_lines.hpp): it is kept in
//     `findings` (it locates the byte) and its message becomes `raised`. Profiles make no findings
//     of their own: comparing their results with the reference decoder's is the point.
//   - An error the producer reported, when the client surfaces it, is also a StreamError (source
//     "payload" for an "error" key, "event" for `event: error`) with the client's message.
#include <memory>
#include <string>
#include <string_view>

#include "dialect/decoder.hpp"

namespace harness::profiles {

class ProfileDecoder : public dialect::Decoder {
public:
  void on_event(const sse::Event &event) final;
  void on_finding(Finding finding) final;
  StreamResult finish() final;

protected:
  /// One event the client read.
  virtual void on_sdk_event(const sse::Event &event) = 0;
  /// The client's loop ended without raising: its final step (finalising the completion), which
  /// may raise.
  virtual void on_end() = 0;
  /// Copies the SDK's accumulated state into `result` (choices, usage); called once at finish.
  virtual void fill(StreamResult &result) = 0;

  void raise(std::string message);
  bool has_raised() const { return result_.raised.has_value(); }
  /// The client left its loop (e.g. `break` at [DONE]); later events are not read.
  void stop_reading() { reading_ = false; }
  /// Records an error the producer reported, as the client words it.
  void add_error(std::string message, const sse::Event &event, bool from_event_type);
  void set_done() { result_.done = true; }

private:
  StreamResult result_;
  bool reading_ = true;
};

/// The decoder a profile offers for `dialect`: a new Decoder for "openai-chat", nullptr otherwise.
template <class D> std::unique_ptr<dialect::Decoder> chat_only(std::string_view dialect);
/// The same for a profile of another single dialect (`Dialect`, one of dialect/dialect.hpp's names).
template <class D, const std::string_view &Dialect>
std::unique_ptr<dialect::Decoder> for_dialect(std::string_view dialect);

} // namespace harness::profiles

#include "dialect/dialect.hpp"

namespace harness::profiles {

template <class D, const std::string_view &Dialect>
std::unique_ptr<dialect::Decoder> for_dialect(std::string_view dialect) {
  if (dialect != Dialect)
    return nullptr;
  return std::make_unique<D>();
}

template <class D> std::unique_ptr<dialect::Decoder> chat_only(std::string_view dialect) {
  return for_dialect<D, dialect::kOpenAiChat>(dialect);
}

} // namespace harness::profiles
