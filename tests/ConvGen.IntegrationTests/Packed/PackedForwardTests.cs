using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Reflection;
using ConvGen.IntegrationTests.Activations;
using ConvGen.IntegrationTests.Residual;
using Xunit;
using static ConvGen.IntegrationTests.LayerDef;
using static ConvGen.IntegrationTests.NdDef;

namespace ConvGen.IntegrationTests.Packed;

/// <summary>One layer of PackedLayers.cs: its geometry for the reference (repeated by hand), groups and taps for the
/// packed layout, its activation, and PackWeights and ForwardPacked bound by method group.</summary>
public abstract record PackedCase(string Name, Type LayerType, IRefLayer Def, int Groups, int Taps, string Activation, bool Residual)
{
    public abstract bool IsDouble { get; }

    public override string ToString() => Name;

    public double Round(double value) => IsDouble ? value : (float)value;

    /// <summary>PackWeights, on doubles converted to the layer's element type and back.</summary>
    public abstract double[] Pack(double[] weights);

    /// <summary>ForwardPacked on one buffer holding input, residual and output (offsets and lengths in elements).</summary>
    public abstract void Run(double[] buffer, (int Start, int Length) x, double[] packed, double[] b, (int Start, int Length) r, (int Start, int Length) y);
}

public sealed record PackedCase<T>(string Name, Type LayerType, IRefLayer Def, int Groups, int Taps, string Activation, bool Residual,
    SpanFn2<T> PackWeights, ResidualForward<T> ForwardPacked)
    : PackedCase(Name, LayerType, Def, Groups, Taps, Activation, Residual)
    where T : struct, IFloatingPointIeee754<T>
{
    public override bool IsDouble => typeof(T) == typeof(double);

    public override double[] Pack(double[] weights)
    {
        var packed = new T[weights.Length];
        PackWeights(Array.ConvertAll(weights, T.CreateTruncating), packed);
        return Array.ConvertAll(packed, double.CreateTruncating);
    }

    public override void Run(double[] buffer, (int Start, int Length) x, double[] packed, double[] b, (int Start, int Length) r, (int Start, int Length) y)
    {
        var all = Array.ConvertAll(buffer, T.CreateTruncating);
        var span = all.AsSpan();
        TestData.PoisonScratch(double.NaN); // the staging memory must be written before it is read
        ForwardPacked(span.Slice(x.Start, x.Length), Array.ConvertAll(packed, T.CreateTruncating), Array.ConvertAll(b, T.CreateTruncating),
            span.Slice(r.Start, r.Length), span.Slice(y.Start, y.Length));
        for (var i = 0; i < buffer.Length; i++) buffer[i] = double.CreateTruncating(all[i]);
    }
}

/// <summary>
/// <c>PackWeights</c> and <c>ForwardPacked</c>: the packed layout element by element against its documented formula;
/// y = activation(M·x + bias + residual) against the independent reference (M·x from the plain-loop layer definitions,
/// the activation from <see cref="ActivationTests.Reference(string, double, bool)"/>) over a batch and in place; the
/// argument errors; no allocation; and which layers have the members. The ONNX model tests run the networks whose steps
/// store their weights packed. Tolerance: SPEC's 1.5 × the linear bound, S counting |residual|.
/// </summary>
public sealed class PackedForwardTests
{
    private static ResidualForward<T> Bias<T>(SpanFn4<T> f) => (x, w, b, r, y) => f(x, w, b, y);

    private static ResidualForward<T> Plain<T>(SpanFn3<T> f) => (x, w, b, r, y) => f(x, w, y);

