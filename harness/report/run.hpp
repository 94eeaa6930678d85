#pragma once
// The one result model every judging command fills (check, lint, clients run) and every report
// writer reads (text, json, junit, markdown, html). A run is a list of cases (the matrix rows),
// the implementations it ran (the columns: parsers, profiles, clients, or "lint"), and entries:
// one per case x implementation x variant, each made of parts, the single verdicts inside it
// (the whole stream against its expectation, one split spec against the whole stream, one wire
// option); a JUnit testcase is one part.
//
// The JSON form is schemas/report.schema.json (report/report_json.hpp); nothing in a Run depends
// on how it will be written.
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/finding.hpp"
#include "core/outcome.hpp"
#include "json/rapidjson.hpp"

namespace harness::report {

/// One verdict: `name` is "whole" (the case's own stream against its expectation), a split spec
/// ("bytes:7", "every"), a metamorphic variant ("crlf"), a wire option ("cut-events:2") or, for
/// lint, "findings".
struct Part {
  std::string name;
  Outcome outcome = Outcome::ok;
  std::vector<std::string> lines; ///< what is wrong (or, for a deviation, how it differs)
};

struct Entry {
  std::string case_id;  ///< "" for an entry about the run itself (a stale known deviation)
  std::string impl;     ///< implementation, client, or "lint"
  std::string kind;     ///< parser, profile, client, lint, deviations
  std::string variant;  ///< metamorphic variant or wire option; "" for the case's own stream
  Outcome outcome = Outcome::ok; ///< the worst of the parts'
  std::vector<Part> parts;       ///< at least one
  std::string reason;            ///< deviation: the listed reasons (and links)
  std::vector<std::string> notes;
  std::string summary;           ///< one line, e.g. what a client received
  double seconds = 0;            ///< wall time of this entry's work
  uint64_t replays = 0;
  uint64_t split_points = 0;
  /// The partial result document the result was compared with, and the result document itself;
  /// null where there is none (variants are judged against derived results, lint has no
  /// expectation).
  std::shared_ptr<const rapidjson::Document> expected, actual;
  std::vector<Finding> findings; ///< the implementation's own findings (parsers, lint)
};

/// A case as a report shows it.
struct CaseInfo {
  std::string id;
  std::string title;
  std::string why;
  std::string dialect;
  std::string file;                  ///< the stream file's path
  std::vector<std::string> tags;
  std::string stream;                ///< the stream's bytes
  /// The stream's size when `stream` is not loaded (a report read back whose file is gone).
  uint64_t unloaded_bytes = 0;
  std::vector<uint64_t> event_starts;///< byte offset where each SSE event begins (tolerant rules)
  /// Recorded arrivals (corpus::Arrival): byte offset and microseconds after the request; empty
  /// when the case has no timing.
  std::vector<std::pair<uint64_t, int64_t>> timing;
  std::vector<Finding> findings;     ///< the reference replay's findings (lint), by offset
  bool is_case = true;               ///< false for a bare capture file (lint FILE)
};

/// A known-deviation entry that deviated nowhere in a run: it matched nothing, or only cases that
/// gave the expected result.
struct UnusedDeviation {
  uint64_t entry = 0;   ///< its index in the known-deviations file
  std::string about;    ///< "IMPL on CASE-GLOB", plus ", variant V" when it names one
  bool matched = false; ///< it matched cases (all of which gave the expected result)
};

/// "deviation entry N (ABOUT) matched nothing in this run", or "... matched only cases that gave
/// the expected result in this run".
std::string stale_line(const UnusedDeviation &u);

struct Run {
  std::string command;                     ///< "check", "lint", "clients run"
  std::string started;                     ///< UTC, ISO 8601, e.g. "2026-12-03T18:42:05Z"
  double seconds = 0;                      ///< wall time of the whole run
  std::string shard;                       ///< "K/N" when --shard selected part of the cases
  /// What was asked, without --shard and the report options: the shards of one run share it.
  std::string invocation;
  std::vector<std::string> implementations;///< the matrix columns, in run order
  std::vector<std::string> kinds;          ///< implementations[i]'s kind
  std::vector<CaseInfo> cases;             ///< the matrix rows, in run order
  std::vector<Entry> entries;              ///< case order, then implementation order
  std::set<Outcome> fail_on;               ///< classes that make the exit code 1
  std::string totals;                      ///< what the run covered, e.g. "43 cases x 11 implementations"
  /// Only for a shard of a `check` or `clients run` that, but for --shard, covers the whole
  /// corpus with every implementation or built-in client (cli::settle_unused_deviations): the
  /// known deviations that deviated nowhere in this shard. Merging the shards
  /// keeps those unused in every shard: the stale entries the whole run fails on.
  std::optional<std::vector<UnusedDeviation>> unused_deviations;
};

/// Entries per outcome class, indexed by the enum.
std::array<size_t, kOutcomeCount> count(const Run &run);

/// Whether any entry has a class in run.fail_on (exit code 1).
bool failing(const Run &run);

/// The worst of the parts' outcomes (ok when there are none).
Outcome worst(const std::vector<Part> &parts);

/// The default --fail-on: failed, disputed, error.
std::set<Outcome> default_fail_on();

} // namespace harness::report
