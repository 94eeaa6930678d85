// The Responses API profiles (openai-python-responses, openai-node-responses): where each SDK's
// ResponseStream departs from the harness's reference decoder, and from each other. Every stream
// also runs at every split (profile_support.hpp).
#include <doctest/doctest.h>

#include "profiles/profile_support.hpp"

using namespace profile_test;
using harness::StreamResult;

namespace {

const std::string kPy = "openai-python-responses";
const std::string kNode = "openai-node-responses";

using Event = std::pair<std::string, std::string>;

Event lifecycle(const std::string &type, const std::string &status, const std::string &output) {
  return {type, R"({"type":")" + type + R"(","response":{"id":"r1","status":")" + status +
                    R"(","output":)" + output +
                    R"(,"usage":{"input_tokens":5,"output_tokens":2,"total_tokens":7}}})"};
}

const std::string kMessage =
    R"({"id":"msg_1","type":"message","role":"assistant","content":[]})";
const std::string kDoneMessage =
    R"([{"id":"msg_1","type":"message","role":"assistant","content":[{"type":"output_text","text":"Hello!"}]}])";

const Event kAdded{"response.output_item.added",
                   R"({"type":"response.output_item.added","output_index":0,"item":)" + kMessage +
                       "}"};
const Event kPart{"response.content_part.added",
                  R"({"type":"response.content_part.added","item_id":"msg_1","output_index":0,)"
                  R"("content_index":0,"part":{"type":"output_text","text":""}})"};

Event text_delta(const std::string &item_id, const std::string &delta) {
  return {"response.output_text.delta",
          R"({"type":"response.output_text.delta","item_id":")" + item_id +
              R"(","output_index":0,"content_index":0,"delta":")" + delta + "\"}"};
}

const Event kItemDone{"response.output_item.done",
                      R"({"type":"response.output_item.done","output_index":0,"item":)" +
                          kDoneMessage.substr(1, kDoneMessage.size() - 2) + "}"};

} // namespace

// The common path: both show the completed response.
TEST_CASE("profiles.responses-text") {
  const std::string s =
      typed_sse({lifecycle("response.created", "in_progress", "[]"), kAdded, kPart,
                 text_delta("msg_1", "Hello"), text_delta("msg_1", "!"), kItemDone,
                 lifecycle("response.completed", "completed", kDoneMessage)});
  for (const std::string &p : {kPy, kNode}) {
    CAPTURE(p);
    const StreamResult r = replay_all(p, s);
    CHECK(!r.raised);
    CHECK(r.done);
    const auto &c = only_choice(r);
    CHECK(c.role == "assistant");
    CHECK(c.text == "Hello!");
    CHECK(c.finish_reason == "completed");
    REQUIRE(r.usage);
    CHECK(r.usage->total_tokens == 7);
  }
}

// get_final_response() raises unless response.completed came; openai-node returns the last
// snapshot whatever its status.
TEST_CASE("profiles.responses-incomplete") {
  const std::string s =
      typed_sse({lifecycle("response.created", "in_progress", "[]"), kAdded, kPart,
                 text_delta("msg_1", "Hel"),
                 lifecycle("response.incomplete", "incomplete", kDoneMessage)});
  const StreamResult py = replay_all(kPy, s);
  CHECK(py.raised == "Didn't receive a `response.completed` event.");
  CHECK(py.done);
  const StreamResult node = replay_all(kNode, s);
  CHECK(!node.raised);
  CHECK(only_choice(node).finish_reason == "incomplete");
  CHECK(only_choice(node).text == "Hello!");
}

// The first event must be response.created, in both SDKs' words.
TEST_CASE("profiles.responses-created-first") {
  const std::string s = typed_sse({lifecycle("response.in_progress", "in_progress", "[]"),
                                   lifecycle("response.completed", "completed", "[]")});
  CHECK(replay_all(kPy, s).raised ==
        "Expected to have received `response.created` before `response.in_progress`");
  CHECK(replay_all(kNode, s).raised == "When snapshot hasn't been set yet, expected "
                                       "'response.created' event, got response.in_progress");
}

// A response.created without a response object: python's _create_initial_response calls
// event.response.to_dict() and raises there (found by fuzz-pipeline, which met a null snapshot).
TEST_CASE("profiles.responses-created-without-response-object") {
  const std::string missing = typed_sse({{"response.created", R"({"type":"response.created"})"},
                                         kAdded, text_delta("msg_1", "Hi")});
  CHECK(replay_all(kPy, missing).raised ==
        "'ResponseCreatedEvent' object has no attribute 'response'");
  const std::string text = typed_sse(
      {{"response.created", R"({"type":"response.created","response":"r1"})"}, kAdded});
  CHECK(replay_all(kPy, text).raised == "'str' object has no attribute 'to_dict'");
}

// openai-node validates what python does not read: an event type it does not know, and the
// item_id of an item-scoped event.
TEST_CASE("profiles.responses-node-validates") {
  const std::string unknown =
      typed_sse({lifecycle("response.created", "in_progress", "[]"),
                 {"response.new_kind", R"({"type":"response.new_kind"})"},
                 lifecycle("response.completed", "completed", "[]")});
  CHECK(!replay_all(kPy, unknown).raised);
  CHECK(replay_all(kNode, unknown).raised == "Unhandled response stream event: unknown");

  const std::string wrong_id =
      typed_sse({lifecycle("response.created", "in_progress", "[]"), kAdded, kPart,
                 text_delta("msg_2", "Hi"), lifecycle("response.completed", "completed", kDoneMessage)});
  const StreamResult py = replay_all(kPy, wrong_id);
  CHECK(!py.raised);
  CHECK(only_choice(py).text == "Hello!");
  CHECK(replay_all(kNode, wrong_id).raised == "expected item_id 'msg_1', got 'msg_2'");
}

// A response.completed without `output`: python shows that response (no text); openai-node
// rebuilds the output from the items it saw finished.
TEST_CASE("profiles.responses-completed-without-output") {
  const std::string s = typed_sse({lifecycle("response.created", "in_progress", "[]"), kAdded,
                                   kPart, text_delta("msg_1", "Hello"), text_delta("msg_1", "!"),
                                   kItemDone, lifecycle("response.completed", "completed", "null")});
  const StreamResult py = replay_all(kPy, s);
  CHECK(!py.raised);
  CHECK(only_choice(py).text.empty());
  const StreamResult node = replay_all(kNode, s);
  CHECK(!node.raised);
  CHECK(only_choice(node).text == "Hello!");
  // Without output_item.done the item is unfinished, which completing without output refuses.
  const std::string unfinished =
      typed_sse({lifecycle("response.created", "in_progress", "[]"), kAdded, kPart,
                 text_delta("msg_1", "Hello"), lifecycle("response.completed", "completed", "null")});
  CHECK(replay_all(kNode, unfinished).raised ==
        "Cannot complete response with unfinished output items.");
}

// A text delta for an item that is not a message: python asserts, openai-node names the type.
TEST_CASE("profiles.responses-delta-for-wrong-item") {
  const std::string s = typed_sse(
      {lifecycle("response.created", "in_progress", "[]"),
       {"response.output_item.added",
        R"({"type":"response.output_item.added","output_index":0,"item":{"id":"fc_1","type":"function_call","call_id":"c1","name":"f","arguments":""}})"},
       {"response.output_text.delta",
        R"({"type":"response.output_text.delta","item_id":"fc_1","output_index":0,"content_index":0,"delta":"x"})"}});
  CHECK(replay_all(kPy, s).raised == "AssertionError");
  CHECK(replay_all(kNode, s).raised == "expected output item type 'message', got 'function_call'");
}
