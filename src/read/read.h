/*
 * read.h -- the pieces the input readers share. Internal to libdyad.
 *
 * A reader is one buffered input (our own 64 KiB chunk over a descriptor
 * or a FILE, so stdin works without seeking and detection can peek at the
 * first chunk) plus one record under construction (the dyad_article
 * handed out, and the arena and buffers that back its strings until the
 * next record).
 *
 * Every format is a read_format: a table of three functions. The line
 * formats (jsonl.c, plaintext.c, tabari_text.c) pull lines through
 * read_line(), which checks UTF-8 and enforces READ_LINE_MAX; the XML
 * format (petrarch_xml.c) pulls raw chunks through read_bytes() and lets
 * expat check the bytes.
 *
 * Error convention: a bad record is reported once, as a negative status
 * and "FILE:LINE: reason" (read_fail), and the next call carries on.
 */
#ifndef DYAD_READ_H
#define DYAD_READ_H

#include <stdio.h>

#include "util/util.h"

/* Caps on untrusted input (curl's "toobig"): a longer line is skipped to
 * its end without being stored; a longer record is rejected. */
#define READ_LINE_MAX ((size_t)16 << 20)   /* one line: 16 MiB */
#define READ_RECORD_MAX ((size_t)16 << 20) /* one record's text: 16 MiB */
#define READ_MAX_EXPECTED 4096             /* expected events per record */
#define READ_MAX_OPTIONS 256               /* option lines per record */
#define READ_CHUNK ((size_t)64 << 10)      /* bytes read from the stream at once */

typedef struct read_format read_format;

struct dyad_reader {
    /* The input. */
    FILE *stream;
    int own_stream;
    int fd;                /* >= 0: read(2) this, not the FILE (see input_read) */
    char *name;            /* for messages and article->file */
    char *chunk;           /* READ_CHUNK bytes; [pos, end) not yet consumed */
    size_t pos, end;
    int eof, io_error;     /* io_error: the errno of a failed read, or 0 */
    long line_no;          /* lines consumed so far */
    dyad_buf long_line;    /* a line that spans chunks, up to READ_LINE_MAX */

    /* The format. */
    dyad_input_format format;
    const read_format *ops;
    void *state;           /* the format's own, freed by ops->close */
    int done;              /* no more records */

    /* The record under construction; valid until the next record. */
    dyad_article art;
    dyad_arena arena;      /* its short strings */
    dyad_buf text;         /* its body */
    dyad_expected_event *expected;
    size_t n_expected, cap_expected;
    const char **options;
    size_t n_options, cap_options;
};

struct read_format {
    /* Prepares r->state; 0 or a negative status. May be NULL. */
    int (*open)(dyad_reader *r, dyad_error *err);
    /* Fills r->art: 1, 0 at the end, or a negative status (bad record). */
    int (*next)(dyad_reader *r, dyad_error *err);
    void (*close)(dyad_reader *r);
};

extern const read_format read_jsonl_format;
extern const read_format read_text_format;
extern const read_format read_tabari_format;
extern const read_format read_petrarch_format;

/* ---- input (reader.c) ----------------------------------------------- */

/* The next line without its "\n" / "\r\n", checked to be UTF-8 without NUL.
 * *line stays valid until the next read_line/read_bytes. Returns 1, 0 at
 * the end, or a negative status with err filled ("FILE:LINE: reason"); the
 * line is consumed either way, so the caller can go on. */
int read_line(dyad_reader *r, const char **line, size_t *len, dyad_error *err);

/* Multi-line records (a TABARI record, a plain-text file) are rejected
 * whole for a bad line, but read to their end first, so the next record
 * starts in the right place. This keeps the first error of a record. */
typedef struct read_errors {
    int first;        /* 0, or the status of the first error */
    dyad_error *err;  /* the caller's, which gets the first message */
    dyad_error later; /* where later messages go */
} read_errors;

/* Where the next message goes: the caller's until the first error. */
static inline dyad_error *read_errors_to(read_errors *e) { return e->first ? &e->later : e->err; }
/* Keeps `code` if it is the record's first error; returns it. */
static inline int read_errors_note(read_errors *e, int code)
{
    if (!e->first) e->first = code;
    return code;
}
/* read_fail at the current line, for a multi-line record: the message
 * goes to the caller only if it is the record's first. Returns `code`. */
int read_record_fail(dyad_reader *r, read_errors *e, int code, const char *fmt, ...)
    DYAD_PRINTF(4, 5);
/* read_line for a multi-line record: a bad line is noted and skipped.
 * Returns 1, or 0 at the end of the input. */
int read_record_line(dyad_reader *r, const char **line, size_t *len, read_errors *e);

/* Raw bytes: up to `max` bytes into `dst`; returns the count (0 at the end,
 * or after an I/O error, which sets r->io_error to its errno). */
size_t read_bytes(dyad_reader *r, char *dst, size_t max);

/* Fills `err` with "FILE:LINE: " and the message; returns `code`. */
int read_fail(const dyad_reader *r, dyad_error *err, int code, long line,
              const char *fmt, ...) DYAD_PRINTF(5, 6);

/* ---- the record under construction (reader.c) ------------------------ */

/* Starts a new record at `line`: forgets the previous one's memory. */
void read_record_begin(dyad_reader *r, long line);
/* Copies s[0..n) into the record's arena; NULL when out of memory. */
char *read_strdup(dyad_reader *r, const char *s, size_t n);
/* Appends to the body, refusing to grow past READ_RECORD_MAX. */
int read_text_append(dyad_reader *r, const char *s, size_t n);
/* Adds an expected event (copies the strings); 0 or a negative status. */
int read_expect_event(dyad_reader *r, const char *src, size_t src_len,
                      const char *tgt, size_t tgt_len, const char *code,
                      size_t code_len, int32_t date);
/* Adds an option line (copied). */
int read_add_option(dyad_reader *r, const char *s, size_t n);
/* Points the article at the body, expected events and options. */
void read_record_end(dyad_reader *r);

/* ---- small text helpers (reader.c) ---------------------------------- */

static inline int read_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}
/* "date YYYY-MM-DD" (any case, "date:" too, or YYYYMMDD) as the first word
 * of p[0..end): sets *date and returns where the text after it starts,
 * or NULL when p does not start so. */
const char *read_date_prefix(const char *p, const char *end, int32_t *date);
/* Trims blanks at both ends of s[0..*n): returns the new start. */
const char *read_trim(const char *s, size_t *n);

#endif
