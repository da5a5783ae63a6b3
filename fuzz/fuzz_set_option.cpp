// SPDX-License-Identifier: MIT
// --set key=value: each input line is one option, applied with applySetOption and then all
// together with resolveConfig. Invariants: a rejected option leaves the config alone, an
// accepted value reads back through configValue, a resolved config validates, and every error
// is one clean line (the lines are split on newlines, but any other control character stays).
#include "config_json.h"
#include "fuzz_support.h"

#include <cstddef>
#include <cstdint>

using namespace relulab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    enterEmptyFolder();
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const QStringList sets = text.split(QLatin1Char('\n'));
    if (sets.size() > 32)
        return 0; // the command line's options, not a file

    for (const QString &set : sets) {
        TrainingConfig config;
        const TrainingConfig before = config;
        const QString error = applySetOption(config, set);
        if (!error.isEmpty()) {
            RELULAB_FUZZ_CHECK_MESSAGE(error.toStdString());
            RELULAB_FUZZ_CHECK(config == before, error.toStdString());
            continue;
        }
        // The key's own value, written back out, is accepted again and changes nothing.
        const std::string key = set.left(set.indexOf(QLatin1Char('='))).toStdString();
        TrainingConfig again = config;
        std::string option = key;
        option += '=';
        option += configValue(config, key);
        const std::string againError = setConfigValue(again, key, option.substr(key.size() + 1));
        RELULAB_FUZZ_CHECK(againError.empty(), againError);
        RELULAB_FUZZ_CHECK(again == config, option);
    }

    TrainingConfig config;
    const TrainingConfig before = config;
    const QString error = resolveConfig(QString(), QString(), sets, config);
    if (error.isEmpty()) {
        RELULAB_FUZZ_CHECK(validateConfig(config).empty(), "resolved config does not validate");
    } else {
        RELULAB_FUZZ_CHECK_MESSAGE(error.toStdString());
        RELULAB_FUZZ_CHECK(config == before, error.toStdString());
    }
    return 0;
}
