/* setup.c — from the options to an engine: the built-in rules, each -c
 * file in order, each -a in order, the retired keys a config names, the
 * key; then the engine, and a check of every -a type against the types
 * the engine knows. Used at start and, on SIGHUP, for a reload: then the
 * same files are read again, and on any failure the caller keeps the
 * engine it has. Every failure is one line in `err`, naming the file or
 * option, never a value. */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

char *slurp_file(const char *path, size_t *len, int *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        *err = errno;
        return NULL;
    }
    char *buf = NULL;
    size_t n = 0, cap = 0;
    *err = 0;
    for (;;) {
        if (cap - n < 65536) {
            char *nb = realloc(buf, cap = cap * 2 + 65536);
            if (!nb) {
                *err = ENOMEM;
                break;
            }
            buf = nb;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0)
            break;
    }
    if (!*err && ferror(f))
        *err = errno ? errno : EIO;
    fclose(f);
    if (*err) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

int config_load_file(scrub_config *cfg, const char *path, char *err,
                     size_t errlen)
{
    size_t len;
    int e;
    char *text = slurp_file(path, &len, &e);
    if (!text) {
        snprintf(err, errlen, "cannot read config %s: %s", path, strerror(e));
        return EXIT_ERROR;
    }
    int rc = scrub_config_load_yaml(cfg, text, len, path, err, errlen);
    free(text);
    return rc ? EXIT_ERROR : EXIT_OK;
}

static void action_names(char *buf, size_t cap)
{
    size_t k = 0;
    buf[0] = '\0';
    for (int a = 0; a < SCRUB_ACTION__COUNT && k < cap; a++)
        k += (size_t)snprintf(buf + k, cap - k, "%s%s", a ? ", " : "",
                              scrub_action_name((scrub_action)a));
}

/* -a TYPE=ACTION: its form and its action. The type is checked against
 * the engine's once it is built (engine_check_action). */
int config_set_action(scrub_config *cfg, const char *spec, char *err,
                      size_t errlen)
{
    char shown[80], names[160], type[64];
    const char *eq = strchr(spec, '=');
    printable(spec, 60, 0, shown, sizeof shown);
    if (!eq || eq == spec) {
        snprintf(err, errlen, "--action %s: takes TYPE=ACTION, e.g. "
                 "PHONE=mask or all=redact", shown);
        return EXIT_ERROR;
    }
    scrub_action a;
    if (scrub_action_parse(eq + 1, &a)) {
        char act[64];
        action_names(names, sizeof names);
        snprintf(err, errlen, "--action %s: unknown action %s; actions: %s",
                 shown, printable(eq + 1, 40, 0, act, sizeof act), names);
        return EXIT_ERROR;
    }
    size_t tl = (size_t)(eq - spec);
    if (tl >= sizeof type)
        tl = sizeof type - 1;
    memcpy(type, spec, tl);
    type[tl] = '\0';
    bool well_formed = type[0] >= 'A' && type[0] <= 'Z';
    for (const char *p = type; *p; p++)
        well_formed &= (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
                       *p == '_';
    if (!strcmp(type, "all") || !well_formed) {
        if (scrub_config_set_action(cfg, type, a) == SCRUB_OK)
            return EXIT_OK;
        snprintf(err, errlen, "--action %s: a type is written in upper case "
                 "(PHONE), or is all", shown);
        return EXIT_ERROR;
    }
    /* A type no rule has is refused by the library; engine_check_action()
     * names it, with the types there are, once the engine is built. */
    scrub_config_set_action(cfg, type, a);
    return EXIT_OK;
}

static bool engine_has_type(const scrub_engine *eng, const char *t, size_t n)
{
    for (size_t i = 0; i < scrub_engine_type_count(eng); i++) {
        const char *name = scrub_engine_type_name(eng, i);
        if (strlen(name) == n && !memcmp(name, t, n))
            return true;
    }
    return false;
}

/* An -a type no rule has is a typo (PHNOE): it would change nothing. */
int engine_check_action(const scrub_engine *eng, const char *spec, char *err,
                        size_t errlen)
{
    size_t tl = strcspn(spec, "=");
    if ((tl == 3 && !memcmp(spec, "all", 3)) || engine_has_type(eng, spec, tl))
        return EXIT_OK;
    char shown[80], type[80];
    printable(spec, 60, 0, shown, sizeof shown);
    printable(spec, 60, '=', type, sizeof type);
    size_t k = (size_t)snprintf(err, errlen, "--action %s: unknown type %s; "
                                "types: ", shown, type);
    for (size_t t = 0; t < scrub_engine_type_count(eng) && k < errlen; t++)
        k += (size_t)snprintf(err + k, errlen - k, "%s, ",
                              scrub_engine_type_name(eng, t));
    if (k < errlen)
        snprintf(err + k, errlen - k, "all");
    return EXIT_ERROR;
}

void set_throwaway_key(scrub_config *cfg)
{
    unsigned char tmp[32];
    randombytes_buf(tmp, sizeof tmp);
    scrub_config_set_key(cfg, tmp, sizeof tmp, NULL, 0);
    sodium_memzero(tmp, sizeof tmp);
}

/* The key: a file named with -k is always read and checked, whatever
 * the actions; otherwise a key is looked for (and the default one made)
 * only when an action or --reveal needs it. --findings and the checks
 * make no token: a throw-away key serves them. */
static int setup_key(scrub_config *cfg, const options *o, bool reload,
                     char *err, size_t errlen)
{
    bool needs = scrub_config_needs_key(cfg) || o->reveal;
    bool no_tokens = o->findings || o->list_rules || o->check_rules;
    if (o->key_file)
        return load_key(cfg, o->key_file, reload, err, errlen);
    if (no_tokens) {
        set_throwaway_key(cfg); /* never used to make a token */
        return EXIT_OK;
    }
    if (!needs)
        return EXIT_OK;
    if (o->rsyslog) { /* rsyslog starts us with an empty environment */
        snprintf(err, errlen, "--rsyslog needs --key-file (rsyslog starts "
                 "scrub with an empty environment)");
        return EXIT_ERROR;
    }
    return load_key(cfg, NULL, reload, err, errlen);
}

int engine_build(runtime *rt, bool reload, scrub_engine **out, char *err,
                 size_t errlen)
{
    const options *o = rt->o;
    scrub_config *cfg = scrub_config_new();
    scrub_engine *eng = NULL;
    *out = NULL;
    if (!cfg) {
        snprintf(err, errlen, "cannot load the built-in rules");
        return EXIT_ERROR;
    }
    int rc = EXIT_OK;
    for (size_t i = 0; !rc && i < o->nconfigs; i++)
        rc = config_load_file(cfg, o->configs[i], err, errlen);
    for (size_t i = 0; !rc && i < o->nactions; i++)
        rc = config_set_action(cfg, o->actions[i], err, errlen);
    if (!rc)
        rc = load_retired_keys(cfg, err, errlen);
    if (!rc)
        rc = setup_key(cfg, o, reload, err, errlen);
    if (!rc && scrub_engine_new(&eng, cfg, err, errlen))
        rc = EXIT_ERROR;
    for (size_t i = 0; !rc && i < o->nactions; i++)
        rc = engine_check_action(eng, o->actions[i], err, errlen);
    if (!rc && rt->m)
        metrics_register(rt->m, cfg, eng);
    scrub_config_free(cfg);
    if (rc) {
        scrub_engine_free(eng);
        return EXIT_ERROR;
    }
    *out = eng;
    return EXIT_OK;
}
