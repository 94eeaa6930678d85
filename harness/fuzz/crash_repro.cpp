#include "fuzz/crash_repro.hpp"

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <system_error>

namespace harness::fuzz {

namespace {

namespace fs = std::filesystem;

std::string signal_name(int sig) {
  switch (sig) {
  case SIGSEGV:
    return "SIGSEGV";
  case SIGABRT:
    return "SIGABRT";
  case SIGBUS:
    return "SIGBUS";
  case SIGFPE:
    return "SIGFPE";
  case SIGILL:
    return "SIGILL";
  case SIGTRAP:
    return "SIGTRAP";
  case SIGKILL:
    return "SIGKILL";
  case SIGTERM:
    return "SIGTERM";
  default:
    return {};
  }
}

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

std::string normalise(std::string_view line) {
  // "==12345==ERROR: ..." -> "ERROR: ..."
  if (line.starts_with("==")) {
    const size_t end = line.find("==", 2);
    if (end != std::string_view::npos)
      line.remove_prefix(end + 2);
  }
  std::string out;
  for (size_t i = 0; i < line.size();) {
    const bool word_before = i > 0 && is_word_char(line[i - 1]);
    if (!word_before && line.substr(i).starts_with("0x") && i + 2 < line.size() &&
        is_hex(line[i + 2])) {
      out += "0x?";
      for (i += 2; i < line.size() && is_hex(line[i]);)
        ++i;
    } else if (!word_before && is_digit(line[i])) {
      out += 'N';
      while (i < line.size() && is_digit(line[i]))
        ++i;
    } else {
      out += line[i++];
    }
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\r' || out.back() == '\t'))
    out.pop_back();
  constexpr size_t kMax = 200;
  if (out.size() > kMax)
    out.resize(kMax);
  return out;
}

bool contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

} // namespace

std::string Signature::str() const { return line.empty() ? ending : ending + ": " + line; }

std::string failure_line(std::string_view text) {
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    if (const size_t at = line.find("ERROR: "); at != std::string_view::npos &&
                                                (contains(line, "Sanitizer") ||
                                                 contains(line, "libFuzzer"))) {
      line.remove_prefix(at);
      for (std::string_view cut : {" on address", " on unknown address", " on 0x"})
        if (const size_t c = line.find(cut); c != std::string_view::npos)
          line = line.substr(0, c);
      return normalise(line);
    }
    if (contains(line, "runtime error:") ||
        (contains(line, "fuzz target ") && contains(line, " violated")) ||
        (contains(line, "Assertion") && contains(line, "failed")) ||
        line.starts_with("terminate called") || contains(line, "libc++abi: terminating"))
      return normalise(line);
  }
  return {};
}

std::optional<Signature> signature_of(const clients::ProcessOutcome &o) {
  Signature s;
  if (o.timed_out) {
    s.ending = "timeout";
  } else if (o.signal != 0) {
    const std::string name = signal_name(o.signal);
    s.ending = "signal " + std::to_string(o.signal) + (name.empty() ? "" : " (" + name + ")");
  } else if (o.exit_code != 0) {
    s.ending = "exit " + std::to_string(o.exit_code);
  } else {
    return std::nullopt;
  }
  s.line = failure_line(o.err);
  return s;
}

Result<std::vector<std::string>> parse_exec(std::string_view command) {
  std::vector<std::string> argv;
  bool has_input = false;
  for (size_t at = 0; at < command.size();) {
    if (command[at] == ' ') {
      ++at;
      continue;
    }
    size_t end = command.find(' ', at);
    if (end == std::string_view::npos)
      end = command.size();
    argv.emplace_back(command.substr(at, end - at));
    has_input = has_input || contains(argv.back(), "{}");
    at = end;
  }
  if (argv.empty())
    return Error{"", std::nullopt, "--exec: the command is empty"};
  if (!has_input)
    return Error{"", std::nullopt,
                 "--exec: the command must name the input file as {} (e.g. "
                 "'build-fuzz/fuzz/fuzz-pipeline {}')"};
  return argv;
}

Result<Reproducer> Reproducer::make(std::vector<std::string> argv,
                                    std::chrono::milliseconds timeout) {
  std::error_code ec;
  fs::path base = fs::temp_directory_path(ec);
  if (ec)
    base = "/tmp";
  std::string pattern = (base / "sse-harness-crash-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) // mode 0700
    return Error{pattern, std::nullopt, "cannot create a temporary folder"};
  return Reproducer(std::move(argv), timeout, fs::path(pattern));
}

Reproducer::Reproducer(std::vector<std::string> argv, std::chrono::milliseconds timeout,
                       fs::path dir)
    : argv_(std::move(argv)), timeout_(timeout), dir_(std::move(dir)) {}

Reproducer::Reproducer(Reproducer &&other) noexcept
    : argv_(std::move(other.argv_)), timeout_(other.timeout_), dir_(std::move(other.dir_)) {
  other.dir_.clear();
}

Reproducer::~Reproducer() {
  if (dir_.empty())
    return;
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

Result<clients::ProcessOutcome> Reproducer::run(std::string_view input) {
  const fs::path file = dir_ / "input";
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(input.data(), static_cast<std::streamsize>(input.size()));
    if (!out.flush())
      return Error{file.string(), std::nullopt, "cannot write the candidate input"};
  }
  std::vector<std::string> argv = argv_;
  const std::string path = file.string();
  for (std::string &word : argv)
    for (size_t at = word.find("{}"); at != std::string::npos; at = word.find("{}", at + path.size()))
      word.replace(at, 2, path);
  constexpr size_t kLimit = 1u << 20; // the signature only needs the start of stderr
  clients::ProcessOutcome o = clients::run_process(argv, timeout_, kLimit);
  if (!o.started)
    return Error{argv.front(), std::nullopt, "cannot run: " + o.err};
  return o;
}

std::string Reproducer::command() const {
  std::string out;
  for (const std::string &word : argv_)
    out += (out.empty() ? "" : " ") + word;
  return out;
}

} // namespace harness::fuzz
