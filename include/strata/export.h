// STRATA_EXPORT marks what libstrata.so exports: the classes and functions
// declared in include/strata/. The library is compiled with hidden
// visibility, so nothing else — strata's internals, and the fmt and toml++
// code compiled into it from their headers — is visible to (or can clash
// with) the program that links it. Static linking is unaffected.
#pragma once

#if defined(__GNUC__) || defined(__clang__)
#define STRATA_EXPORT __attribute__((visibility("default")))
#else
#define STRATA_EXPORT
#endif
