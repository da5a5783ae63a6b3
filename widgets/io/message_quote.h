// SPDX-License-Identifier: MIT
#pragma once

#include "quote.h"

#include <QString>

// QString forms of core's quote.h, for messages built in widgets/ and app/.
namespace relulab {

/// escapeForMessage: outside input shown without quotes (file names, whole options).
inline QString escapedForMessage(const QString &input, std::size_t maxChars = kQuoteMaxPathChars)
{
    return QString::fromStdString(escapeForMessage(input.toStdString(), maxChars));
}

/// quoteForMessage: outside input in double quotes, "like this".
inline QString quotedForMessage(const QString &input, std::size_t maxChars = kQuoteMaxChars)
{
    return QString::fromStdString(quoteForMessage(input.toStdString(), maxChars));
}

} // namespace relulab
