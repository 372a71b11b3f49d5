/*
 * parse_cmds.h -- `dyad parse` (tag and parse text into CoNLL-U, or score
 * the parser on a treebank) and `dyad train-parser`. Registered in main.c's
 * command list like the commands of cli.h.
 */
#ifndef DYAD_CLI_PARSE_CMDS_H
#define DYAD_CLI_PARSE_CMDS_H

#include "cli.h"

int cli_parse(int argc, char **argv);
int cli_train_parser(int argc, char **argv);

extern const cli_command cli_parse_command, cli_train_parser_command;

#endif
