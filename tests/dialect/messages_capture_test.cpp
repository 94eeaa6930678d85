// Excerpts of the real Anthropic captures (shared/streams/anthropic, see its PROVENANCE.md: vcrpy
// cassettes of pydantic-ai and Mirascope, MIT), byte for byte, through the tolerant parser, fed
// whole and byte by byte. Each excerpt keeps whole events only, so what it reassembles is what its
// events say; the expected values were read off the bytes.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>

#include "dialect/decoder.hpp"
#include "dialect/messages_support.hpp"

using dialect_test::replay;
using dialect_test::rule_counts;
using harness::dialect::make_messages_decoder;

namespace {

// anthropic/text-minimal-sonnet45.sse, whole (1123 bytes).
const std::string kTextMinimal = R"sse(event: message_start
data: {"type":"message_start","message":{"model":"claude-sonnet-4-5-20250929","id":"msg_018E1hg8GoVTGEKQY3ovMcSJ","type":"message","role":"assistant","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":20,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"output_tokens":1,"service_tier":"standard","inference_geo":"not_available"}}            }

event: content_block_start
data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}        }

event: ping
data: {"type": "ping"}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"2"}      }

event: content_block_stop
data: {"type":"content_block_stop","index":0        }

event: message_delta
data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":20,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":5}       }

event: message_stop
data: {"type":"message_stop"    }

)sse";

// anthropic/tool-use-input-json-delta-sonnet45.sse, whole (1493 bytes).
const std::string kToolUse = R"sse(event: message_start
data: {"type":"message_start","message":{"model":"claude-sonnet-4-5-20250929","id":"msg_017vT8SCNW26qXCKQ3fW8ivV","type":"message","role":"assistant","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":853,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"output_tokens":8,"service_tier":"standard"}}         }

event: content_block_start
data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_01GWMYVRPdJWuP8ywu1XZDW8","name":"customAdditionImplementation","input":{}}   }

event: ping
data: {"type": "ping"}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":""}            }

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\"a\": 2"}        }

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":", \"b\": 3}"}            }

event: content_block_stop
data: {"type":"content_block_stop","index":0     }

event: message_delta
data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"input_tokens":853,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":72}              }

event: message_stop
data: {"type":"message_stop"         }

)sse";

// anthropic/max-tokens-sonnet4.sse, whole (1983 bytes).
const std::string kMaxTokens = R"sse(event: message_start
data: {"type":"message_start","message":{"model":"claude-sonnet-4-20250514","id":"msg_0135e9LyciVm4QrXrdNRjpNS","type":"message","role":"assistant","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":15,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"output_tokens":4,"service_tier":"standard"}}             }

event: content_block_start
data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}  }

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Here are all "}   }

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"50 U.S. states in"} }

event: ping
data: {"type": "ping"}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" alphabetical order:\n\n1. Alabama"}}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"\n2. Alaska\n3. Arizona"}               }

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"\n4. Arkansas\n5. California"}         }

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"\n6. Colorado\n7. Connecticut"}               }

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"\n8. Delaware\n9"}            }

event: content_block_stop
data: {"type":"content_block_stop","index":0  }

event: message_delta
data: {"type":"message_delta","delta":{"stop_reason":"max_tokens","stop_sequence":null},"usage":{"input_tokens":15,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":50}   }

event: message_stop
data: {"type":"message_stop"            }

)sse";

// anthropic/code-execution-server-tool-sonnet46.sse, events 0-27 and 32-34 (text deltas 28-31 left
// out).
const std::string kCodeExecution = R"sse(event: message_start
data: {"type":"message_start","message":{"model":"claude-sonnet-4-6","id":"msg_01Js8aWE7YbmiaUPneGiCskE","type":"message","role":"assistant","content":[],"stop_reason":null,"stop_sequence":null,"stop_details":null,"usage":{"input_tokens":2293,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"output_tokens":1,"service_tier":"standard","inference_geo":"global"}}             }

event: content_block_start
data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}       }

