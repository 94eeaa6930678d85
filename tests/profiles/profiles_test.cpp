// Tests arrive with the implementation.
#include <doctest/doctest.h>
