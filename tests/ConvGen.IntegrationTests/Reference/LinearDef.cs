using System;
using System.Collections.Generic;

namespace ConvGen.IntegrationTests;

/// <summary>
/// A [Linear] layer for the reference: PyTorch's nn.Linear, y[u] = Σ_i W[u, i]·x[i] with W outputs × inputs,
/// as a plain double loop. Shares nothing with the generator.
/// </summary>
public sealed record LinearDef(int Inputs, int Outputs) : IRefLayer
{
    public bool Bias { get; init; }

    public bool Relu { get; init; }

    public int InputLength => Inputs;

    public int OutputLength => Outputs;

    public int WeightsLength => Inputs * Outputs;

    public int BiasLength => Bias ? Outputs : 0;

    public int D => Outputs;

    public int OutputPlane => 1;

    public IReadOnlyList<(string Name, int Value)> Constants =>
        [("InputLength", InputLength), ("OutputLength", OutputLength), ("WeightsLength", WeightsLength), ("BiasLength", BiasLength)];

    public double[] ForwardLinear(double[] x, double[] w)
    {
        var y = new double[Outputs];
        for (var u = 0; u < Outputs; u++)
        {
            double sum = 0;
            for (var i = 0; i < Inputs; i++) sum += w[u * Inputs + i] * x[i];
            y[u] = sum;
        }

        return y;
    }

    /// <summary>dL/dW = Σ_n g_n·x_nᵀ (abs: of |g| and |x|).</summary>
    public double[] WeightsGradient(double[] x, double[] g, int batch, bool abs)
    {
        var grad = new double[WeightsLength];
        for (var n = 0; n < batch; n++)
            for (var u = 0; u < Outputs; u++)
                for (var i = 0; i < Inputs; i++)
                {
                    double gu = g[n * Outputs + u], xi = x[n * Inputs + i];
                    grad[u * Inputs + i] += abs ? Math.Abs(gu) * Math.Abs(xi) : gu * xi;
                }

        return grad;
    }
}
