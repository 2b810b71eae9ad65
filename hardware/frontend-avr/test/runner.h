/* A minimal test runner: CHECK records a failure with its line and goes on; a test fails when any of
 * its checks did. */
#ifndef RUNNER_H
#define RUNNER_H

#include <stdio.h>

extern int runner_failures;

#define CHECK(cond) do { \
        if (!(cond)) { \
            runner_failures++; \
            printf("    %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
        } \
    } while (0)

#define CHECK_EQ(actual, expected) do { \
        long long a_ = (long long)(actual), e_ = (long long)(expected); \
        if (a_ != e_) { \
            runner_failures++; \
            printf("    %s:%d: %s = %lld, expected %s = %lld\n", __FILE__, __LINE__, #actual, a_, \
                   #expected, e_); \
        } \
    } while (0)

typedef struct {
    const char *name;
    void (*fn)(void);
} test_case_t;

#endif
