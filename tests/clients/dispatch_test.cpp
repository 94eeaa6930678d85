// clients.dispatch.*: which run a `clients run` job thread takes next (clients/dispatch.hpp).
#include <doctest/doctest.h>

#include "clients/dispatch.hpp"

using harness::clients::Dispatcher;
using namespace std::chrono_literals;

TEST_CASE("clients.dispatch.a-thread-stays-on-its-client-until-its-runs-are-done") {
  Dispatcher d({{0, 1, 2}, {3, 4}});
  size_t on = Dispatcher::kNone;
  CHECK(d.next(on) == 0u); // the larger queue first, in its own order
  CHECK(on == 0u);
  CHECK(d.next(on) == 1u);
  CHECK(d.next(on) == 2u);
  CHECK(d.next(on) == 3u); // then the other client
  CHECK(on == 1u);
  CHECK(d.next(on) == 4u);
  CHECK_FALSE(d.next(on).has_value());
  CHECK(on == Dispatcher::kNone);
}

TEST_CASE("clients.dispatch.clients-nobody-is-on-come-first-whatever-their-size") {
  Dispatcher d({{0, 1, 2, 3, 4, 5, 6, 7}, {8}});
  size_t a = Dispatcher::kNone, b = Dispatcher::kNone;
  CHECK(d.next(a) == 0u);
  CHECK(d.next(b) == 8u); // the one-run client, not a second thread on the big one
  CHECK(b == 1u);
}

TEST_CASE("clients.dispatch.a-thread-joins-a-busy-client-only-for-enough-work") {
  std::vector<size_t> big(100);
  for (size_t k = 0; k < big.size(); ++k)
    big[k] = k;
  Dispatcher d({big, {100}});
  size_t a = Dispatcher::kNone, b = Dispatcher::kNone;
  REQUIRE(d.next(a) == 0u);
  d.finished(a, 100ms); // 99 runs of ~100 ms left: ~5 s per thread with a second one
  REQUIRE(d.next(b) == 100u);
  d.finished(b, 100ms);
  CHECK(d.next(b) == 1u); // joins client 0
  CHECK(b == 0u);
  // With runs of 10 ms, a second thread would join a client for nothing.
  Dispatcher small({big});
  size_t first = Dispatcher::kNone, second = Dispatcher::kNone;
  REQUIRE(small.next(first) == 0u);
  small.finished(first, 10ms);
  CHECK_FALSE(small.next(second).has_value()); // 99 x 10 ms / 2 < 3 s: not worth a worker
  CHECK(second == Dispatcher::kNone);
}
