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

/* One database, serialised into path. */
static int write_db(hs_database_t *db, const char *path)
{
    char *bytes = NULL;
    size_t len = 0;
    FILE *f = NULL;
    int ok = db && hs_serialize_database(db, &bytes, &len) == HS_SUCCESS &&
             (f = fopen(path, "wb")) && fwrite(bytes, 1, len, f) == len;
    if (f && fclose(f))
        ok = 0;
    free(bytes);
    return ok ? 0 : -1;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: mkdb OUT.db OUT.sig\n");
        return 2;
    }
    scrub_config *cfg = scrub_config_new();
    scrub_engine *eng = NULL;
    char err[256], nat[4096];
    if (!cfg || scrub_config_set_action(cfg, "all", SCRUB_ACTION_REDACT) ||
        scrub_engine_new(&eng, cfg, err, sizeof err) ||
        eng_prepare_hyperscan(eng)) {
        fprintf(stderr, "mkdb: %s\n", cfg ? err : "out of memory");
        return 2;
    }
    hs_database_t *full = eng->nat.any ? eng->full_db : eng->db;
    snprintf(nat, sizeof nat, "%s.nat", argv[1]);
    FILE *sig = NULL;
    if (write_db(full, argv[1]) || write_db(eng->db, nat) ||
        !(sig = fopen(argv[2], "w")) ||
        fprintf(sig, "%llu %llu\n%zu\n",
                (unsigned long long)eng_hs_signature(eng, true),
                (unsigned long long)eng_hs_signature(eng, false),
                eng->nrules) < 0 ||
        write_probes(sig, eng, cfg) || fclose(sig)) {
        fprintf(stderr, "mkdb: cannot write the output\n");
        return 2;
    }
    scrub_engine_free(eng);
    scrub_config_free(cfg);
    return 0;
}
