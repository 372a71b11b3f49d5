/*
 * eval_cmds.h -- `dyad eval`: the coder's accuracy on human-labelled
 * sentences. Registered in main.c's command list like the commands of cli.h.
 */
#ifndef DYAD_CLI_EVAL_CMDS_H
#define DYAD_CLI_EVAL_CMDS_H

#include "cli.h"

int cli_eval(int argc, char **argv);

extern const cli_command cli_eval_command;

#endif
