using System;

namespace ConvGen.DigitCnn;

/// <summary>The CNN's parameters and its forward and backward passes, all on the generated layers:
/// Forward (with bias and LeakyReLU), Transpose (the input gradient), WeightsGradient and BiasGradient.
/// Pooling's Backward routes each gradient to its window's maximum. Only the softmax cross-entropy, the LeakyReLU derivative and the SGD update are written by hand.</summary>
internal sealed class Network
{
    public readonly float[] W1 = new float[Conv1.WeightsLength], B1 = new float[Conv1.BiasLength];
    public readonly float[] W2 = new float[Conv2.WeightsLength], B2 = new float[Conv2.BiasLength];
    public readonly float[] Wd = new float[Dense.WeightsLength], Bd = new float[Dense.BiasLength];

    public const int Classes = Dense.OutputLength;

    /// <summary>LeakyReLU's slope below zero (the layers' ActivationAlpha).</summary>
    public const double Slope = 0.1;

    public Network(int seed)
    {
        // He initialisation for the LeakyReLU layers, a smaller one for the logits; biases start at zero.
        var rng = new Random(seed);
        Fill(W1, rng, MathF.Sqrt(2f / (Conv1.InputChannels * Conv1.KernelHeight * Conv1.KernelWidth)));
        Fill(W2, rng, MathF.Sqrt(2f / (Conv2.InputChannels * Conv2.KernelHeight * Conv2.KernelWidth)));
        Fill(Wd, rng, MathF.Sqrt(1f / Dense.InputLength));
    }

    private static void Fill(float[] w, Random rng, float std)
    {
        for (int i = 0; i < w.Length; i++)
        {
            w[i] = std * MathF.Sqrt(-2f * MathF.Log(1f - (float)rng.NextDouble())) * MathF.Cos(2f * MathF.PI * (float)rng.NextDouble());
        }
    }

    /// <summary>The activations of one batch: each layer's output, N samples each.</summary>
    public sealed class Activations(int batch)
    {
        public readonly float[] A1 = new float[batch * Conv1.OutputLength], P1 = new float[batch * Pool1.OutputLength];
        public readonly float[] A2 = new float[batch * Conv2.OutputLength], P2 = new float[batch * Pool2.OutputLength];
    }

    /// <summary>Logits for a batch: images is N×256, logits N×10.</summary>
    public void Forward(ReadOnlySpan<float> images, Activations a, Span<float> logits)
    {
        Conv1.Forward(images, W1, B1, a.A1);  // conv + bias + LeakyReLU, the whole batch in one call
        Pool1.Forward(a.A1, a.P1);
        Conv2.Forward(a.P1, W2, B2, a.A2);
        Pool2.Forward(a.A2, a.P2);
        Dense.Forward(a.P2, Wd, Bd, logits);
    }

    /// <summary>Scratch buffers and momentum for training with one batch size.</summary>
    public sealed class Trainer(Network net, int batch, float learningRate, float momentum)
    {
        private readonly Activations a = new(batch);
        private readonly float[] logits = new float[batch * Classes], dLogits = new float[batch * Classes];
        private readonly float[] dp2 = new float[batch * Pool2.OutputLength], d2 = new float[batch * Conv2.OutputLength];
        private readonly float[] dp1 = new float[batch * Pool1.OutputLength], d1 = new float[batch * Conv1.OutputLength];
        private readonly float[] gW1 = new float[Conv1.WeightsLength], gB1 = new float[Conv1.BiasLength];
        private readonly float[] gW2 = new float[Conv2.WeightsLength], gB2 = new float[Conv2.BiasLength];
        private readonly float[] gWd = new float[Dense.WeightsLength], gBd = new float[Dense.BiasLength];
        private readonly float[] vW1 = new float[Conv1.WeightsLength], vB1 = new float[Conv1.BiasLength];
        private readonly float[] vW2 = new float[Conv2.WeightsLength], vB2 = new float[Conv2.BiasLength];
        private readonly float[] vWd = new float[Dense.WeightsLength], vBd = new float[Dense.BiasLength];

        public float LearningRate { get; set; } = learningRate;

        /// <summary>One SGD step with momentum on a batch; returns the mean cross-entropy loss, and in
        /// <paramref name="correct"/> how many of the batch the network classified right before the step.</summary>
        public float Step(ReadOnlySpan<float> images, ReadOnlySpan<int> labels, out int correct)
        {
            net.Forward(images, a, logits);

            // Softmax cross-entropy, by hand: dL/dz = (softmax(z) − onehot) / batch.
            float loss = 0;
            correct = 0;
            for (int n = 0; n < batch; n++)
            {
                Span<float> z = logits.AsSpan(n * Classes, Classes);
                Span<float> g = dLogits.AsSpan(n * Classes, Classes);
                float max = float.NegativeInfinity;
                int best = 0;
                for (int k = 0; k < Classes; k++)
                {
                    if (z[k] > max)
                    {
                        (max, best) = (z[k], k);
                    }
                }

                correct += best == labels[n] ? 1 : 0;

                float sum = 0;
                for (int k = 0; k < Classes; k++)
                {
                    g[k] = MathF.Exp(z[k] - max);
                    sum += g[k];
                }

                for (int k = 0; k < Classes; k++)
                {
                    g[k] /= sum;
                }

                loss -= MathF.Log(MathF.Max(g[labels[n]], 1e-12f));
                g[labels[n]] -= 1;
                for (int k = 0; k < Classes; k++)
                {
                    g[k] /= batch;
                }
            }

            // Dense: gradients of its weights and bias, and of its input (Transpose = Wᵀ·dz).
            Dense.WeightsGradient(a.P2, dLogits, gWd);
            Dense.BiasGradient(dLogits, gBd);
            Dense.Transpose(dLogits, net.Wd, dp2);

            // Max pooling: each window's gradient to its maximum. Then the LeakyReLU derivative: the gradient passes
            // where the activation was positive, scaled by the slope elsewhere.
            Pool2.Backward(a.A2, dp2, d2);
            MaskLeaky(d2, a.A2);
            Conv2.WeightsGradient(a.P1, d2, gW2);
            Conv2.BiasGradient(d2, gB2);
            Conv2.Transpose(d2, net.W2, dp1);

            Pool1.Backward(a.A1, dp1, d1);
            MaskLeaky(d1, a.A1);
            Conv1.WeightsGradient(images, d1, gW1);
            Conv1.BiasGradient(d1, gB1);

            Update(net.W1, gW1, vW1);
            Update(net.B1, gB1, vB1);
            Update(net.W2, gW2, vW2);
            Update(net.B2, gB2, vB2);
            Update(net.Wd, gWd, vWd);
            Update(net.Bd, gBd, vBd);
            return loss / batch;
        }

        private static void MaskLeaky(Span<float> gradient, ReadOnlySpan<float> activation)
        {
            for (int i = 0; i < gradient.Length; i++)
            {
                if (!(activation[i] > 0))
                {
                    gradient[i] *= (float)Slope;
                }
            }
        }

        private void Update(float[] w, float[] g, float[] velocity)
        {
            for (int i = 0; i < w.Length; i++)
            {
                velocity[i] = momentum * velocity[i] - LearningRate * g[i];
                w[i] += velocity[i];
            }
        }
    }
}
