/*
 * load.c -- dict_load: find out what a path names and call the readers.
 *
 * A path is one of: a folder (dyad's layout), a TABARI .project, a
 * PETRARCH PETR_config.ini, a PETRARCH validation XML whose <Environment>
 * names the dictionaries, or a single dictionary file known by its name
 * (or, for a PETRARCH-2 verbs file such as CAMEO.2.0.txt, by its content).
 * Deciding by name first and content second keeps a wrong guess cheap: a
 * file is never parsed twice.
 *
 * The flavor (TABARI, PETRARCH-1, PETRARCH-2, dyad) tells the coder whose
 * rules to follow. .project: TABARI. .ini: PETRARCH-2. A folder of *.txt
 * dictionaries is dyad's layout: dyad's rules (PETRARCH-2's, with
 * pronouns that refer back); of TABARI files, TABARI's. A PETRARCH
 * XML: PETRARCH-2 when its verbs file has PETRARCH-2's marks (the line
 * "####### VERB PATTERNS" or a pattern with a '(' group), else PETRARCH-1.
 * Both validation suites' verbs files are PETRARCH-1 style by that rule.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dict/dict_read.h"
#include "dict/dict_maint.h" /* dict_file_rules */

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && !strcmp(s + a - b, suffix);
}

/* Single dictionary files, by name; PETRARCH names first (".actors.txt"
 * also ends in ".txt", never in ".actors"). */
static const struct {
    const char *suffix;
    dict_reader read;
    dict_flavor flavor;
} by_name[] = {
    {".actors.txt", dict_read_petrarch_actors, DICT_FLAVOR_PETRARCH2},
    {".agents.txt", dict_read_petrarch_agents, DICT_FLAVOR_PETRARCH2},
    {".verbs.txt", dict_read_petrarch_verbs, DICT_FLAVOR_PETRARCH2},
    {".discards.txt", dict_read_petrarch_discards, DICT_FLAVOR_PETRARCH2},
    {".actors", dict_read_tabari_actors, DICT_FLAVOR_TABARI},
    {".agents", dict_read_tabari_agents, DICT_FLAVOR_TABARI},
    {".verbs", dict_read_tabari_verbs, DICT_FLAVOR_TABARI},
    {".options", dict_read_tabari_options, DICT_FLAVOR_TABARI},
};
enum { N_BY_NAME = sizeof by_name / sizeof *by_name };

static int reader_for(const char *name)
{
    for (int i = 0; i < N_BY_NAME; i++)
        if (ends_with(name, by_name[i].suffix)) return i;
    return -1;
}

/* ---- folders ------------------------------------------------------------ */

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every dictionary file of the folder, in sorted name order. */
static int load_folder(dict *d, const char *dir, dyad_error *err)
{
    DIR *dp = opendir(dir);
    if (!dp) return dyad_fail(err, DYAD_EIO, "%s: cannot open folder", dir);
    dict_vec names = {0};
    int rc = 0;
    struct dirent *de;
    while (!rc && (de = readdir(dp))) {
        if (de->d_name[0] == '.' || reader_for(de->d_name) < 0) continue;
        char **slot = dict_vec_push(&names, sizeof *slot);
        if (!slot || !(*slot = dict_path_join(d, dir, de->d_name)))
            rc = dyad_fail(err, DYAD_ENOMEM, "%s: out of memory", dir);
    }
    closedir(dp);
    char **paths = names.items;
    if (!rc && !names.n) rc = dyad_fail(err, DYAD_ENOTFOUND, "%s: no dictionary files in folder", dir);
    if (!rc) qsort(paths, names.n, sizeof *paths, compare_names);
    d->flavor = DICT_FLAVOR_TABARI;
    for (size_t i = 0; !rc && i < names.n; i++)
        if (by_name[reader_for(paths[i])].flavor == DICT_FLAVOR_PETRARCH2) d->flavor = DICT_FLAVOR_DYAD;
    for (size_t i = 0; !rc && i < names.n; i++) d->flavor = dict_file_rules(paths[i], d->flavor);
    for (size_t i = 0; !rc && i < names.n; i++) rc = by_name[reader_for(paths[i])].read(d, paths[i], err);
    dict_vec_free(&names);
    return rc;
}

