#pragma once
// One function per subcommand; each builds its own cxxopts::Options. Return value = exit code.
#include <ostream>
#include <string>
#include <vector>

namespace harness::cli {

using Args = std::vector<std::string>;

int cmd_check(const Args &args, std::ostream &out, std::ostream &err);
int cmd_list(const Args &args, std::ostream &out, std::ostream &err);
int cmd_replay(const Args &args, std::ostream &out, std::ostream &err);
int cmd_bench(const Args &args, std::ostream &out, std::ostream &err);
int cmd_rules(const Args &args, std::ostream &out, std::ostream &err);
int cmd_lint(const Args &args, std::ostream &out, std::ostream &err);
int cmd_import(const Args &args, std::ostream &out, std::ostream &err);
int cmd_bless(const Args &args, std::ostream &out, std::ostream &err);
int cmd_serve(const Args &args, std::ostream &out, std::ostream &err);
int cmd_clients(const Args &args, std::ostream &out, std::ostream &err);
int cmd_record(const Args &args, std::ostream &out, std::ostream &err);
int cmd_fuzz_seeds(const Args &args, std::ostream &out, std::ostream &err);
int cmd_fuzz_run(const Args &args, std::ostream &out, std::ostream &err);
int cmd_import_crash(const Args &args, std::ostream &out, std::ostream &err);
int cmd_merge_reports(const Args &args, std::ostream &out, std::ostream &err);

} // namespace harness::cli
