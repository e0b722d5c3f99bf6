// Shared helpers for tests (see test_support.h).
