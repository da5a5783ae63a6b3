// SPDX-License-Identifier: MIT
#include "network.h"

#include "select_bits.h"

#include <cmath>

namespace relulab {

namespace {

/// dZ = dA ⊙ φ'(Z); returns Σ dA·z over z <= 0 (PReLU's slope gradient) when asked.
template <typename S>
S backpropActivation(Activation a, S alpha, const S *z, const S *dA, S *dZ, long n, bool wantAlpha)
{
    switch (a) {
    case Activation::Relu:
        for (long i = 0; i < n; ++i)
            dZ[i] = selectBits(z[i] > S(0), dA[i], S(0));
        return S(0);
    case Activation::LeakyRelu:
    case Activation::Prelu: {
        for (long i = 0; i < n; ++i)
            dZ[i] = selectBits(z[i] > S(0), dA[i], alpha * dA[i]);
        if (!wantAlpha)
            return S(0);
        // Summed in order (exact as before); the products and the selection vectorise.
        S sum = S(0);
        for (long i = 0; i < n; ++i)
            sum += selectBits(z[i] > S(0), S(0), dA[i] * z[i]);
        return sum;
    }
    case Activation::Linear:
        for (long i = 0; i < n; ++i)
            dZ[i] = dA[i];
        return S(0);
    default:
        for (long i = 0; i < n; ++i)
            dZ[i] = dA[i] * activateDerivative<S>(a, z[i], alpha);
        return S(0);
    }
}

} // namespace

template <typename S>
Network<S>::Network(Activation activation, double alpha,
                    const std::vector<Eigen::MatrixXd> &weights,
                    const std::vector<Eigen::VectorXd> &biases)
    : m_activation(activation)
{
    m_params.resize(weights.size());
    for (size_t l = 0; l < weights.size(); ++l) {
        m_params[l].W = weights[l].cast<S>();
        m_params[l].b = biases[l].cast<S>();
        m_params[l].alpha = l + 1 < weights.size() ? S(alpha) : S(0);
    }
}

template <typename S> void Network<S>::setAlpha(S alpha)
{
    for (size_t l = 0; l + 1 < m_params.size(); ++l)
        m_params[l].alpha = alpha;
}

template <typename S>
void Network<S>::forward(const Eigen::Ref<const Mat<S>> &X, Workspace<S> &ws,
                         RoundFn<S> round) const
{
    const size_t layers = m_params.size();
    ws.Z.resize(layers);
    ws.A.resize(layers - 1);
    for (size_t l = 0; l < layers; ++l) {
        const Layer<S> &p = m_params[l];
        if (l == 0)
            ws.Z[l].noalias() = p.W * X;
        else
            ws.Z[l].noalias() = p.W * ws.A[l - 1];
        ws.Z[l].colwise() += p.b;
        if (round) // the bias joins the accumulator before it is stored, as a GEMM epilogue
            round(ws.Z[l].data(), ws.Z[l].size());
        if (l + 1 < layers) {
            ws.A[l].resize(ws.Z[l].rows(), ws.Z[l].cols());
            activateArray<S>(m_activation, p.alpha, ws.Z[l].data(), ws.A[l].data(),
                             long(ws.Z[l].size()));
            if (round)
                round(ws.A[l].data(), ws.A[l].size());
        }
    }
    ws.output = ws.Z.back().row(0);
}

template <typename S>
S meanLoss(LossKind kind, const Eigen::Ref<const RowVec<S>> &s, const Eigen::Ref<const Vec<S>> &y)
{
    // Accumulate in double: a float sum over thousands of samples loses digits.
    double sum = 0;
    for (Eigen::Index i = 0; i < s.size(); ++i) {
        const double si = double(s(i)), yi = double(y(i));
        if (kind == LossKind::BceLogits)
            sum += std::max(si, 0.0) - si * yi + std::log1p(std::exp(-std::abs(si)));
        else
            sum += (si - yi) * (si - yi);
    }
    return S(sum / double(s.size()));
}

template <typename S>
S Network<S>::loss(LossKind kind, const Eigen::Ref<const Vec<S>> &y, Workspace<S> &ws) const
{
    const Eigen::Index n = ws.output.size();
    ws.dZ.resize(m_params.size());
    Mat<S> &dS = ws.dZ.back();
    dS.resize(1, n);
    const S inv = S(1) / S(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        const S s = ws.output(i);
        if (kind == LossKind::BceLogits)
            dS(0, i) = (S(1) / (S(1) + std::exp(-s)) - y(i)) * inv;
        else
            dS(0, i) = S(2) * (s - y(i)) * inv;
    }
    return meanLoss<S>(kind, ws.output, y);
}

template <typename S>
void Network<S>::backward(const Eigen::Ref<const Mat<S>> &X, Workspace<S> &ws, Parameters<S> &grads,
                          RoundFn<S> round) const
{
    const size_t layers = m_params.size();
    grads.resize(layers);
    ws.dZ.resize(layers);
    const bool prelu = m_activation == Activation::Prelu;
    // The output layer is linear; each hidden layer's slope gradient is set from the layer above.
    grads.back().alpha = S(0);
    for (size_t l = layers; l-- > 0;) {
        Layer<S> &g = grads[l];
        const Mat<S> &dZ = ws.dZ[l];
        if (l == 0)
            g.W.noalias() = dZ * X.transpose();
        else
            g.W.noalias() = dZ * ws.A[l - 1].transpose();
        g.b.noalias() = dZ.rowwise().sum();
        if (round) {
            round(g.W.data(), g.W.size());
            round(g.b.data(), g.b.size());
        }
        if (l == 0)
            break;
        ws.dA.noalias() = m_params[l].W.transpose() * dZ;
        if (round)
            round(ws.dA.data(), ws.dA.size());
        Mat<S> &below = ws.dZ[l - 1];
        below.resize(ws.dA.rows(), ws.dA.cols());
        grads[l - 1].alpha =
            backpropActivation<S>(m_activation, m_params[l - 1].alpha, ws.Z[l - 1].data(),
                                  ws.dA.data(), below.data(), long(below.size()), prelu);
        if (round) {
            round(below.data(), below.size());
            round(&grads[l - 1].alpha, 1);
        }
    }
}

template <typename S>
S Network<S>::lossAndGradient(LossKind kind, const Eigen::Ref<const Mat<S>> &X,
                              const Eigen::Ref<const Vec<S>> &y, Workspace<S> &ws,
                              Parameters<S> &grads) const
{
    forward(X, ws);
    const S value = loss(kind, y, ws);
    backward(X, ws, grads);
    return value;
}

template <typename S> RowVec<S> Network<S>::predict(const Eigen::Ref<const Mat<S>> &X) const
{
    PredictBuffers<S> buffers;
    predict(X, buffers);
    return std::move(buffers.output);
}

template <typename S>
void Network<S>::predict(const Eigen::Ref<const Mat<S>> &X, PredictBuffers<S> &buffers) const
{
    // forward()'s arithmetic in the same order, so the output is the same to the bit.
    const size_t layers = m_params.size();
    for (size_t l = 0; l + 1 < layers; ++l) {
        const Layer<S> &p = m_params[l];
        if (l == 0)
            buffers.z.noalias() = p.W * X;
        else
            buffers.z.noalias() = p.W * buffers.a;
        buffers.z.colwise() += p.b;
        buffers.a.resize(buffers.z.rows(), buffers.z.cols());
        activateArray<S>(m_activation, p.alpha, buffers.z.data(), buffers.a.data(),
                         long(buffers.z.size()));
    }
    const Layer<S> &p = m_params.back();
    if (layers == 1)
        buffers.last.noalias() = p.W * X;
    else
        buffers.last.noalias() = p.W * buffers.a;
    buffers.last.colwise() += p.b;
    buffers.output = buffers.last.row(0);
}

template <typename S> Parameters<S> Network<S>::zeroLike() const
{
    Parameters<S> out(m_params.size());
    for (size_t l = 0; l < m_params.size(); ++l) {
        out[l].W = Mat<S>::Zero(m_params[l].W.rows(), m_params[l].W.cols());
        out[l].b = Vec<S>::Zero(m_params[l].b.size());
        out[l].alpha = S(0);
    }
    return out;
}

template class Network<float>;
template class Network<double>;
template float meanLoss<float>(LossKind, const Eigen::Ref<const RowVec<float>> &,
                               const Eigen::Ref<const Vec<float>> &);
template double meanLoss<double>(LossKind, const Eigen::Ref<const RowVec<double>> &,
                                 const Eigen::Ref<const Vec<double>> &);

} // namespace relulab
