#ifndef OPSLINE_CLIBPQ_SHIM_H
#define OPSLINE_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
