#include "clients/runner.hpp"

#include <algorithm>
#include <memory>
#include <mutex>
#include <thread>

#include "clients/dispatch.hpp"
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

/// Every event type `stream` dispatches as the tolerant parser reads it, in order of first
/// appearance.
std::vector<std::string> event_types(std::string_view stream) {
  std::vector<std::string> out;
  sse::each_tolerant_event(stream, [&](const sse::Event &e) {
    if (std::find(out.begin(), out.end(), e.type) == out.end())
      out.emplace_back(e.type);
  });
  return out;
}

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
                              const std::function<void(size_t, const RunRow &)> &on_row) {
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
  std::vector<std::vector<std::string>> types; // each case's event types, for EventSource clients
  types.reserve(cases.size());
  for (const auto &c : cases)
    types.push_back(event_types(c.capture.stream()));

  std::vector<Job> jobs;
  for (size_t i = 0; i < cases.size(); ++i) {
    const auto &c = cases[i];
    for (const auto &client : options.clients) {
      if (!speaks(client, c.dialect))
        continue;
      for (const auto &wire : options.wires) {
        auto plan = serve::plan(c.capture.stream(), starts[i], c.dialect, wire, c.timing);
        if (!plan || !applies(c.dialect, wire)) {
          ++summary.skipped;
          continue;
        }
        const std::string name = wire.name();
        RunTarget target{root + "/cases/" + c.id + "/" + name + "/v1", c.dialect, c.id, name,
                         types[i]};
        jobs.push_back({&c, &starts[i], &client, wire, std::move(*plan), std::move(target)});
      }
    }
  }

  summary.rows.resize(jobs.size());
  std::vector<std::vector<size_t>> queues(options.clients.size()); // matrix order in each
  for (size_t k = 0; k < jobs.size(); ++k)
    queues[static_cast<size_t>(jobs[k].client - options.clients.data())].push_back(k);
  Dispatcher dispatch(std::move(queues));

  std::mutex report;
  auto worker = [&] {
    std::unique_ptr<Worker> held; // this thread's worker, for held_for
    const Client *held_for = nullptr;
    size_t on = Dispatcher::kNone; // the client this thread is on (index into options.clients)
    for (auto k = dispatch.next(on); k; k = dispatch.next(on)) {
      const Job &job = jobs[*k];
      const Client &client = *job.client;
      ProcessOutcome run;
      if (!client.persistent.empty() && (options.persistent || client.argv.empty())) {
        if (held_for != &client) {
          held.reset(); // the previous client's worker ends before the next one starts
          held = std::make_unique<Worker>(expand_persistent(client));
          held_for = &client;
        }
        run = held->run(request_line(job.target, options.timeout), options.timeout);
      } else {
        run = run_process(expand(client, job.target), options.timeout);
      }
      dispatch.finished(on, run.elapsed);
      // Judging is quick next to a client run (~0.2 ms), and the deviation lookup records what
      // matched: one at a time.
      std::lock_guard lock(report);
      summary.rows[*k] = RunRow{job.c->id, job.wire.name(),
                                judge(*job.c, *job.starts, client, job.wire, job.plan, run, deviations),
                                run.elapsed};
      on_row(*k, summary.rows[*k]);
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