    public static IReadOnlyList<PackedCase> All { get; } =
    [
        new PackedCase<float>("PStem", typeof(PStem), Conv(8, 12, 12, 16, 3, 3) with { Stride = 2, Pad = 1, Bias = true }, 1, 9, "Relu", false,
            PStem.PackWeights, Bias<float>(PStem.ForwardPacked)),
        new PackedCase<float>("PGrouped", typeof(PGrouped), Conv(8, 7, 7, 32, 3, 3) with { Groups = 2, Pad = 1 }, 2, 9, "None", false,
            PGrouped.PackWeights, Plain<float>(PGrouped.ForwardPacked)),
        new PackedCase<float>("PReflect5x5", typeof(PReflect5x5), Conv(4, 10, 10, 16, 5, 5) with { Pad = 2, PaddingMode = RefPaddingMode.Reflect, Bias = true }, 1, 25, "Silu", false,
            PReflect5x5.PackWeights, Bias<float>(PReflect5x5.ForwardPacked)),
        new PackedCase<float>("PStrideDilation", typeof(PStrideDilation), Conv(4, 13, 13, 24, 3, 3) with { Stride = 2, Dilation = 2, Pad = 1 }, 1, 9, "None", false,
            PStrideDilation.PackWeights, Plain<float>(PStrideDilation.ForwardPacked)),
        new PackedCase<double>("PDouble", typeof(PDouble), Conv(4, 9, 9, 8, 3, 3) with { Bias = true }, 1, 9, "Tanh", false,
            PDouble.PackWeights, Bias<double>(PDouble.ForwardPacked)),
        new PackedCase<float>("P1D", typeof(P1D), Conv1(8, 12, 16, 3) with { PadBegin = [1], PadEnd = [1] }, 1, 3, "LeakyRelu", false,
            P1D.PackWeights, Plain<float>(P1D.ForwardPacked)),
        new PackedCase<float>("PResidual", typeof(PResidual), Conv(16, 6, 6, 16, 3, 3) with { Pad = 1, Bias = true }, 1, 9, "HardSwish", true,
            PResidual.PackWeights, ResidualBind.WB<float>(PResidual.ForwardPacked)),
    ];

    public static TheoryData<string> Names => [.. All.Select(c => c.Name)];

    private static PackedCase Case(string name) => All.Single(c => c.Name == name);

