using System;
using System.Linq;
using System.Numerics;
using System.Reflection;
using Xunit;

namespace ConvGen.IntegrationTests.FoldBatchNorm;

public delegate void FoldFn<T>(ReadOnlySpan<T> weights, ReadOnlySpan<T> bias, ReadOnlySpan<T> gamma, ReadOnlySpan<T> beta,
    ReadOnlySpan<T> runningMean, ReadOnlySpan<T> runningVariance, double epsilon, Span<T> foldedWeights, Span<T> foldedBias);

/// <summary>
/// FoldBatchNorm on every layer with run-time weights (every kind, forward and transposed, grouped, 1-D to 3-D, Linear):
/// Forward with the folded weights and bias is the layer followed by an inference-mode BatchNorm, computed here from the
/// reference's linear part in double precision. A layer without a bias folds with an empty bias span and gets the
/// folded bias added per channel here.
/// </summary>
public sealed class FoldBatchNormTests
{
    public static TheoryData<string> Names =>
        [.. AllLayers.All.Where(c => c.HasWeightsGradient && !(c.Geometry.Relu && !c.Geometry.Bias)).Select(c => c.Name)];

    private sealed record BatchNorm(double[] Gamma, double[] Beta, double[] Mean, double[] Variance, double Epsilon);

    private static BatchNorm Make(LayerCase layer)
    {
        int d = layer.Geometry.D;
        var variance = TestData.Random(layer, d, salt: 14).Select(v => layer.Round(0.25 + Math.Abs(v))).ToArray();
        return new BatchNorm(TestData.Random(layer, d, 11), TestData.Random(layer, d, 12), TestData.Random(layer, d, 13), variance, 1e-5);
    }

    private static (double[] Weights, double[] Bias) Fold(LayerCase layer, double[] weights, double[] bias, BatchNorm bn) =>
        layer.IsDouble ? Fold<double>(layer, weights, bias, bn) : Fold<float>(layer, weights, bias, bn);

    private static (double[] Weights, double[] Bias) Fold<T>(LayerCase layer, double[] weights, double[] bias, BatchNorm bn)
        where T : struct, IFloatingPointIeee754<T>
    {
        var fold = (FoldFn<T>)Delegate.CreateDelegate(typeof(FoldFn<T>), layer.LayerType.GetMethod("FoldBatchNorm", BindingFlags.Public | BindingFlags.Static)!);
        T[] Of(double[] a) => Array.ConvertAll(a, T.CreateTruncating);
        var foldedWeights = new T[weights.Length];
        var foldedBias = new T[layer.Geometry.D];
        fold(Of(weights), Of(bias), Of(bn.Gamma), Of(bn.Beta), Of(bn.Mean), Of(bn.Variance), bn.Epsilon, foldedWeights, foldedBias);
        return (Array.ConvertAll(foldedWeights, double.CreateTruncating), Array.ConvertAll(foldedBias, double.CreateTruncating));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void FoldedForward_IsTheLayerFollowedByBatchNorm(string name)
    {
        const int batch = 2;
        var layer = AllLayers.Get(name);
        var d = layer.Geometry;
        var data = TestData.For(layer);
        var bn = Make(layer);
        var x = TestData.Random(layer, batch * d.InputLength, salt: 15);
        var (foldedWeights, foldedBias) = Fold(layer, data.Weights, d.Bias ? data.Bias : [], bn);

        var y = new double[batch * d.OutputLength];
        layer.Forward(x, foldedWeights, d.Bias ? foldedBias : [], y);
        var expected = new double[y.Length];
        var scale = new double[y.Length];
        for (var n = 0; n < batch; n++)
        {
            var xn = x.AsSpan(n * d.InputLength, d.InputLength).ToArray();
            var linear = d.ForwardLinear(xn, data.Weights);
            var terms = d.ForwardLinear(xn.Select(Math.Abs).ToArray(), data.Weights.Select(Math.Abs).ToArray());
            for (var s = 0; s < d.OutputLength; s++)
            {
                var u = s / d.OutputPlane;
                var at = n * d.OutputLength + s;
                var k = bn.Gamma[u] / Math.Sqrt(bn.Variance[u] + bn.Epsilon);
                var b = d.Bias ? data.Bias[u] : 0;
                var value = (linear[s] + b - bn.Mean[u]) * k + bn.Beta[u];
                expected[at] = d.Relu ? Math.Max(0, value) : value;
                scale[at] = 1.5 * ((terms[s] + Math.Abs(b) + Math.Abs(bn.Mean[u])) * Math.Abs(k) + Math.Abs(bn.Beta[u]));
                if (!d.Bias) y[at] += foldedBias[u];
            }
        }

        TestData.AssertClose(layer, "Forward with the folded weights and bias", expected, scale, y);
    }

    [Fact]
    public void BadArguments_ThrowBeforeWriting_AndNameTheParameter()
    {
        var layer = AllLayers.All.First(c => c.HasWeightsGradient && !c.IsDouble && c.Geometry.D > 1);
        var d = layer.Geometry;
        var fold = (FoldFn<float>)Delegate.CreateDelegate(typeof(FoldFn<float>), layer.LayerType.GetMethod("FoldBatchNorm")!);
        float[] w = new float[d.WeightsLength], ch = new float[d.D], fw = new float[d.WeightsLength], fb = new float[d.D];
        Array.Fill(fw, 7f);
        string? Fault(Action a) => Assert.ThrowsAny<ArgumentException>(a).ParamName;
        Assert.Equal("bias", Fault(() => fold(w, new float[d.D + 1], ch, ch, ch, ch, 1e-5, fw, fb)));
        Assert.Equal("gamma", Fault(() => fold(w, [], new float[d.D - 1], ch, ch, ch, 1e-5, fw, fb)));
        Assert.Equal("epsilon", Fault(() => fold(w, [], ch, ch, ch, ch, -1e-5, fw, fb)));
        Assert.Equal("epsilon", Fault(() => fold(w, [], ch, ch, ch, ch, double.NaN, fw, fb)));
        Assert.Equal("foldedBias", Fault(() => fold(w, [], ch, ch, ch, ch, 1e-5, fw, new float[d.D + 1])));
        Assert.Equal("foldedWeights", Fault(() => fold(w, [], ch, ch, ch, ch, 1e-5, w, fb)));
        Assert.Equal("foldedBias", Fault(() => fold(w, [], ch, ch, ch, ch, 1e-5, fw, fw.AsSpan(0, d.D))));
        Assert.All(fw, v => Assert.Equal(7f, v));
    }
}
