/* Unit test runner: a suite per stage folder of src/ (README.md here),
 * in the order of the stages; one summary line. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>

Suite *common_suite(void);
Suite *validate_suite(void);
Suite *transform_suite(void);
Suite *rules_suite(void);
Suite *engine_suite(void);
Suite *scan_suite(void);
Suite *stream_suite(void);
Suite *check_suite(void);

int main(void)
{
    Suite *(*const suites[])(void) = {
        common_suite, validate_suite, transform_suite, rules_suite,
        engine_suite, scan_suite,     stream_suite,    check_suite};
    SRunner *sr = srunner_create(suites[0]());
    for (size_t i = 1; i < sizeof suites / sizeof *suites; i++)
        srunner_add_suite(sr, suites[i]());
    srunner_run_all(sr, CK_NORMAL);
    int run = srunner_ntests_run(sr), failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    printf("%d passed, %d failed\n", run - failed, failed);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
