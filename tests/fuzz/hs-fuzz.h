#pragma once

#include <stddef.h>
#include <stdint.h>

/* Every harness in tests/fuzz defines this one entry point. Built with
 * -Dfuzzing=true it is libFuzzer's; otherwise hs-fuzz-regression.c calls it
 * once per file of the harness's corpus, as a plain unit test. */
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);
