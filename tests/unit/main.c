/* Unit test runner: every suite, one summary line. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>

Suite *validate_suite(void);
Suite *actions_suite(void);
Suite *engine_suite(void);

int main(void)
{
    SRunner *sr = srunner_create(validate_suite());
    srunner_add_suite(sr, actions_suite());
    srunner_add_suite(sr, engine_suite());
    srunner_run_all(sr, CK_NORMAL);
    int run = srunner_ntests_run(sr), failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    printf("%d passed, %d failed\n", run - failed, failed);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
