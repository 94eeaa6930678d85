#include "clients/runner.hpp"

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "clients/worker.hpp"
#include "serve/server.hpp"
#include "sse/whole_stream.hpp"

namespace harness::clients {

namespace {

/// One run to do: everything judge() needs once the process has finished.
struct Job {
  const corpus::Case *c = nullptr;
  const std::vector<uint64_t> *starts = nullptr;
  const Client *client = nullptr;
  serve::WireOptions wire;
  serve::Plan plan;
  RunTarget target;
};

/// Stops the server and joins its thread whatever happens.
struct ServerThread {
  serve::Server &server;
  std::thread thread;
  ~ServerThread() {
    server.stop();
    if (thread.joinable())
      thread.join();
  }
};

} // namespace

Result<RunSummary> run_matrix(const std::vector<corpus::Case> &cases, const RunOptions &options,
                              const check::DeviationLookup &deviations,
                              const std::function<void(const RunRow &)> &on_row) {
  serve::ServerOptions so;
  so.host = options.host;
  serve::Server server(cases, so);
  auto port = server.listen();
  if (!port)
    return port.error();
  ServerThread running{server, std::thread([&server] { server.run(); })};
  const std::string root = "http://" + options.host + ":" + std::to_string(*port);

  RunSummary summary;
  std::vector<std::vector<uint64_t>> starts;
  starts.reserve(cases.size());
  for (const auto &c : cases)
    starts.push_back(sse::event_offsets(c.capture.stream()));

  std::vector<Job> jobs;
  for (size_t i = 0; i < cases.size(); ++i) {
    const auto &c = cases[i];
    for (const auto &client : options.clients) {
      if (!speaks(client, c.dialect))
        continue;
      for (const auto &wire : options.wires) {
        auto plan = serve::plan(c.capture.stream(), starts[i], c.dialect, wire, c.timing);
        if (!plan) {
          ++summary.skipped;
          continue;
        }
        const std::string name = wire.name();
        RunTarget target{root + "/cases/" + c.id + "/" + name + "/v1", c.dialect, c.id, name};
        jobs.push_back({&c, &starts[i], &client, wire, std::move(*plan), std::move(target)});
      }
    }
  }

  summary.rows.resize(jobs.size());
  std::atomic<size_t> next{0};
  std::mutex report;
  size_t reported = 0;
  std::vector<bool> done(jobs.size(), false);
  auto worker = [&] {
    std::map<std::string, std::unique_ptr<Worker>> workers; // this thread's, by client name
    for (size_t k = next++; k < jobs.size(); k = next++) {
      const Job &job = jobs[k];
      const Client &client = *job.client;
      ProcessOutcome run;
      if (!client.persistent.empty() && (options.persistent || client.argv.empty())) {
        auto &w = workers[client.name];
        if (!w)
          w = std::make_unique<Worker>(expand_persistent(client));
        run = w->run(request_line(job.target, options.timeout), options.timeout);
      } else {
        run = run_process(expand(client, job.target), options.timeout);
      }
      // Judging is quick next to a client run, and the deviation lookup records what matched:
      // one at a time.
      std::lock_guard lock(report);
      RunRow row{job.c->id, job.wire.name(),
                 judge(*job.c, *job.starts, *job.client, job.wire, job.plan, run, deviations),
                 run.elapsed};
      summary.rows[k] = std::move(row);
      done[k] = true;
      while (reported < jobs.size() && done[reported]) // in matrix order, as they complete
        on_row(summary.rows[reported++]);
    }
  };
  std::vector<std::thread> pool;
  const unsigned n = std::max(1u, options.jobs);
  for (unsigned t = 0; t < n; ++t)
    pool.emplace_back(worker);
  for (auto &t : pool)
    t.join();
  return summary;
}

} // namespace harness::clients
