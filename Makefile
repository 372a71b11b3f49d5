# dyad -- top-level build. `make` builds build/dyad; see README for the rest.
#
#   make          library build/libdyad.a and CLI build/dyad
#   make demo     install dependencies, build, code the bundled examples
#   make check    build and run every test (also an ASan+UBSan build)
#   make bench    throughput and peak memory; the event store's ingest and queries
#   make model    retrain the shipped tagger/parser (needs ../shared)
#   make clean

.DEFAULT_GOAL := all

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN    := -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wno-unused-parameter
GEN     := build/gen
CPPFLAGS_ALL := -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -Isrc -I$(GEN) \
           -DDYAD_DATADIR=\"$(CURDIR)/data\" \
           $(shell pkg-config --cflags jansson expat sqlite3 2>/dev/null)
LIBS    := $(shell pkg-config --libs jansson expat sqlite3 2>/dev/null || echo -ljansson -lexpat -lsqlite3) -lm

LIB_SRC := $(sort $(wildcard src/util/*.c src/read/*.c src/text/*.c \
             src/dict/*.c src/code/*.c src/out/*.c src/store/*.c src/analyze/*.c src/parse/*.c))
CLI_SRC := $(sort $(wildcard src/cli/*.c))
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))

# One set of rules, two build trees: build/ (optimised) and build-asan/.
define TREE
$(1)_OBJ := $$(patsubst %.c,$(1)/obj/%.o,$$(LIB_SRC))
$(1)_CLI := $$(patsubst %.c,$(1)/obj/%.o,$$(CLI_SRC))
$(1)_TESTS := $$(patsubst tests/unit/%.c,$(1)/tests/%,$$(TEST_SRC))

$(1)/obj/%.o: %.c $$(wildcard include/*.h src/*/*.h tests/unit/*.h) $$(GENERATED) | $(1)/stamp
	@mkdir -p $$(dir $$@)
	@echo "  CC      $$@"
	@$$(CC) $$(CPPFLAGS_ALL) $$(WARN) $(2) -c $$< -o $$@

$(1)/libdyad.a: $$($(1)_OBJ)
	@rm -f $$@
	@echo "  AR      $$@"
	@ar rcs $$@ $$^

$(1)/dyad: $$($(1)_CLI) $(1)/libdyad.a
	@echo "  LINK    $$@"
	@$$(CC) $(2) -o $$@ $$($(1)_CLI) $(1)/libdyad.a $$(LIBS)

$(1)/tests/%: $(1)/obj/tests/unit/%.o $(1)/libdyad.a
	@mkdir -p $$(dir $$@)
	@echo "  LINK    $$@"
	@$$(CC) $(2) -o $$@ $$< $(1)/libdyad.a $$(LIBS)

$(1)/stamp:
	@mkdir -p $(1)
	@touch $$@
endef

# Tables generated from data files at build time, never typed into C.
GENERATED := $(patsubst scripts/gen-%,$(GEN)/%.h,$(wildcard scripts/gen-*))
$(GEN)/%.h: scripts/gen-% $(wildcard data/cameo/*.tsv)
	@mkdir -p $(GEN)
	sh $< > $@.tmp && mv $@.tmp $@
# Countries come from Debian's iso-codes (the script fails when it is absent).
ISO_3166_1 ?= /usr/share/iso-codes/json/iso_3166-1.json
export ISO_3166_1
$(GEN)/actor_table.h: $(wildcard $(ISO_3166_1))

ASAN := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
$(eval $(call TREE,build,$(CFLAGS)))
$(eval $(call TREE,build-asan,$(ASAN)))

.PHONY: all demo check check-fast unit bench model clean deps
.SECONDARY:

all: build/dyad

deps:
	sh scripts/install-deps

demo: deps
	$(MAKE) build/dyad
	./build/dyad code examples/*.txt

unit: $(build_TESTS) build/dyad

# check: the README's test command; CI runs it.
check: build/dyad $(build_TESTS) build-asan/dyad $(build-asan_TESTS)
	sh tests/run.sh

# bench/store.sh: ingest rate and query times of the event store; its
# generator and cache evicter are bench-only tools built here.
BENCH_TOOLS := build/bench/gen_events build/bench/evict
build/bench/%: bench/%.c build/libdyad.a
	@mkdir -p $(dir $@)
	@echo "  LINK    $@"
	@$(CC) $(CPPFLAGS_ALL) $(WARN) $(CFLAGS) -o $@ $< build/libdyad.a $(LIBS)

bench: build/dyad $(BENCH_TOOLS)
	sh bench/run.sh
	sh bench/store.sh

# model: retrain the shipped tagger/parser from UD English EWT (deterministic
# for the seed; about 9 minutes on one core). Needs ../shared/treebank.
TREEBANK ?= ../shared/treebank/ud-english-ewt
model: build/dyad
	./build/dyad train-parser --train $(TREEBANK)/en_ewt-ud-train.conllu \
	    --dev $(TREEBANK)/en_ewt-ud-dev.conllu -o data/model/en_ewt.model --seed 1

clean:
	rm -rf build build-asan
