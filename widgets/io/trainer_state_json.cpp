// SPDX-License-Identifier: MIT
#include "trainer_state_json.h"

#include "dataset.h"
#include "json_checks.h"

#include <QJsonArray>
#include <QJsonObject>

#include <charconv>
#include <cmath>
#include <limits>
#include <vector>

namespace relulab {

namespace {

constexpr qint64 kMaxExactInteger = 9007199254740991; // 2^53 - 1
// Doubles below this round to a finite float; FLT_MAX plus half its ulp rounds to infinity.
constexpr double kFloatOverflow = double(std::numeric_limits<float>::max()) + 0x1p103;
// std::mt19937_64 prints 312 numbers of at most 20 digits, plus spaces.
constexpr qsizetype kMaxRngText = 8192;

struct Shape
{
    qint64 rows = 0;
    qint64 cols = 0;
};

// The shapes Network builds for `config`: depth hidden layers, then a 1-unit linear output.
std::vector<Shape> layerShapes(const TrainingConfig &config)
{
    std::vector<Shape> shapes;
    qint64 fanIn = inputDimension(config.dataset);
    for (int l = 0; l < config.depth; ++l) {
        shapes.push_back({config.width, fanIn});
        fanIn = config.width;
    }
    shapes.push_back({1, fanIn});
    return shapes;
}

QString fromLatin(const char *text)
{
    return QString::fromLatin1(text);
}

// A float as exactFloatText writes it, or null; `finite` turns false at the first null.
void writeFloat(JsonWriter &json, float value, bool &finite)
{
    const QByteArray text = exactFloatText(value);
    finite = finite && !text.isEmpty();
    if (text.isEmpty())
        json.null();
    else
        json.rawValue(std::string_view(text.constData(), size_t(text.size())));
}

// One parameter block on one line, dense.
void writeLayer(JsonWriter &json, const Layer<float> &layer, bool &finite)
{
    const Mat<float> &W = layer.W;
    json.beginObject(JsonWriter::Layout::Dense);
    json.key("W");
    json.beginObject();
    json.key("rows");
    json.integer(W.rows());
    json.key("cols");
    json.integer(W.cols());
    json.key("data");
    json.beginArray();
    // Eigen stores column-major, which is the order the format specifies.
    for (Eigen::Index i = 0; i < W.size(); ++i)
        writeFloat(json, W.data()[i], finite);
    json.endArray();
    json.endObject();
    json.key("b");
    json.beginArray();
    for (Eigen::Index i = 0; i < layer.b.size(); ++i)
        writeFloat(json, layer.b(i), finite);
    json.endArray();
    json.key("alpha");
    writeFloat(json, layer.alpha, finite);
    json.endObject();
}

// One layer a line; names the first layer holding a non-finite number.
QString writeLayers(JsonWriter &json, const Parameters<float> &layers, const QString &field)
{
    json.beginArray();
    QString error;
    for (size_t l = 0; l < layers.size(); ++l) {
        bool finite = true;
        writeLayer(json, layers[l], finite);
        if (!finite && error.isEmpty())
            error = QStringLiteral("%1[%2]: holds a non-finite number, which a session file "
                                   "cannot store")
                        .arg(field)
                        .arg(l);
    }
    json.endArray();
    return error;
}

// A float from a JSON number: finite, inside float's range, optionally not negative.
QString readFloat(const QJsonValue &value, const QString &field, bool nonNegative, float &out)
{
    if (!value.isDouble())
        return QStringLiteral("%1: expected a number, got %2").arg(field, describeJsonValue(value));
    const double v = value.toDouble();
    if (!std::isfinite(v) || std::abs(v) >= kFloatOverflow)
        return QStringLiteral("%1: %2 is outside the range of a float")
            .arg(field, describeJsonValue(value));
    // Compared as a float, so the -0 that exactFloatText writes as -1e-46 passes.
    if (nonNegative && float(v) < 0.0f)
        return QStringLiteral("%1: %2 is negative, but a second moment (a mean of squares) "
                              "cannot be")
            .arg(field, describeJsonValue(value));
    out = float(v);
    return {};
}

QString readFloats(const QJsonValue &value, const QString &field, qint64 count, bool nonNegative,
                   float *out)
{
    if (!value.isArray())
        return QStringLiteral("%1: expected an array of numbers, got %2")
            .arg(field, describeJsonValue(value));
    const QJsonArray array = value.toArray();
    if (array.size() != count)
        return QStringLiteral("%1: expected %2 numbers, got %3")
            .arg(field)
            .arg(count)
            .arg(array.size());
    // Millions of numbers: the element's name is only spelled out once one is wrong.
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue item = array.at(i);
        if (!readFloat(item, QString(), nonNegative, out[i]).isEmpty())
            return readFloat(item, QStringLiteral("%1[%2]").arg(field).arg(i), nonNegative, out[i]);
    }
    return {};
}

QString readDimension(const QJsonObject &object, const QString &field, const char *key,
                      qint64 expected)
{
    const QString name = field + QLatin1Char('.') + fromLatin(key);
    qint64 value = 0;
    if (QString error =
            readJsonInteger(object.value(fromLatin(key)), name, 0, kMaxExactInteger, value);
        !error.isEmpty())
        return error;
    if (value != expected)
        return QStringLiteral("%1: expected %2 for this network's settings, got %3")
            .arg(name)
            .arg(expected)
            .arg(value);
    return {};
}

QString readMatrix(const QJsonValue &value, const QString &field, Shape shape, bool nonNegative,
                   Mat<float> &out)
{
    if (!value.isObject())
        return QStringLiteral("%1: expected an object with rows, cols and data, got %2")
            .arg(field, describeJsonValue(value));
    const QJsonObject object = value.toObject();
    if (QString error =
            checkJsonKeys(object, field, {"rows", "cols", "data"}, {"rows", "cols", "data"});
        !error.isEmpty())
        return error;
    if (QString error = readDimension(object, field, "rows", shape.rows); !error.isEmpty())
        return error;
    if (QString error = readDimension(object, field, "cols", shape.cols); !error.isEmpty())
        return error;
    Mat<float> matrix(shape.rows, shape.cols);
    const QString data = field + QStringLiteral(".data");
    const QJsonValue values = object.value(QLatin1String("data"));
    if (values.isArray() && values.toArray().size() != matrix.size())
        return QStringLiteral("%1: expected %2 numbers (%3 rows × %4 columns), got %5")
            .arg(data)
            .arg(matrix.size())
            .arg(shape.rows)
            .arg(shape.cols)
            .arg(values.toArray().size());
    if (QString error = readFloats(values, data, matrix.size(), nonNegative, matrix.data());
        !error.isEmpty())
        return error;
    out = std::move(matrix);
    return {};
}

QString readLayers(const QJsonValue &value, const QString &field, const std::vector<Shape> &shapes,
                   bool optional, bool nonNegative, Parameters<float> &out)
{
    if (!value.isArray())
        return QStringLiteral("%1: expected an array of layers, got %2")
            .arg(field, describeJsonValue(value));
    const QJsonArray array = value.toArray();
    if (optional && array.isEmpty()) {
        out.clear();
        return {};
    }
    const qsizetype expected = qsizetype(shapes.size());
    if (array.size() != expected)
        return QStringLiteral("%1: expected %2 layers (%3 hidden and the output)%4, got %5")
            .arg(field)
            .arg(expected)
            .arg(expected - 1)
            .arg(optional ? QStringLiteral(" or none") : QString())
            .arg(array.size());
    Parameters<float> layers(shapes.size());
    for (qsizetype l = 0; l < expected; ++l) {
        const QString name = QStringLiteral("%1[%2]").arg(field).arg(l);
        const QJsonValue item = array.at(l);
        if (!item.isObject())
            return QStringLiteral("%1: expected an object with W, b and alpha, got %2")
                .arg(name, describeJsonValue(item));
        const QJsonObject layer = item.toObject();
        if (QString error = checkJsonKeys(layer, name, {"W", "b", "alpha"}, {"W", "b", "alpha"});
            !error.isEmpty())
            return error;
        Layer<float> &target = layers[size_t(l)];
        const Shape shape = shapes[size_t(l)];
        if (QString error = readMatrix(layer.value(QLatin1String("W")), name + QStringLiteral(".W"),
                                       shape, nonNegative, target.W);
            !error.isEmpty())
            return error;
        target.b.resize(shape.rows);
        if (QString error = readFloats(layer.value(QLatin1String("b")), name + QStringLiteral(".b"),
                                       shape.rows, nonNegative, target.b.data());
            !error.isEmpty())
            return error;
        if (QString error = readFloat(layer.value(QLatin1String("alpha")),
                                      name + QStringLiteral(".alpha"), nonNegative, target.alpha);
            !error.isEmpty())
            return error;
    }
    out = std::move(layers);
    return {};
}

QString readOrder(const QJsonValue &value, const QString &field, int samples, std::vector<int> &out)
{
    if (!value.isArray())
        return QStringLiteral("%1: expected an array of sample indices, got %2")
            .arg(field, describeJsonValue(value));
    const QJsonArray array = value.toArray();
    if (array.size() != samples)
        return QStringLiteral("%1: expected %2 sample indices (samples), got %3")
            .arg(field)
            .arg(samples)
            .arg(array.size());
    std::vector<int> order(size_t(array.size()));
    std::vector<bool> seen(order.size(), false);
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString item = QStringLiteral("%1[%2]").arg(field).arg(i);
        qint64 index = 0;
        if (QString error = readJsonInteger(array.at(i), item, 0, samples - 1, index);
            !error.isEmpty())
            return error;
        if (seen[size_t(index)])
            return QStringLiteral("%1: sample %2 appears twice; the order must be a permutation")
                .arg(item)
                .arg(index);
        seen[size_t(index)] = true;
        order[size_t(i)] = int(index);
    }
    out = std::move(order);
    return {};
}

