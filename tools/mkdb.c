/* mkdb.c — build-time helper: compile the built-in rules' Hyperscan
 * database once and write it serialised, so that scrub starts without
 * compiling. Usage: mkdb OUT.db OUT.sig */
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: mkdb OUT.db OUT.sig\n");
        return 2;
    }
    scrub_config *cfg = scrub_config_new();
    scrub_engine *eng = NULL;
    char err[256];
    if (!cfg || scrub_config_set_action(cfg, "all", SCRUB_ACTION_REDACT) ||
        scrub_engine_new(&eng, cfg, err, sizeof err)) {
        fprintf(stderr, "mkdb: %s\n", cfg ? err : "out of memory");
        return 2;
    }
    char *bytes = NULL;
    size_t len = 0;
    if (!eng->db || hs_serialize_database(eng->db, &bytes, &len) != HS_SUCCESS) {
        fprintf(stderr, "mkdb: cannot serialise the database\n");
        return 2;
    }
    FILE *db = fopen(argv[1], "wb"), *sig = fopen(argv[2], "w");
    if (!db || !sig || fwrite(bytes, 1, len, db) != len ||
        fprintf(sig, "%llu\n",
                (unsigned long long)engine_hs_signature(eng, cfg)) < 0 ||
        fclose(db) || fclose(sig)) {
        fprintf(stderr, "mkdb: cannot write the output\n");
        return 2;
    }
    free(bytes);
    scrub_engine_free(eng);
    scrub_config_free(cfg);
    return 0;
}
