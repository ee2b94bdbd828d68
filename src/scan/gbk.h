/* scan/gbk.h — rules read GBK / GB18030 text through a view in which
 * its characters' ASCII-range bytes are masked (gbk.c). */
#ifndef SCRUB_SCAN_GBK_H
#define SCRUB_SCAN_GBK_H

#include "common/buf.h"

enum { GBK_CUT_BEFORE = 1, GBK_CUT_AFTER = 2 }; /* buf starts / ends mid-line */
/* Lines this long or longer, or cut by the block, are not read as GBK
 * (stream/stream.c's LONG_LINE: they may be scanned in parts). */
#define GBK_MAX_LINE (64u << 10)

/* buf itself, or a copy in *copy in which the bytes inside GBK / GB18030
 * characters are masked (same length and offsets); NULL with *err set
 * when the copy cannot be made. cut: whether buf starts or ends inside a
 * line (GBK_CUT_*). */
HIDDEN const char *gbk_view(sbuf *copy, const char *buf, size_t len,
                            unsigned cut, int *err);

#endif
