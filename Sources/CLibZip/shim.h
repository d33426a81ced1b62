#ifndef KAM_CLIBZIP_SHIM_H
#define KAM_CLIBZIP_SHIM_H
#include <zip.h>
#include <zlib.h>

/// inflateInit2 is a macro in zlib.h; Swift imports only functions.
static inline int kam_inflate_init_raw(z_streamp strm) {
    return inflateInit2(strm, -MAX_WBITS);
}
#endif
