// SPDX-License-Identifier: MIT
#include "float_environment.h"

#if defined(__SSE__) || defined(__x86_64__)
#include <xmmintrin.h>
#define RELULAB_HAVE_MXCSR 1
#endif

namespace relulab {

namespace {
constexpr unsigned kFlushToZero = 0x8000;    // FTZ: subnormal results become 0
constexpr unsigned kDenormalsAreZero = 0x40; // DAZ: subnormal inputs read as 0
} // namespace

FlushDenormals::FlushDenormals()
{
#ifdef RELULAB_HAVE_MXCSR
    m_saved = _mm_getcsr();
    _mm_setcsr(m_saved | kFlushToZero | kDenormalsAreZero);
#endif
}

FlushDenormals::~FlushDenormals()
{
#ifdef RELULAB_HAVE_MXCSR
    _mm_setcsr(m_saved);
#endif
}

bool FlushDenormals::active()
{
#ifdef RELULAB_HAVE_MXCSR
    const unsigned csr = _mm_getcsr();
    return (csr & kFlushToZero) && (csr & kDenormalsAreZero);
#else
    return false;
#endif
}

} // namespace relulab
