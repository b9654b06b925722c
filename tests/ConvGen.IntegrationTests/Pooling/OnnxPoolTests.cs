using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace ConvGen.IntegrationTests.Pooling;

/// <summary>
/// The ONNX project's own conformance cases for MaxPool and AveragePool (Debian's libonnx-testdata: node/test_maxpool*,
/// node/test_averagepool*, pytorch-converted/test_MaxPool*, test_AvgPool*), each as the equivalent attribute
/// (OnnxPoolLayers.cs) with ONNX's input and expected output in Fixtures/OnnxPool (both written by
/// tests/fixtures/make_onnx_pool_fixtures.py, which lists the cases it skips and why). Neither Python nor ONNX is needed here.
/// </summary>
public sealed class OnnxPoolTests
{
    public static TheoryData<string> Names => [.. OnnxPoolLayers.All.Select(c => c.Name)];

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "OnnxPool");

    [Fact]
    public void Every_fixture_has_a_layer_and_the_conformance_data_is_covered()
    {
        var files = Directory.GetFiles(Folder, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        Assert.Equal(files, OnnxPoolLayers.All.Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.True(OnnxPoolLayers.All.Length >= 30);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Forward_matches_ONNX_expected_output(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, name + ".json")));
        var root = json.RootElement;
        float[] x = root.GetProperty("x").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
        float[] expected = root.GetProperty("y").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
        int n = root.GetProperty("n").GetInt32();
        int outputLength = root.GetProperty("outputShape").EnumerateArray().Aggregate(1, (a, v) => a * v.GetInt32());
        Assert.Equal(n * outputLength, expected.Length);

        var y = Enumerable.Repeat(float.NaN, expected.Length).ToArray();
        OnnxPoolLayers.All.Single(c => c.Name == name).Forward(x, y);
        bool max = root.GetProperty("kind").GetString()!.StartsWith("Max", StringComparison.Ordinal);
        for (int i = 0; i < y.Length; i++)
        {
            if (max) Assert.True(expected[i] == y[i], $"{name}: element {i} is {y[i]}, ONNX expects {expected[i]}");
            else Assert.True(Math.Abs(expected[i] - y[i]) <= 1e-6 * (1 + Math.Abs(expected[i])) * 4, $"{name}: element {i} is {y[i]}, ONNX expects {expected[i]}");
        }
    }
}
