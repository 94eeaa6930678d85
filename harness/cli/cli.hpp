#pragma once
// The command line. main() only calls run(); every exception stops here.
// Exit codes: 0 all as expected, 1 conformance failures, 2 usage or I/O trouble.
// (77 and 99 are never used: meson test reads them as SKIP and ERROR.)
#include <ostream>
#include <string>
#include <vector>

namespace harness::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailures = 1;
inline constexpr int kExitTrouble = 2;

/// args[0] is the program name, args[1] the subcommand. Results go to `out`, diagnostics to `err`.
int run(const std::vector<std::string> &args, std::ostream &out, std::ostream &err);

} // namespace harness::cli