QString readRng(const QJsonValue &value, const QString &field, std::string &out)
{
    if (!value.isString())
        return QStringLiteral("%1: expected the generator's state as a string, got %2")
            .arg(field, describeJsonValue(value));
    const QString text = value.toString();
    if (text.size() > kMaxRngText)
        return QStringLiteral("%1: longer than %2 characters, not a generator state")
            .arg(field)
            .arg(kMaxRngText);
    for (QChar c : text) {
        if (!(c.isDigit() && c.unicode() < 128) && c != QLatin1Char(' '))
            return QStringLiteral("%1: expected decimal numbers separated by spaces").arg(field);
    }
    out = text.toStdString();
    return {};
}

} // namespace

QByteArray exactFloatText(float value)
{
    if (!std::isfinite(value))
        return {};
    // Qt keeps integral doubles as integers, so "-0" and "-0.0" read back as +0. -1e-46 is a
    // double that stays a double and rounds to the float -0 (it is below half of the smallest
    // subnormal float).
    if (value == 0.0f)
        return std::signbit(value) ? QByteArrayLiteral("-1e-46") : QByteArrayLiteral("0");
    char buffer[64];
    const auto shortest = std::to_chars(buffer, buffer + sizeof buffer, value);
    double back = 0;
    std::from_chars(buffer, shortest.ptr, back);
    // Parsing as double and then rounding to float rounds twice; verify it lands on `value`.
    if (std::abs(back) < kFloatOverflow && float(back) == value)
        return QByteArray(buffer, qsizetype(shortest.ptr - buffer));
    const auto wide = std::to_chars(buffer, buffer + sizeof buffer, double(value));
    return QByteArray(buffer, qsizetype(wide.ptr - buffer));
}