event: ping
data: {"type": "ping"}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Let"}        }

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":" me calculate this mathematical expression."}       }

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EusBClsIDRgCKkBpzetW9oKOZtFP6IeFJJr3gnQBXqdZrYcRnwTLcVuC/mkNQXFCRtvXzgnEVf7l5fFR7h3ot66yltYQokOJgU0XMhFjbGF1ZGUtc29ubmV0LTQtNjgAEgx4VA49Y9x4euFn/C8aDLaPUE1i8unro8wUZyIwTVsbnme/ZlJjB/k0sJpLe/6Hhr1hiJBEwIautRYb9wRO69nCOmte8rf2JIlb3WN2Kj5V5cgiQPXU7/dckGIBOjC3LbVg4fl1yJKZ6A9eiNDAfvI1a3el8ptl54928QUlCPHT6QRNK5dDomrp4RcinBgB"}      }

event: content_block_stop
data: {"type":"content_block_stop","index":0  }

event: content_block_start
data: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}

event: content_block_delta
data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"I'll calculate that expression for you right away!"}             }

event: content_block_stop
data: {"type":"content_block_stop","index":1            }

event: content_block_start
data: {"type":"content_block_start","index":2,"content_block":{"type":"server_tool_use","id":"srvtoolu_01MwXaweAHve88x6s3Fc8x6Q","name":"bash_code_execution","input":{}}     }

event: content_block_delta
data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":""} }

event: content_block_delta
data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\"com"} }

event: content_block_delta
data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"mand\": \"ec"}              }

event: content_block_delta
data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"ho \\\"65465-"}               }

event: content_block_delta
data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"6544 * 6"}   }

event: content_block_delta
data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"54"}    }

event: content_block_delta
data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"64-6+1.02"}       }

event: content_block_delta
data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"255\\\" | "}        }

event: content_block_delta
data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"bc -l\"}"}  }

event: content_block_stop
data: {"type":"content_block_stop","index":2               }

event: content_block_start
data: {"type":"content_block_start","index":3,"content_block":{"type":"bash_code_execution_tool_result","tool_use_id":"srvtoolu_01MwXaweAHve88x6s3Fc8x6Q","content":{"type":"bash_code_execution_result","stdout":"-428330955.97745\n","stderr":"","return_code":0,"content":[]}}               }

event: content_block_stop
data: {"type":"content_block_stop","index":3          }

event: content_block_start
data: {"type":"content_block_start","index":4,"content_block":{"type":"text","text":""}      }

event: content_block_delta
data: {"type":"content_block_delta","index":4,"delta":{"type":"text_delta","text":"Following"} }

event: content_block_delta
data: {"type":"content_block_delta","index":4,"delta":{"type":"text_delta","text":" the standard **order of operations (PEMDAS/BODMAS)** — multiplication is"}         }

event: content_block_delta
data: {"type":"content_block_delta","index":4,"delta":{"type":"text_delta","text":" performed before addition and subtraction — here's the breakdown:\n\n| Step | Operation | Result |\n|------|-----------|--------|\n| 1️"}              }

event: content_block_delta
data: {"type":"content_block_delta","index":4,"delta":{"type":"text_delta","text":"⃣ | `6544 × 65464` | `428,394,416"}          }

event: content_block_stop
data: {"type":"content_block_stop","index":4      }

event: message_delta
data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null,"stop_details":null,"container":{"id":"container_011CaNRFAbjdPf4rmBarZzqQ","expires_at":"2026-04-24T11:13:36.730129Z"}},"usage":{"input_tokens":4714,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":304,"server_tool_use":{"web_search_requests":0,"web_fetch_requests":0}}     }

event: message_stop
data: {"type":"message_stop"               }

)sse";

// anthropic/redacted-thinking-sonnet45.sse, events 0-10 and 24-26 (text deltas 11-23 left out).
const std::string kRedactedThinking = R"sse(event: message_start
data: {"type":"message_start","message":{"id":"msg_018XZkwvj9asBiffg3fXt88s","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":92,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"output_tokens":88,"service_tier":"standard"}}    }

