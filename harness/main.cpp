#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.hpp"

int main(int argc, char **argv) {
  std::vector<std::string> args(argv, argv + argc);
  return harness::cli::run(args, std::cout, std::cerr);
}
