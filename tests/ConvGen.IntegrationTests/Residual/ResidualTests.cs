using System;
using System.Linq;
using ConvGen.IntegrationTests.Activations;
using Xunit;

namespace ConvGen.IntegrationTests.Residual;

/// <summary>
/// <c>Residual = true</c>: y = activation(M·x + bias + residual) against the independent reference (M·x from the
/// plain-loop layer definitions, the activation from <see cref="ActivationTests.Reference(string, double, bool)"/>), for a
/// separate residual over a batch, the residual as the output itself (in place), the residual overlapping the input,
/// and the argument errors (a residual partly overlapping the output, a wrong length) with nothing written.
/// Tolerance: SPEC's 1.5 × the linear bound, S counting |residual|.
/// </summary>
public sealed class ResidualTests
{
    public static TheoryData<string> Names => [.. ResidualRegistry.All.Select(c => c.Name)];

    private static ResidualCase Case(string name) => ResidualRegistry.All.Single(c => c.Name == name);

    private static double[] Random(ResidualCase c, int length, int seed, double scale)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => c.Round((random.NextDouble() * 2 - 1) * scale)).ToArray();
    }

    private sealed record Data(double[] X, double[] W, double[] B, double[] R);

    private static Data Make(ResidualCase c, int samples) => new(
        Random(c, samples * c.Def.InputLength, 1, 1),
        c.ConstantWeights?.Select(c.Round).ToArray() ?? Random(c, c.Def.WeightsLength, 2, 1),
        Random(c, c.Def.BiasLength, 3, 1),
        Random(c, samples * c.Def.OutputLength, 4, 3));

    private static (double[] Expected, double[] Scale) Reference(ResidualCase c, Data d) =>
        ResidualReference.Compute(c.Def, c.Activation, c.IsDouble, d.X, d.W, d.B, d.R);

    private static void AssertClose(ResidualCase c, double[] expected, double[] scale, ReadOnlySpan<double> actual) =>
        ResidualReference.AssertClose(c.Name, c.IsDouble, expected, scale, actual);

    [Theory]
    [MemberData(nameof(Names))]
    public void SeparateResidual_OverABatch(string name)
    {
        var c = Case(name);
        var d = Make(c, samples: 5); // 5: a dense layer's tile of 4 samples and a remainder
        var (expected, scale) = Reference(c, d);
        var buffer = d.X.Concat(d.R).Concat(Enumerable.Repeat(7.0, d.R.Length)).ToArray();
        c.Run(buffer, (0, d.X.Length), d.W, d.B, (d.X.Length, d.R.Length), (d.X.Length + d.R.Length, d.R.Length));
        AssertClose(c, expected, scale, buffer.AsSpan(d.X.Length + d.R.Length));
        Assert.Equal(d.R, buffer.AsSpan(d.X.Length, d.R.Length).ToArray()); // the residual is only read
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ResidualIsTheOutput_InPlace(string name)
    {
        var c = Case(name);
        var d = Make(c, samples: 6);
        var (expected, scale) = Reference(c, d);
        var buffer = d.X.Concat(d.R).ToArray();
        var y = (d.X.Length, d.R.Length);
        c.Run(buffer, (0, d.X.Length), d.W, d.B, y, y);
        AssertClose(c, expected, scale, buffer.AsSpan(d.X.Length));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ResidualOverlapsTheInput(string name)
    {
        var c = Case(name);
        var d = Make(c, samples: 1);
        // x = buffer[0, In), residual = buffer[1, 1 + Out): an identity-like shortcut reading the block's input.
        int inLength = d.X.Length, outLength = d.R.Length, yStart = Math.Max(inLength, 1 + outLength);
        var buffer = new double[yStart + outLength];
        Array.Copy(d.R, 0, buffer, 1, outLength);
        Array.Copy(d.X, 0, buffer, 0, inLength); // where they share elements, x's values win: read both back
        var shared = new Data(buffer[..inLength], d.W, d.B, buffer[1..(1 + outLength)]);
        var (expected, scale) = Reference(c, shared);
        c.Run(buffer, (0, inLength), d.W, d.B, (1, outLength), (yStart, outLength));
        AssertClose(c, expected, scale, buffer.AsSpan(yStart));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ResidualPartlyOverlappingTheOutput_Throws_AndWritesNothing(string name)
    {
        var c = Case(name);
        var d = Make(c, samples: 1);
        int inLength = d.X.Length, outLength = d.R.Length;
        var buffer = d.X.Concat(Enumerable.Repeat(5.0, outLength + 1)).ToArray();
        var before = (double[])buffer.Clone();
        var e = Assert.Throws<ArgumentException>(() => c.Run(buffer, (0, inLength), d.W, d.B, (inLength + 1, outLength), (inLength, outLength)));
        Assert.Equal("output", e.ParamName);
        Assert.Equal(before, buffer);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ResidualOfAnotherBatchSize_Throws(string name)
    {
        var c = Case(name);
        var d = Make(c, samples: 2);
        var buffer = d.X.Concat(d.R).Concat(new double[d.R.Length]).ToArray();
        var e = Assert.Throws<ArgumentException>(() =>
            c.Run(buffer, (0, d.X.Length), d.W, d.B, (d.X.Length, d.R.Length / 2), (d.X.Length + d.R.Length, d.R.Length)));
        Assert.Equal("residual", e.ParamName);
    }
}
