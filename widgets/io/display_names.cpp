// SPDX-License-Identifier: MIT
#include "display_names.h"

namespace relulab {

QString activationDisplayName(Activation a)
{
    switch (a) {
    case Activation::Relu:
        return QStringLiteral("ReLU");
    case Activation::LeakyRelu:
        return QStringLiteral("Leaky ReLU");
    case Activation::Prelu:
        return QStringLiteral("PReLU (learnt slope)");
    case Activation::Elu:
        return QStringLiteral("ELU");
    case Activation::Selu:
        return QStringLiteral("SELU");
    case Activation::Gelu:
        return QStringLiteral("GELU");
    case Activation::Silu:
        return QStringLiteral("SiLU (swish)");
    case Activation::Softplus:
        return QStringLiteral("Softplus");
    case Activation::Tanh:
        return QStringLiteral("tanh");
    case Activation::Sigmoid:
        return QStringLiteral("Sigmoid");
    case Activation::Linear:
        return QStringLiteral("Linear (no activation)");
    }
    return QString::fromUtf8(activationName(a).data(), qsizetype(activationName(a).size()));
}

QString initDisplayName(Init i)
{
    switch (i) {
    case Init::HeNormal:
        return QStringLiteral("He (Kaiming) normal");
    case Init::HeUniform:
        return QStringLiteral("He (Kaiming) uniform");
    case Init::XavierNormal:
        return QStringLiteral("Xavier (Glorot) normal");
    case Init::XavierUniform:
        return QStringLiteral("Xavier (Glorot) uniform");
    case Init::LecunNormal:
        return QStringLiteral("LeCun normal");
    case Init::Orthogonal:
        return QStringLiteral("Orthogonal");
    case Init::Normal:
        return QStringLiteral("Normal N(0, 1)");
    case Init::Uniform:
        return QStringLiteral("Uniform U(−1, 1)");
    case Init::Zeros:
        return QStringLiteral("Zeros");
    case Init::PytorchDefault:
        return QStringLiteral("PyTorch default");
    case Init::Asymmetric:
        return QStringLiteral("Asymmetric (RAI, Lu et al.)");
    }
    return QString::fromUtf8(initName(i).data(), qsizetype(initName(i).size()));
}

QString datasetDisplayName(DatasetKind d)
{
    switch (d) {
    case DatasetKind::Moons:
        return QStringLiteral("Two moons");
    case DatasetKind::Circles:
        return QStringLiteral("Circles");
    case DatasetKind::Xor:
        return QStringLiteral("XOR");
    case DatasetKind::Spiral:
        return QStringLiteral("Spiral");
    case DatasetKind::Gaussians:
        return QStringLiteral("Two Gaussians");
    case DatasetKind::Abs:
        return QStringLiteral("y = |x| (regression)");
    case DatasetKind::Sine:
        return QStringLiteral("y = sin(πx) (regression)");
    case DatasetKind::Csv:
        return QStringLiteral("Your own data (CSV)");
    }
    return QString::fromUtf8(datasetName(d).data(), qsizetype(datasetName(d).size()));
}

QString optimizerDisplayName(Optimizer o)
{
    switch (o) {
    case Optimizer::Sgd:
        return QStringLiteral("SGD");
    case Optimizer::Momentum:
        return QStringLiteral("SGD + momentum 0.9");
    case Optimizer::Adam:
        return QStringLiteral("Adam");
    }
    return QString::fromUtf8(optimizerName(o).data(), qsizetype(optimizerName(o).size()));
}

QString precisionDisplayName(Precision p)
{
    switch (p) {
    case Precision::Float32:
        return QStringLiteral("float32");
    case Precision::Float64:
        return QStringLiteral("float64 (double)");
    case Precision::BFloat16:
        return QStringLiteral("bfloat16 (emulated)");
    case Precision::Float16:
        return QStringLiteral("float16 (emulated)");
    }
    return QString::fromUtf8(precisionName(p).data(), qsizetype(precisionName(p).size()));
}

} // namespace relulab