QString writeTrainerState(JsonWriter &json, const TrainerState &state, const QString &field)
{
    json.beginObject();
    json.key("step");
    json.integer(state.step);
    json.key("diverged");
    json.boolean(state.diverged);
    json.key("optimizer_steps");
    json.integer(std::int64_t(state.optimizerSteps));
    json.key("cursor");
    json.integer(std::int64_t(state.cursor));
    json.key("rng");
    json.string(state.rngState); // digits and spaces, escaped all the same
    json.key("order");
    json.beginArray(JsonWriter::Layout::Dense);
    for (const int index : state.order)
        json.integer(index);
    json.endArray();
    json.key("params");
    QString error = writeLayers(json, state.params, field + QStringLiteral(".params"));
    json.key("first_moments");
    const QString first = writeLayers(json, state.firstMoments, field + ".first_moments");
    json.key("second_moments");
    const QString second = writeLayers(json, state.secondMoments, field + ".second_moments");
    json.endObject();
    for (const QString &e : {first, second}) {
        if (error.isEmpty())
            error = e;
    }
    return error;
}

QString trainerStateFromJson(const QJsonValue &value, const TrainingConfig &config,
                             const QString &field, TrainerState &out)
{
    if (!value.isObject())
        return QStringLiteral("%1: expected an object, got %2")
            .arg(field, describeJsonValue(value));
    const QJsonObject object = value.toObject();
    auto member = [&](const char *key) { return object.value(QLatin1String(key)); };
    auto name = [&](const char *key) { return field + QLatin1Char('.') + fromLatin(key); };
    const auto keys = {"step",          "diverged",       "params",
                       "first_moments", "second_moments", "optimizer_steps",
                       "order",         "cursor",         "rng"};
    if (QString error = checkJsonKeys(object, field, keys, keys); !error.isEmpty())
        return error;

    TrainerState state;
    qint64 integer = 0;
    if (QString error = readJsonInteger(member("step"), name("step"), 0, kMaxExactInteger, integer);
        !error.isEmpty())
        return error;
    state.step = integer;
    if (!member("diverged").isBool())
        return QStringLiteral("%1: expected true or false, got %2")
            .arg(name("diverged"), describeJsonValue(member("diverged")));
    state.diverged = member("diverged").toBool();
    if (QString error = readJsonInteger(member("optimizer_steps"), name("optimizer_steps"), 0,
                                        kMaxExactInteger, integer);
        !error.isEmpty())
        return error;
    state.optimizerSteps = long(integer);
    if (QString error = readOrder(member("order"), name("order"), config.samples, state.order);
        !error.isEmpty())
        return error;
    if (QString error =
            readJsonInteger(member("cursor"), name("cursor"), 0, config.samples, integer);
        !error.isEmpty())
        return error;
    state.cursor = std::uint64_t(integer);
    if (QString error = readRng(member("rng"), name("rng"), state.rngState); !error.isEmpty())
        return error;

    const std::vector<Shape> shapes = layerShapes(config);
    if (QString error =
            readLayers(member("params"), name("params"), shapes, false, false, state.params);
        !error.isEmpty())
        return error;
    if (QString error = readLayers(member("first_moments"), name("first_moments"), shapes, true,
                                   false, state.firstMoments);
        !error.isEmpty())
        return error;
    if (QString error = readLayers(member("second_moments"), name("second_moments"), shapes, true,
                                   true, state.secondMoments);
        !error.isEmpty())
        return error;
    out = std::move(state);
    return {};
}

} // namespace relulab