    private static double[] Random(PackedCase c, int length, int seed, double scale)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => c.Round((random.NextDouble() * 2 - 1) * scale)).ToArray();
    }

    private sealed record Data(double[] X, double[] W, double[] B, double[] R);

    private static Data Make(PackedCase c, int samples) => new(
        Random(c, samples * c.Def.InputLength, 11, 1),
        Random(c, c.Def.WeightsLength, 12, 1),
        Random(c, c.Def.BiasLength, 13, 1),
        c.Residual ? Random(c, samples * c.Def.OutputLength, 14, 3) : new double[samples * c.Def.OutputLength]);

    private static (double[] Expected, double[] Scale) Reference(PackedCase c, Data d) =>
        ResidualReference.Compute(c.Def, c.Activation, c.IsDouble, d.X, d.W, d.B, d.R);

    private static void AssertClose(PackedCase c, double[] expected, double[] scale, ReadOnlySpan<double> actual) =>
        ResidualReference.AssertClose(c.Name, c.IsDouble, expected, scale, actual);

    [Theory]
    [MemberData(nameof(Names))]
    public void PackWeights_FollowsTheDocumentedLayout(string name)
    {
        var c = Case(name);
        var w = Enumerable.Range(0, c.Def.WeightsLength).Select(i => (double)i).ToArray(); // exact in float
        var packed = c.Pack(w);
        int d = c.Def.OutputLength / c.Def.OutputPlane, cg = c.Def.WeightsLength / (d * c.Taps), dg = d / c.Groups;
        Assert.Equal(c.Def.WeightsLength, (int)c.LayerType.GetField("PackedWeightsLength")!.GetRawConstantValue()!);
        for (var u = 0; u < d; u++)
            for (var il = 0; il < cg; il++)
                for (var t = 0; t < c.Taps; t++)
                    Assert.Equal(w[(u * cg + il) * c.Taps + t], packed[((u / dg * cg + il) * c.Taps + t) * dg + u % dg]);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ForwardPacked_MatchesTheReference_OverABatch(string name)
    {
        var c = Case(name);
        var d = Make(c, samples: 3);
        var (expected, scale) = Reference(c, d);
        // input, residual, output (pre-filled: every element must be written)
        var buffer = d.X.Concat(d.R).Concat(Enumerable.Repeat(double.NaN, d.R.Length)).ToArray();
        c.Run(buffer, (0, d.X.Length), c.Pack(d.W), d.B, (d.X.Length, d.R.Length), (d.X.Length + d.R.Length, d.R.Length));
        AssertClose(c, expected, scale, buffer.AsSpan(d.X.Length + d.R.Length));
        Assert.Equal(d.X, buffer.AsSpan(0, d.X.Length).ToArray()); // the input is only read
    }

    [Fact]
    public void ForwardPacked_ResidualIsTheOutput_InPlace()
    {
        foreach (var c in All.Where(c => c.Residual))
        {
            var d = Make(c, samples: 2);
            var (expected, scale) = Reference(c, d);
            var buffer = d.X.Concat(d.R).ToArray();
            var y = (d.X.Length, d.R.Length);
            c.Run(buffer, (0, d.X.Length), c.Pack(d.W), d.B, y, y);
            AssertClose(c, expected, scale, buffer.AsSpan(d.X.Length));
        }
    }

    [Fact]
    public void WrongLengthsAndOverlaps_Throw_AndWriteNothing()
    {
        var w = new float[PStem.WeightsLength];
        var b = new float[PStem.BiasLength];
        var x = new float[PStem.InputLength];
        var y = Enumerable.Repeat(5f, PStem.OutputLength).ToArray();
        Assert.Throws<ArgumentException>(() => PStem.ForwardPacked(x, new float[PStem.PackedWeightsLength - 1], b, y));
        Assert.Throws<ArgumentException>(() => PStem.ForwardPacked(x, w, b, new float[PStem.OutputLength + 1]));
        Assert.All(y, v => Assert.Equal(5f, v));
        Assert.Throws<ArgumentException>(() => PStem.PackWeights(w, new float[PStem.PackedWeightsLength + 1]));
        var shared = new float[2 * PStem.WeightsLength];
        Assert.Throws<ArgumentException>(() => PStem.PackWeights(shared.AsSpan(0, PStem.WeightsLength), shared.AsSpan(1, PStem.PackedWeightsLength)));
        var buffer = new float[PResidual.InputLength + PResidual.OutputLength];
        Assert.Throws<ArgumentException>(() => PResidual.ForwardPacked(buffer.AsSpan(0, PResidual.InputLength), new float[PResidual.PackedWeightsLength],
            new float[PResidual.BiasLength], new float[PResidual.OutputLength], buffer.AsSpan(PResidual.InputLength - 1, PResidual.OutputLength)));
    }

    [Fact]
    public void ForwardPacked_AllocatesNothing()
    {
        var packed = new float[PReflect5x5.PackedWeightsLength];
        PReflect5x5.PackWeights(new float[PReflect5x5.WeightsLength], packed);
        var x = new float[3 * PReflect5x5.InputLength];
        var b = new float[PReflect5x5.BiasLength];
        var y = new float[3 * PReflect5x5.OutputLength];
        for (var i = 0; i < 2; i++) PReflect5x5.ForwardPacked(x, packed, b, y);
        var before = GC.GetAllocatedBytesForCurrentThread();
        PReflect5x5.ForwardPacked(x, packed, b, y);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void OnlyLayersWithRowsNarrowerThanTheirChannelVectors_HavePackedMembers()
    {
        static bool Has(Type t) => t.GetMethod("ForwardPacked") is not null && t.GetMethod("PackWeights") is not null && t.GetField("PackedWeightsLength") is not null;
        Assert.All(All, c => Assert.True(Has(c.LayerType), c.Name));
        Assert.False(Has(typeof(PNotPacked))); // 16-wide rows: Forward already runs Vector512
        Assert.False(Has(typeof(LargeDepthwiseDouble))); // one output channel per group
        Assert.False(Has(typeof(RTransposed))); // a transposed layer scatters
    }
}