/* ---- PETRARCH XML <Environment> ----------------------------------------- */

/* "<Verbfile>PETR.Validate.verbs.txt</Verbfile>": the text inside, or NULL. */
static char *xml_value(char *line, const char *tag)
{
    char *p = strstr(line, tag);
    if (!p) return NULL;
    p += strlen(tag);
    char *end = strchr(p, '<');
    if (end) *end = '\0';
    p = dict_trim(p);
    return *p ? p : NULL;
}

static int verbs_look_petrarch2(dict *d, const char *path)
{
    dict_src s;
    if (dict_src_open(d, &s, path, NULL)) return 0;
    int yes = 0;
    char *line;
    while (!yes && (line = dict_src_next(&s)))
        yes = (line[0] == '#' && strstr(line, "VERB PATTERNS")) ||
              (line[0] == '-' && strcspn(line, "#") > strcspn(line, "("));
    dict_src_close(&s);
    return yes;
}

static const struct {
    const char *tag;
    dict_reader read;
} xml_tags[] = {
    {"<Verbfile>", dict_read_petrarch_verbs},
    {"<Actorfile>", dict_read_petrarch_actors},
    {"<Agentfile>", dict_read_petrarch_agents},
    {"<Discardfile>", dict_read_petrarch_discards},
};
enum { N_XML_TAGS = sizeof xml_tags / sizeof *xml_tags };

/* Reads only the <Environment> block: the sentences are the reader's. */
static int load_xml(dict *d, const char *xml_path, dyad_error *err)
{
    dict_src s;
    int rc = dict_src_open(d, &s, xml_path, err);
    if (rc) return rc;
    const char *dir = dict_dirname(d, xml_path);
    char *paths[N_XML_TAGS] = {0};
    char *line;
    while ((line = dict_src_next(&s)) && !strstr(line, "<Sentences>") && !strstr(line, "</Environment>"))
        for (int i = 0; i < N_XML_TAGS; i++) {
            char *name = xml_value(line, xml_tags[i].tag);
            if (name && dir && !(paths[i] = dict_path_join(d, dir, name))) rc = DYAD_ENOMEM;
        }
    dict_src_close(&s);
    if (rc || !dir) return dyad_fail(err, DYAD_ENOMEM, "%s: out of memory", xml_path);
    if (!paths[0] && !paths[1])
        return dyad_fail(err, DYAD_EDICT, "%s: no <Environment> naming a <Verbfile> or <Actorfile>", xml_path);
    d->flavor = paths[0] && verbs_look_petrarch2(d, paths[0]) ? DICT_FLAVOR_PETRARCH2 : DICT_FLAVOR_PETRARCH1;
    for (int i = 0; !rc && i < N_XML_TAGS; i++)
        if (paths[i]) rc = dict_read_named(d, xml_tags[i].read, paths[i], xml_path, 0, err);
    return rc;
}

/* ---- dispatch ----------------------------------------------------------- */

int dict_load(dict *d, const char *path, dyad_error *err)
{
    struct stat st;
    if (!d || !path) return dyad_fail(err, DYAD_EARG, "dict_load: no dictionary or path");
    if (stat(path, &st)) return dyad_fail(err, DYAD_EIO, "%s: no such file or folder", path);
    if (S_ISDIR(st.st_mode)) return load_folder(d, path, err);
    if (ends_with(path, ".project")) return dict_read_tabari_project(d, path, err);
    if (ends_with(path, ".ini")) return dict_read_petrarch_config(d, path, err);
    if (ends_with(path, ".xml")) return load_xml(d, path, err);
    int i = reader_for(path);
    if (i < 0 && verbs_look_petrarch2(d, path)) { /* CAMEO.2.0.txt */
        d->flavor = DICT_FLAVOR_PETRARCH2;
        return dict_read_petrarch_verbs(d, path, err);
    }
    if (i < 0)
        return dyad_fail(err, DYAD_EARG,
                         "%s: not a .project, .ini, .xml, folder or known dictionary name", path);
    d->flavor = by_name[i].flavor;
    return by_name[i].read(d, path, err);
}
