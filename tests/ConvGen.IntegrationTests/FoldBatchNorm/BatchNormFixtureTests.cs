using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using ConvGen;
using Xunit;

namespace ConvGen.IntegrationTests.FoldBatchNorm;

// The layers of tests/fixtures/make_pool_bn_fixtures.py's BatchNorm cases; a layer without a bias folds into its twin
// declared with Bias = true (SPEC: the folded weights and bias are for that layer).
[Conv2D(3, 8, 8, 4, 3, 3, Padding = 1, Bias = true, ElementType = typeof(double))] public static partial class BnConv;
[Conv2D(2, 9, 9, 5, 3, 3, Stride = 2, ElementType = typeof(double))] public static partial class BnConvNoBias;
[Conv2D(2, 9, 9, 5, 3, 3, Stride = 2, Bias = true, ElementType = typeof(double))] public static partial class BnConvNoBiasFolded;
[ConvTranspose2D(4, 5, 5, 3, 3, 3, Stride = 2, Padding = 1, ElementType = typeof(double))] public static partial class BnConvT;
[ConvTranspose2D(4, 5, 5, 3, 3, 3, Stride = 2, Padding = 1, Bias = true, ElementType = typeof(double))] public static partial class BnConvTFolded;
[Linear(10, 6, Bias = true, ElementType = typeof(double))] public static partial class BnLinear;

/// <summary>
/// FoldBatchNorm against PyTorch: a Conv2d, a bias-free strided Conv2d, a ConvTranspose2d (BatchNorm over its weights'
/// axis 1) and a Linear, each followed by an eval-mode BatchNorm with PyTorch's default eps (Fixtures/PyTorchBatchNorm,
/// written by tests/fixtures/make_pool_bn_fixtures.py). Forward with the folded weights and bias is bn(layer(x)).
/// </summary>
public sealed class BatchNormFixtureTests
{
    public static TheoryData<string> Names => ["BnConv", "BnConvNoBias", "BnConvT", "BnLinear"];

    private delegate void Fold(ReadOnlySpan<double> weights, ReadOnlySpan<double> bias, ReadOnlySpan<double> gamma, ReadOnlySpan<double> beta,
        ReadOnlySpan<double> runningMean, ReadOnlySpan<double> runningVariance, double epsilon, Span<double> foldedWeights, Span<double> foldedBias);

    private delegate void Forward(ReadOnlySpan<double> input, ReadOnlySpan<double> weights, ReadOnlySpan<double> bias, Span<double> output);

    [Theory]
    [MemberData(nameof(Names))]
    public void Folded_forward_is_PyTorch_batch_norm_after_the_layer(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "PyTorchBatchNorm", name + ".json")));
        var root = json.RootElement;
        double[] Get(string key) => root.GetProperty(key).EnumerateArray().Select(v => v.GetDouble()).ToArray();
        (Fold fold, Forward forward, int outputs) = name switch
        {
            "BnConv" => ((Fold)BnConv.FoldBatchNorm, (Forward)BnConv.Forward, BnConv.OutputChannels),
            "BnConvNoBias" => (BnConvNoBias.FoldBatchNorm, BnConvNoBiasFolded.Forward, BnConvNoBias.OutputChannels),
            "BnConvT" => (BnConvT.FoldBatchNorm, BnConvTFolded.Forward, BnConvT.OutputChannels),
            _ => (BnLinear.FoldBatchNorm, BnLinear.Forward, BnLinear.OutputLength),
        };
        double[] w = Get("w"), foldedWeights = new double[w.Length], foldedBias = new double[outputs];
        fold(w, Get("b"), Get("gamma"), Get("beta"), Get("mean"), Get("variance"), root.GetProperty("eps").GetDouble(), foldedWeights, foldedBias);

        double[] expected = Get("y"), y = Enumerable.Repeat(double.NaN, expected.Length).ToArray();
        forward(Get("x"), foldedWeights, foldedBias, y);
        for (int i = 0; i < y.Length; i++)
            Assert.True(Math.Abs(expected[i] - y[i]) <= 1e-12 * (1 + Math.Abs(expected[i])) * 64, $"{name}: element {i} is {y[i]}, PyTorch gives {expected[i]}");
    }
}