event: content_block_start
data: {"type":"content_block_start","index":0,"content_block":{"type":"redacted_thinking","data":"EqkECkYIBxgCKkA8AZ4noDfV5VcOJe/p3JTRB6Xz5297mrWhl3MbHSXDKTMfuB/Z52U2teiWWTN0gg4eQ4bGS9TPilFX/xWTIq9HEgyOmstSPriNwyn1G7AaDC51r0hQ062qEd55IiIwYQj3Z3MSBBv0bSVdXi60LEHDvC7tzzmpQfw5Hb6R9rtyOz/6vC/xPw9/E1mUqfBqKpADO2HS2QlE/CnuzR901nZOn0TOw7kEXwH7kg30c85b9W7iKALgEejY9sELMBdPyIZNlTgKqNOKtY3R/aV5rGIRPTHh2Wh9Ijmqsf/TT7i//Z+InaYTo6f/fxF8R0vFXMRPOBME4XIscb05HcNhh4c9FDkpqQGYKaq31IR1NNwPWA0BsvdDz7SIo1nfx4H+X0qKKqqegKnQ3ynaXiD5ydT1C4U7fku4ftgF0LGwIk4PwXBE+4BP0DcKr1HV3cn7YSyNakBSDTvRJMKcXW6hl7X3w2a4//sxjC1Cjq0uzkIHkhzRWirN0OSXt+g3m6b1ex0wGmSyuO17Ak6kgVBpxwPugtrqsflG0oujFem44hecXJ9LQNssPf4RSlcydiG8EXp/XLGTe0YfHbe3kJagkowSH/Dm6ErXBiVs7249brncyY8WA+7MOoqIM82YIU095B9frCqDJDUWnN84VwOszRrcaywmpJXZO4aeQLMC1kXD5Wabu+O/00tD/X67EWkkWuR0AhDIXXjpot45vnBd4ewJ/hgB"}           }

event: content_block_stop
data: {"type":"content_block_stop","index":0  }

event: content_block_start
data: {"type":"content_block_start","index":1,"content_block":{"type":"redacted_thinking","data":"EtgBCkYIBxgCKkDQfGkwzflEJP5asG3oQfJXcTwJLoRznn8CmuczWCsJ36dv93X9H0NCeaJRbi5BrCA2DyMgFnRKRuzZx8VTv5axEgwkFmcHJk8BSiZMZRQaDDYv2KZPfbFgRa2QjyIwm47f5YYsSK9CT/oh/WWpU1HJJVHr8lrC6HG1ItRdtMvYQYmEGy+KhyfcIACfbssVKkDGv/NKqNMOAcu0bd66gJ2+R1R0PX11Jxn2Nd1JtZqkxx7vMT/PXtHDhm9jkDZ2k/6RjRRFuab/DBV3yRYdZ1J0GAE="}}

event: ping
data: {"type": "ping"}

event: content_block_stop
data: {"type":"content_block_stop","index":1        }

event: ping
data: {"type": "ping"}

event: content_block_start
data: {"type":"content_block_start","index":2,"content_block":{"type":"text","text":""}    }

event: ping
data: {"type": "ping"}

event: content_block_delta
data: {"type":"content_block_delta","index":2,"delta":{"type":"text_delta","text":"I notice that you've sent what"}               }

event: content_block_delta
data: {"type":"content_block_delta","index":2,"delta":{"type":"text_delta","text":" appears to be some"} }

event: content_block_stop
data: {"type":"content_block_stop","index":2   }

event: message_delta
data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":92,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":189}    }

event: message_stop
data: {"type":"message_stop"          }

)sse";

// anthropic/thinking-sonnet4.sse, events 0-4, 16-21 and 114-117 (the other thinking and text deltas
// left out).
const std::string kThinking = R"sse(event: message_start
data: {"type":"message_start","message":{"model":"claude-sonnet-4-20250514","id":"msg_01ALwQ87pTS7hH1PjSdC9wJD","type":"message","role":"assistant","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":43,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"output_tokens":1,"service_tier":"standard","inference_geo":"not_available"}}    }

event: content_block_start
data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}          }

