using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace ConvGen.IntegrationTests.Pooling;

/// <summary>
/// The pooling layers against PyTorch 1.13's F.max_poolNd / F.avg_poolNd and their autograd input gradient
/// (Fixtures/PyTorchPool, written by tests/fixtures/make_pool_bn_fixtures.py: ceil mode, padding, dilation,
/// count_include_pad, inputs with ties), for every layer of PoolLayers.cs that PyTorch's arguments express.
/// </summary>
public sealed class PyTorchPoolTests
{
    public static TheoryData<string> Names =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "PyTorchPool"), "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal)];

    [Fact]
    public void Every_layer_PyTorch_expresses_has_a_fixture() =>
        Assert.Equal(PoolRegistry.All.Count - 3, Names.Count); // not PMax2Dilated (one-sided padding), PMax2Same, PAvg2Same (AutoPad)

    [Theory]
    [MemberData(nameof(Names))]
    public void Forward_and_backward_match_PyTorch(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "PyTorchPool", name + ".json")));
        double[] Get(string key) => json.RootElement.GetProperty(key).EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var layer = PoolRegistry.Get(name);
        double[] x = Get("x"), expected = Get("y"), gy = Get("gy"), expectedGx = Get("gx");
        double tolerance = layer.IsDouble ? 1e-12 : 1e-6;

        var y = Enumerable.Repeat(double.NaN, expected.Length).ToArray();
        layer.Forward(x, y);
        for (int i = 0; i < y.Length; i++)
            Assert.True(Math.Abs(expected[i] - y[i]) <= tolerance * (1 + Math.Abs(expected[i])), $"{name} Forward: element {i} is {y[i]}, PyTorch gives {expected[i]}");

        var gx = Enumerable.Repeat(double.NaN, x.Length).ToArray();
        layer.Backward(x, gy, gx);
        for (int i = 0; i < gx.Length; i++)
            Assert.True(Math.Abs(expectedGx[i] - gx[i]) <= tolerance * (1 + Math.Abs(expectedGx[i])) * 4, $"{name} Backward: element {i} is {gx[i]}, PyTorch gives {expectedGx[i]}");
    }
}
