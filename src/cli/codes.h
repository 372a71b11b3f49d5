/*
 * codes.h -- `dyad codes` and `dyad explain`: the CAMEO table for people.
 * Registered in main.c's command list like the commands of cli.h.
 */
#ifndef DYAD_CLI_CODES_H
#define DYAD_CLI_CODES_H

#include "cli.h"

int cli_codes(int argc, char **argv);
int cli_explain(int argc, char **argv);

extern const cli_command cli_codes_command;
extern const cli_command cli_explain_command;

#endif
