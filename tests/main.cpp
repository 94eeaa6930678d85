// The one doctest main for every unit test; suites are selected by test-case name prefix.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
