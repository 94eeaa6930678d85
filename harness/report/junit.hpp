#pragma once
// A Run as JUnit XML, the test report format CI systems render (GitLab, Jenkins, GitHub
// test-reporter actions, Azure Pipelines). `--report junit=FILE` writes it. It validates against
// schemas/junit.xsd (Jenkins' JUnit schema), which fixes what may appear where.
//
// Shape:
//   <testsuites name="sse-harness <command>" tests failures errors time>
//     one <testsuite> per case, in run order (name = the case id), then one named
//     "deviations.json" for the entries about the run itself (case_id ""), when there are any;
//     each with tests, failures, errors, skipped, time, timestamp and the case's title, dialect
//     and file as <properties>;
//       one <testcase> per part of each entry:
//         classname  the case id with '.' as '_' and then '/' as '.', so that readers which split
//                    at the last '.' (Jenkins) show provider / case ("openai.chat-gpt4o-refusal")
//         name       "<impl> <variant> <part>", the variant left out when it is the part's name
//                    or empty ("openai-python whole", "curl cut-events:2"); " (2)", " (3)" added
//                    where a name repeats inside its suite
//         time       the entry's seconds shared equally among its parts
// Mapping of a part's outcome class:
//   in run.fail_on, class error  -> <error message=first line type="error">all lines</error>
//   in run.fail_on, other class  -> <failure message=first line type=class>all lines</failure>
//   deviation, not in fail_on    -> <skipped>known deviation: reason</skipped> (Jenkins takes the
//                                   text as the message when there is no attribute; the schema
//                                   allows no attribute on skipped)
//   any other                    -> passed
// Every testcase that is not ok also has a <system-out> naming its class (and, when passed or
// skipped, its lines), since the schema has no testcase-level properties; the entry's summary and
// notes go with its first part.
// Counts: each testsuite's tests/failures/errors/skipped are its testcases of each kind; the
// testsuites element sums tests/failures/errors (it has no skipped attribute in the schema).
// Text from the run goes through printable() and XML escaping, so the document is well-formed XML
// 1.0 whatever bytes the lines hold.
#include <string>

#include "report/run.hpp"

namespace harness::report {

/// The whole document, UTF-8, starting with the XML declaration and ending in a newline.
std::string to_junit(const Run &run);

} // namespace harness::report
