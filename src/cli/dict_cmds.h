/*
 * dict_cmds.h -- `dyad dict check` and `dyad dict convert`: the dictionary
 * maintainers' tools. Registered in main.c's command list.
 */
#ifndef DYAD_CLI_DICT_CMDS_H
#define DYAD_CLI_DICT_CMDS_H

#include "cli.h"

int cli_dict(int argc, char **argv);

extern const cli_command cli_dict_command;

#endif