event: ping
data: {"type": "ping"}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"This"}       }

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":" is a straightforward question about"}             }

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":""}}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EvMCCkYICxgCKkCHP2cSuEdcJK/0rFwqES/ecn+VurRpNTwI4XNyM0vnNfGsc9OmE8YYHauwBZ/uaRpmlEn2I4/kszHlcpptO82JEgyRMSbPkJYaegxYF3AaDHZbSm9EzZ6CM+YtliIw3iNVP/ilYrfoneo8S2+ad/5xSC62nKbk6joLtKmqXgXwYFJRpjIUjM2V7EGReOPRKtoBKfNHVmdNf7SeMhHalX/ObSeJ1G/NjDyGQAsDjyHGd7uY1r5gAIn3Cpdv5r+gHYJmWT+w2uiKZsBDRoSf4O3Km0l752EhPD4InEhqpCKyqhbUZ3dt5+JVKQHk2iyTBhQMB/XBYgZTstIpRqQRXU5ypcrydgnqj3mD1G9C7YC0ZTCNvFluAx0OL8q+cQwufgfqKquLEf2+XMYzhx9jYkVFEpnf/s1nx6gNBATKfF3Dmrs2r4tWu2QJB+FjlRuDp/8dxUxgJbmyhGxb7XsYeb1vgb7wwzDvP/UhjfQYAQ=="}             }

event: content_block_stop
data: {"type":"content_block_stop","index":0               }

event: content_block_start
data: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}            }

event: content_block_delta
data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Here are"}          }

event: content_block_delta
data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":" the"}}

event: content_block_delta
data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":" streets."}        }

event: content_block_stop
data: {"type":"content_block_stop","index":1               }

event: message_delta
data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":43,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":282}      }

event: message_stop
data: {"type":"message_stop"         }

)sse";

harness::StreamResult run(const std::string &sse) {
  return replay(make_messages_decoder, sse);
}

// The same stream as captures rebuilt from JSON lines have it: no `event:` lines.
std::string without_event_lines(const std::string &sse) {
  std::string out;
  size_t at = 0;
  while (at < sse.size()) {
    const size_t end = std::min(sse.find('\n', at), sse.size() - 1) + 1;
    if (sse.compare(at, 7, "event: ") != 0)
      out.append(sse, at, end - at);
    at = end;
  }
  return out;
}

} // namespace

TEST_CASE("messages.capture.text-minimal") {
  const auto r = run(kTextMinimal);
  CHECK(r.events == 7);
  CHECK(r.done);
  CHECK(r.findings.empty()); // the padding before the closing braces is valid JSON whitespace
  CHECK(r.errors.empty());
  REQUIRE(r.choices.size() == 1);
  CHECK(r.choices[0].role == "assistant");
  CHECK(r.choices[0].text == "2");
  CHECK(r.choices[0].finish_reason == "end_turn");
  CHECK(r.usage == harness::Usage{20, 5, std::nullopt, std::nullopt});
}

TEST_CASE("messages.capture.tool-use-input-json-delta") {
  const auto r = run(kToolUse);
  CHECK(r.events == 9);
  CHECK(r.done);
  CHECK(r.findings.empty());
  REQUIRE(r.choices.size() == 1);
  const auto &c = r.choices[0];
  CHECK(c.text.empty());
  CHECK(c.finish_reason == "tool_use");
  REQUIRE(c.tool_calls.size() == 1);
  // input {} in the start block, then "", "{\"a\": 2", ", \"b\": 3}".
  CHECK(c.tool_calls[0] == harness::ToolCall{0, "toolu_01GWMYVRPdJWuP8ywu1XZDW8", "tool_use",
                                             "customAdditionImplementation",
                                             R"({"a": 2, "b": 3})"});
  CHECK(r.usage == harness::Usage{853, 72, std::nullopt, std::nullopt});
}

TEST_CASE("messages.capture.max-tokens") {
  const auto r = run(kMaxTokens);
  CHECK(r.events == 13);
  CHECK(r.done);
  CHECK(r.findings.empty());
  REQUIRE(r.choices.size() == 1);
  const auto &c = r.choices[0];
  CHECK(c.finish_reason == "max_tokens");
  CHECK(c.text.size() == 150);
  CHECK(c.text.starts_with("Here are all 50 U.S. states in alphabetical order:\n\n1. Alabama\n"));
  CHECK(c.text.ends_with("\n8. Delaware\n9")); // cut mid-list
  CHECK(r.usage == harness::Usage{15, 50, std::nullopt, std::nullopt});
}

