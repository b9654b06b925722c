using System;
using System.Linq;
using ConvGen.IntegrationTests.Activations;
using Xunit;

namespace ConvGen.IntegrationTests.Residual;

/// <summary>
/// y = activation(M·x + bias + residual) from the independent reference (M·x from the plain-loop layer definitions, the
/// activation from <see cref="ActivationTests.Reference(string, double, bool)"/>), and the check against it: SPEC's
/// 1.5 × the linear bound, S counting |residual|.
/// </summary>
public static class ResidualReference
{
    /// <summary>The expected output and its accuracy scale S for every sample of <paramref name="x"/>.</summary>
    public static (double[] Expected, double[] Scale) Compute(IRefLayer def, string activation, bool isDouble, double[] x, double[] w, double[] b, double[] residual)
    {
        int input = def.InputLength, output = def.OutputLength, plane = def.OutputPlane;
        var samples = x.Length / input;
        var expected = new double[samples * output];
        var scale = new double[samples * output];
        for (var n = 0; n < samples; n++)
        {
            var xn = x.AsSpan(n * input, input).ToArray();
            var linear = def.ForwardLinear(xn, w);
            var abs = def.ForwardLinear(xn.Select(Math.Abs).ToArray(), w.Select(Math.Abs).ToArray());
            for (var e = 0; e < output; e++)
            {
                var bias = def.Bias ? b[e / plane] : 0;
                var r = residual[n * output + e];
                expected[n * output + e] = ActivationTests.Reference(activation, linear[e] + bias + r, isDouble);
                scale[n * output + e] = abs[e] + Math.Abs(bias) + Math.Abs(r);
            }
        }

        return (expected, scale);
    }

    public static void AssertClose(string name, bool isDouble, double[] expected, double[] scale, ReadOnlySpan<double> actual)
    {
        double rel = isDouble ? 1e-12 : 1e-4, abs = isDouble ? 1e-12 : 1e-6;
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var error = Math.Abs(actual[i] - expected[i]);
            Assert.True(error <= 1.5 * (rel * scale[i] + abs), $"{name}: y[{i}] = {actual[i]:R}, expected {expected[i]:R} (error {error:E2})");
        }
    }
}
