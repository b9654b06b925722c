using System;
using System.Linq;
using Xunit;

namespace ConvGen.IntegrationTests;

/// <summary>
/// IEEE 754 at the edges, for every registered layer: a NaN or an infinity in the input reaches exactly the
/// outputs whose terms read it through a non-zero weight, through the bias and the ReLU (a zero constant weight is
/// dropped from straight-line and folded code, so there it does not carry a NaN; looped kernels multiply by it); subnormal inputs give exact results where the exact
/// result is representable.
/// </summary>
public sealed class NumericEdgeTests
{
    public static TheoryData<string> Names => [.. Conv2DLayers.All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Forward_PropagatesNaN_ToEveryOutputThatReadsIt(string name)
    {
        var layer = Conv2DLayers.Get(name);
        var data = TestData.For(layer);
        var def = layer.Def;
        var x = TestData.Random(layer, def.InputLength, salt: 11);
        var t = def.InputLength / 2;
        x[t] = double.NaN;
        var y = new double[def.OutputLength];
        layer.Forward(x, data.Weights, data.Bias, y);
        for (var s = 0; s < def.OutputLength; s++)
        {
            var reads = data.MAbs[s * def.InputLength + t] != 0;
            // A zero constant weight is dropped from straight-line and folded code; looped kernels multiply by it.
            if (layer.ConstantWeights is not null && !reads) continue;
            Assert.True(reads == double.IsNaN(y[s]), $"{name}: output {s} is {y[s]}, but it {(reads ? "reads" : "does not read")} the NaN input {t}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Transpose_PropagatesInfinity_ToEveryInputThatReceivesIt(string name)
    {
        var layer = Conv2DLayers.Get(name);
        var data = TestData.For(layer);
        var def = layer.Def;
        var y = TestData.Random(layer, def.OutputLength, salt: 12);
        var s = def.OutputLength / 2;
        y[s] = double.PositiveInfinity;
        var x = new double[def.InputLength];
        layer.Transpose(y, data.Weights, x);
        for (var t = 0; t < def.InputLength; t++)
        {
            var receives = data.MAbs[s * def.InputLength + t] != 0;
            if (layer.ConstantWeights is not null && !receives) continue;
            // One infinite term plus finite ones is ±∞; two taps of opposite sign onto one element give NaN.
            Assert.True(receives == !double.IsFinite(x[t]), $"{name}: input {t} is {x[t]}, but it {(receives ? "receives" : "does not receive")} the infinite output {s}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void SubnormalInputs_GiveExactResults(string name)
    {
        var layer = Conv2DLayers.Get(name);
        var def = layer.Def;
        // Inputs k·2^-149 (float subnormals) or k·2^-1074·2^20 (double subnormals) with small integer k, weights
        // small integers: every product and partial sum is an exact multiple of the smallest subnormal.
        var unit = layer.IsDouble ? Math.ScaleB(1, -1054) : Math.ScaleB(1, -149);
        var random = new Random(name.GetHashCode(StringComparison.Ordinal));
        var x = Enumerable.Range(0, def.InputLength).Select(_ => random.Next(-4, 5) * unit).ToArray();
        var w = layer.ConstantWeights is { } k ? k.Select(layer.Round).ToArray() : Enumerable.Range(0, def.WeightsLength).Select(_ => (double)random.Next(-3, 4)).ToArray();
        if (w.Any(v => v != Math.Round(v))) return; // fractional constant weights: the exact result is not representable
        var b = new double[def.BiasLength];
        var y = new double[def.OutputLength];
        layer.Forward(x, w, b, y);
        var expected = ReferenceConv.Forward(def, x, w, b);
        for (var s = 0; s < y.Length; s++)
            Assert.True(expected[s] == y[s], $"{name}: output {s} is {y[s]:R}, expected exactly {expected[s]:R}");
    }
}
