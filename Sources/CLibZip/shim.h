#ifndef KAM_CLIBZIP_SHIM_H
#define KAM_CLIBZIP_SHIM_H
#include <zip.h>
#endif
