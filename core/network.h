// SPDX-License-Identifier: MIT
#pragma once

#include "activation.h"

#include <Eigen/Dense>

#include <cmath>
#include <vector>

namespace relulab {

template <typename S> using Mat = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>;
template <typename S> using Vec = Eigen::Matrix<S, Eigen::Dynamic, 1>;
template <typename S> using RowVec = Eigen::Matrix<S, 1, Eigen::Dynamic>;

enum class LossKind
{
    BceLogits, ///< binary cross-entropy on the output logit (classification)
    Mse,       ///< mean squared error (regression)
};

/// One affine layer followed by an activation. Its gradient has the same shape.
template <typename S> struct Layer
{
    Mat<S> W;       ///< fan_out × fan_in
    Vec<S> b;       ///< fan_out
    S alpha = S(0); ///< PReLU's learnt slope (also the leaky/ELU slope in use)
};

/// Rounds n stored values in place to an emulated narrow format; null keeps them as they are.
template <typename S> using RoundFn = void (*)(S *data, Eigen::Index n);

/// Parameters (or gradients) of the whole network: hidden layers, then the linear output layer.
template <typename S> using Parameters = std::vector<Layer<S>>;

/// Whether every weight, bias and slope is finite.
template <typename S> bool parametersFinite(const Parameters<S> &params)
{
    for (const Layer<S> &p : params) {
        if (!p.W.allFinite() || !p.b.allFinite() || !std::isfinite(p.alpha))
            return false;
    }
    return true;
}

/// The same parameters in scalar T.
template <typename T, typename S> Parameters<T> castParameters(const Parameters<S> &in)
{
    Parameters<T> out(in.size());
    for (size_t l = 0; l < in.size(); ++l) {
        out[l].W = in[l].W.template cast<T>();
        out[l].b = in[l].b.template cast<T>();
        out[l].alpha = T(in[l].alpha);
    }
    return out;
}

/// Scratch space for one forward/backward pass, reused across steps so training never allocates.
/// Scratch space for predict(): one hidden layer's pre-activations and activations, reused
/// from layer to layer (a forward pass for training keeps every layer; a prediction needs none).
template <typename S> struct PredictBuffers
{
    Mat<S> z, a;
    Mat<S> last; ///< the output layer's z, kept apart so z never changes shape
    RowVec<S> output;
};

template <typename S> struct Workspace
{
    std::vector<Mat<S>> Z;  ///< pre-activations per layer (last: the output)
    std::vector<Mat<S>> A;  ///< activations per hidden layer
    std::vector<Mat<S>> dZ; ///< dL/dz per layer (last: the output)
    Mat<S> dA;
    RowVec<S> output;
};

/// A multilayer perceptron: `depth` hidden layers of `width` units, one linear output.
/// Samples are columns. Scalar is float for training and double for gradient checks.
template <typename S> class Network
{
public:
    Network() = default;
    /// Takes parameters built in double (see initializeLayer) and casts them.
    Network(Activation activation, double alpha, const std::vector<Eigen::MatrixXd> &weights,
            const std::vector<Eigen::VectorXd> &biases);

    Activation activation() const { return m_activation; }
    int hiddenLayers() const { return int(m_params.size()) - 1; }
    int inputDim() const { return int(m_params.front().W.cols()); }
    const Parameters<S> &parameters() const { return m_params; }
    Parameters<S> &parameters() { return m_params; }
    /// Sets the negative slope of every hidden layer (for PReLU: resets what was learnt).
    void setAlpha(S alpha);

    /// Runs the network on X (inputDim × n); fills ws.Z, ws.A and ws.output. With `round`,
    /// each layer's z (product plus bias, summed in S) and activation are stored rounded.
    void forward(const Eigen::Ref<const Mat<S>> &X, Workspace<S> &ws,
                 RoundFn<S> round = nullptr) const;
    /// Mean loss of ws.output against y; writes dL/dz of the output into ws.dZ.back().
    S loss(LossKind kind, const Eigen::Ref<const Vec<S>> &y, Workspace<S> &ws) const;
    /// Back-propagates ws.dZ.back() (after forward and loss); fills grads and ws.dZ. With
    /// `round`, every gradient, dL/da and dL/dz is stored rounded.
    void backward(const Eigen::Ref<const Mat<S>> &X, Workspace<S> &ws, Parameters<S> &grads,
                  RoundFn<S> round = nullptr) const;
    /// forward + loss + backward: the mean loss and its gradient at the current parameters.
    S lossAndGradient(LossKind kind, const Eigen::Ref<const Mat<S>> &X,
                      const Eigen::Ref<const Vec<S>> &y, Workspace<S> &ws,
                      Parameters<S> &grads) const;
    /// Output values for inputs X (logits for classification).
    RowVec<S> predict(const Eigen::Ref<const Mat<S>> &X) const;
    /// The same output into `buffers.output`; kept buffers make repeated predictions allocate
    /// nothing (the output field over a grid, every frame).
    void predict(const Eigen::Ref<const Mat<S>> &X, PredictBuffers<S> &buffers) const;

    /// A zero-filled gradient of matching shape.
    Parameters<S> zeroLike() const;

    template <typename T> Network<T> cast() const;

private:
    template <typename T> friend class Network;

    Activation m_activation = Activation::Relu;
    Parameters<S> m_params;
};

/// Per-element mean loss of outputs s against targets y (used by tests and metrics).
template <typename S>
S meanLoss(LossKind kind, const Eigen::Ref<const RowVec<S>> &s, const Eigen::Ref<const Vec<S>> &y);

template <typename S> template <typename T> Network<T> Network<S>::cast() const
{
    Network<T> out;
    out.m_activation = m_activation;
    out.m_params.resize(m_params.size());
    for (size_t i = 0; i < m_params.size(); ++i) {
        out.m_params[i].W = m_params[i].W.template cast<T>();
        out.m_params[i].b = m_params[i].b.template cast<T>();
        out.m_params[i].alpha = T(m_params[i].alpha);
    }
    return out;
}

extern template class Network<float>;
extern template class Network<double>;

} // namespace relulab
