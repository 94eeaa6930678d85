// clients.process.*: how a client process is started (clients/process.hpp).
#include <doctest/doctest.h>

#include <sys/socket.h>
#include <unistd.h>

#include "clients/process.hpp"

using namespace std::chrono_literals;

// A child must not hold our descriptors: the replay server's sockets are opened without
// close-on-exec, and a child holding a connection's server end kept it open after the server
// closed it (a reset:N then never reached the client; seen in CI as a curl run hung for 60 s).
TEST_CASE("clients.process.a-child-inherits-only-stdin-stdout-and-stderr") {
  const int sock = ::socket(AF_INET, SOCK_STREAM, 0); // no SOCK_CLOEXEC, as Asio opens them
  REQUIRE(sock >= 0);
  const auto r = harness::clients::run_process({"sh", "-c", "ls /proc/$$/fd"}, 10s);
  ::close(sock);
  REQUIRE(r.started);
  CHECK(r.exit_code == 0);
  CHECK(r.out == "0\n1\n2\n");
}
