/* mkdb.c — build-time helper: compile the built-in rules' Hyperscan
 * database once and write it serialised, so that scrub starts without
 * compiling. OUT.sig holds the database's signature, then what start-up
 * would otherwise work out for each rule (see builtin_probe in
 * src/rules/builtin.h), one rule per line. Usage: mkdb OUT.db OUT.sig */
#include <stdio.h>
#include <stdlib.h>

#include "engine/engine.h"

/* hash on_hs window fixed_width right_is_set right_bad_at_end right_bad */
static int write_probes(FILE *f, const scrub_engine *eng,
                        const scrub_config *cfg)
{
    for (size_t i = 0; i < eng->nrules; i++) {
        builtin_probe p = eng_probe_of(eng, cfg, i);
        fprintf(f, "%llu %u %u %u %u %u ", (unsigned long long)p.hash,
                p.on_hs, p.window, p.fixed_width, p.right_is_set,
                p.right_bad_at_end);
        for (size_t k = 0; k < sizeof p.right_bad; k++)
            fprintf(f, "%02x", p.right_bad[k]);
        if (fputc('\n', f) == EOF)
            return -1;
    }
    return ferror(f) ? -1 : 0;
}

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
        fprintf(sig, "%llu\n%zu\n",
                (unsigned long long)eng_hs_signature(eng, cfg),
                eng->nrules) < 0 ||
        write_probes(sig, eng, cfg) || fclose(db) || fclose(sig)) {
        fprintf(stderr, "mkdb: cannot write the output\n");
        return 2;
    }
    free(bytes);
    scrub_engine_free(eng);
    scrub_config_free(cfg);
    return 0;
}