TEST_CASE("messages.capture.code-execution-server-tool") {
  const auto r = run(kCodeExecution);
  CHECK(r.events == 31);
  CHECK(r.done);
  CHECK(r.findings.empty()); // bash_code_execution_tool_result is a known block without deltas
  REQUIRE(r.choices.size() == 1);
  const auto &c = r.choices[0];
  CHECK(c.reasoning == "Let me calculate this mathematical expression.");
  // Two text blocks (1 and 4) joined without a separator; a keycap "1" U+FE0F U+20E3 arrives split
  // over two deltas.
  CHECK(c.text.size() == 306);
  CHECK(c.text.starts_with("I'll calculate that expression for you right away!Following the "
                           "standard **order of operations (PEMDAS/BODMAS)**"));
  CHECK(c.text.ends_with("| 1\xEF\xB8\x8F\xE2\x83\xA3 | `6544 \xC3\x97 65464` | `428,394,416"));
  REQUIRE(c.tool_calls.size() == 1);
  // Nine input_json_delta fragments, the first empty, escaped quotes split across fragments.
  CHECK(c.tool_calls[0] ==
        harness::ToolCall{0, "srvtoolu_01MwXaweAHve88x6s3Fc8x6Q", "server_tool_use",
                          "bash_code_execution",
                          R"({"command": "echo \"65465-6544 * 65464-6+1.02255\" | bc -l"})"});
  CHECK(c.finish_reason == "end_turn");
  // message_start says input 2293; the message_delta's 4714 (after the server tool ran) wins.
  CHECK(r.usage == harness::Usage{4714, 304, std::nullopt, std::nullopt});
}

TEST_CASE("messages.capture.redacted-thinking") {
  const auto r = run(kRedactedThinking);
  CHECK(r.events == 14);
  CHECK(r.done);
  CHECK(r.findings.empty()); // redacted_thinking blocks start and stop with no delta
  REQUIRE(r.choices.size() == 1);
  CHECK(r.choices[0].reasoning.empty()); // opaque data is not shown
  CHECK(r.choices[0].text == "I notice that you've sent what appears to be some");
  CHECK(r.choices[0].finish_reason == "end_turn");
  // message_start already reports output_tokens 88; the final count is 189.
  CHECK(r.usage == harness::Usage{92, 189, std::nullopt, std::nullopt});
}

TEST_CASE("messages.capture.thinking") {
  const auto r = run(kThinking);
  CHECK(r.events == 15);
  CHECK(r.done);
  CHECK(r.findings.empty()); // ping's "type": "ping" with a space, an empty thinking_delta
  REQUIRE(r.choices.size() == 1);
  CHECK(r.choices[0].reasoning == "This is a straightforward question about");
  CHECK(r.choices[0].text == "Here are the streets.");
  CHECK(r.usage == harness::Usage{43, 282, std::nullopt, std::nullopt});
}

// Captures rebuilt from JSON lines have no `event:` lines: the payload types give the same result.
TEST_CASE("messages.capture.same-result-without-event-lines") {
  for (const std::string *sse :
       {&kTextMinimal, &kToolUse, &kMaxTokens, &kCodeExecution, &kRedactedThinking, &kThinking}) {
    const std::string stripped = without_event_lines(*sse);
    CHECK(stripped.size() < sse->size());
    CHECK(run(stripped) == run(*sse));
  }
}

TEST_CASE("messages.capture.cut-before-message-stop") {
  const std::string cut = kTextMinimal.substr(0, kTextMinimal.find("event: message_stop"));
  const auto r = run(cut);
  CHECK(r.events == 6);
  CHECK_FALSE(r.done);
  CHECK(rule_counts(r) == std::map<std::string, int>{{"done.missing", 1}});
  CHECK(r.choices.at(0).finish_reason == "end_turn");
}
