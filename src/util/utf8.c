/*
 * utf8.c -- strict UTF-8: one decoder shared by the validator and the
 * character classifier (chars.c), so both agree on what a bad byte is.
 *
 * Strict means what RFC 3629 says: no overlong forms, no surrogates
 * (U+D800..DFFF), nothing above U+10FFFF, no truncated sequences. The
 * validator also rejects NUL, which a C string consumer would cut at.
 * News text is mostly ASCII, so the validator checks 8 bytes at a time
 * until it meets a byte >= 0x80 or a NUL.
 */
#include "util.h"

#include <string.h>

static int utf8_is_cont(unsigned char b) { return (b & 0xC0) == 0x80; }

/* The allowed range of the second byte depends on the lead byte: that is
 * where overlongs, surrogates and > U+10FFFF are excluded. */
static int utf8_second_ok(unsigned char lead, unsigned char b)
{
    switch (lead) {
    case 0xE0: return b >= 0xA0 && b <= 0xBF;
    case 0xED: return b >= 0x80 && b <= 0x9F;
    case 0xF0: return b >= 0x90 && b <= 0xBF;
    case 0xF4: return b >= 0x80 && b <= 0x8F;
    default: return utf8_is_cont(b);
    }
}

size_t dyad_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
    if (len == 0) return 0;
    unsigned char lead = s[0];
    size_t size;
    uint32_t value;
    if (lead < 0x80) {
        *cp = lead;
        return 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
        size = 2, value = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        size = 3, value = lead & 0x0F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        size = 4, value = lead & 0x07;
    } else {
        return 0; /* continuation byte, C0/C1 overlong lead, or F5..FF */
    }
    if (len < size || !utf8_second_ok(lead, s[1])) return 0;
    for (size_t i = 1; i < size; i++) {
        if (!utf8_is_cont(s[i])) return 0;
        value = (value << 6) | (s[i] & 0x3F);
    }
    *cp = value;
    return size;
}

/* True when none of the 8 bytes is >= 0x80 or NUL (the classic
 * "has a zero byte" test: (v - 0x01..) & ~v & 0x80..). */
static int utf8_plain8(const unsigned char *s)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t v;
    memcpy(&v, s, sizeof v);
    return ((v | ((v - ones) & ~v)) & highs) == 0;
}

int dyad_utf8_valid(const char *text, size_t len, size_t *bad)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        if (len - i >= 8 && utf8_plain8(s + i)) {
            i += 8;
            continue;
        }
        uint32_t cp;
        size_t size = dyad_utf8_decode(s + i, len - i, &cp);
        if (size == 0 || cp == 0) {
            if (bad) *bad = i;
            return 0;
        }
        i += size;
    }
    return 1;
}
