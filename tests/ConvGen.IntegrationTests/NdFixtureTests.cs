using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace ConvGen.IntegrationTests;

/// <summary>
/// The 1-D and 3-D layers against outside data: PyTorch's conv1d/conv3d/conv_transpose1d/3d through
/// <c>Fixtures/ND/*.json</c> (written by <c>tests/fixtures/make_fixtures_nd.py</c> with the layers in
/// <c>Layers/FixtureLayersND.cs</c>), and the ONNX project's own conformance cases (libonnx-testdata: the
/// Conv and ConvTranspose node tests and the PyTorch-converted ones, 1-D, 2-D and 3-D) through
/// <c>Fixtures/Onnx/*.json</c> (written by <c>tests/fixtures/make_onnx_fixtures.py</c>). Neither PyTorch nor
/// ONNX is needed to run them.
/// </summary>
/// <remarks>
/// Each fixture's geometry also builds an <see cref="NdDef"/>: its output shape must be the fixture's, and the
/// generated constants must be the ones SPEC names for it. Every member is compared element by element within
/// SPEC's tolerance (1e-12·S + 1e-12 double, 1e-4·S + 1e-6 float; S stored in the PyTorch fixtures, computed
/// from |x|, |w|, |b| by the reference for the ONNX ones), destinations pre-filled with NaN.
/// </remarks>
public sealed class NdFixtureTests
{
    public static TheoryData<string> PyTorchNames => [.. Fixtures.FixtureLayersNd.NdNames];

    public static TheoryData<string> OnnxNames => [.. Fixtures.OnnxConformanceLayers.Names];

    [Fact]
    public void Every_fixture_file_has_a_layer_and_every_layer_a_file()
    {
        Assert.Equal(Sorted(Fixtures.FixtureLayersNd.NdNames), FileNames("ND"));
        Assert.Equal(Sorted(Fixtures.OnnxConformanceLayers.Names), FileNames("Onnx"));
        Assert.True(Fixtures.FixtureLayersNd.NdNames.Count >= 40);
        Assert.True(Fixtures.OnnxConformanceLayers.Names.Count >= 30);
    }

    [Theory]
    [MemberData(nameof(PyTorchNames))]
    public void PyTorch_fixture_matches_every_member(string name)
    {
        JsonElement fx = Load("ND", name);
        NdDef def = Geometry(fx) with
        {
            PaddingMode = Enum.Parse<RefPaddingMode>(fx.GetProperty("paddingMode").GetString()!),
            Bias = fx.GetProperty("bias").GetBoolean(),
            Relu = fx.GetProperty("activation").GetString() == "Relu",
            Flip = fx.GetProperty("flip").GetBoolean(),
        };
        LayerCase layer = Bind("FxN_" + name, def, fx.GetProperty("elementType").GetString() == "float");
        AssertShapes(fx, layer);
        Assert.Equal(fx.GetProperty("inputLength").GetInt32(), def.InputLength);
        Assert.Equal(fx.GetProperty("weightsLength").GetInt32(), def.WeightsLength);

        int n = fx.GetProperty("n").GetInt32();
        double[] x = Values(fx, "x"), w = Values(fx, "w"), b = Values(fx, "b"), gy = Values(fx, "gy");

        double[] y = TestData.Filled(n * def.OutputLength, double.NaN);
        layer.Forward(x, w, b, y);
        TestData.AssertClose(layer, "Forward vs PyTorch", Values(fx, "y"), Values(fx, "s_y"), y);

        double[] gx = TestData.Filled(n * def.InputLength, double.NaN);
        layer.Transpose(gy, w, gx);
        TestData.AssertClose(layer, "Transpose vs PyTorch's input gradient", Values(fx, "gx"), Values(fx, "s_gx"), gx);

        double[] gw = TestData.Filled(def.WeightsLength, double.NaN);
        layer.WeightsGradient(x, gy, gw);
        TestData.AssertClose(layer, "WeightsGradient vs PyTorch", Values(fx, "gw"), Values(fx, "s_gw"), gw);

        if (def.Bias)
        {
            double[] gb = TestData.Filled(def.BiasLength, double.NaN);
            layer.BiasGradient(gy, gb);
            TestData.AssertClose(layer, "BiasGradient vs PyTorch", Values(fx, "gb"), Values(fx, "s_gb"), gb);
        }
    }

    [Theory]
    [MemberData(nameof(OnnxNames))]
    public void Onnx_conformance_case_matches_Forward(string name)
    {
        JsonElement fx = Load("Onnx", name);
        JsonElement onnx = fx.GetProperty("onnxAttributes");
        double[] b = Values(fx, "b");
        NdDef def = Geometry(fx) with
        {
            Stride = Ints(onnx, "strides") ?? Ones(fx),
            Dilation = Ints(onnx, "dilations") ?? Ones(fx),
            Groups = onnx.TryGetProperty("group", out JsonElement g) ? g.GetInt32() : 1,
            Bias = b.Length > 0,
        };
        LayerCase layer = Bind("Onnx_" + name, def, isFloat: true);
        AssertShapes(fx, layer);

        int n = fx.GetProperty("n").GetInt32();
        double[] x = Values(fx, "x"), w = Values(fx, "w");
        double[] scale = [];
        for (int i = 0; i < n; i++)
        {
            scale = [.. scale, .. ReferenceConv.ForwardS(def, ReferenceConv.Slice(x, i, def.InputLength), w, b)];
        }

        double[] y = TestData.Filled(n * def.OutputLength, double.NaN);
        layer.Forward(x, w, b, y);
        TestData.AssertClose(layer, $"Forward vs ONNX conformance output ({fx.GetProperty("source").GetString()})", Values(fx, "y"), scale, y);
    }

    /// <summary>The fixture's shapes as an <see cref="NdDef"/> (padding per side, output padding; strides and dilations where stored).</summary>
    private static NdDef Geometry(JsonElement fx)
    {
        int[] input = Ints(fx, "inputShape")!, output = Ints(fx, "outputShape")!, weights = Ints(fx, "weightsShape")!;
        bool transposed = fx.GetProperty("kind").GetString()!.StartsWith("ConvTranspose", StringComparison.Ordinal);
        var def = new NdDef(transposed, input[0], output[0], input[1..], weights[2..])
        {
            PadBegin = Ints(fx, "padsBegin")!,
            PadEnd = Ints(fx, "padsEnd")!,
            OutPad = transposed ? Ints(fx, "outputPadding")! : new int[input.Length - 1],
        };
        return fx.TryGetProperty("strides", out _)
            ? def with { Stride = Ints(fx, "strides")!, Dilation = Ints(fx, "dilations")!, Groups = fx.GetProperty("groups").GetInt32() }
            : def;
    }

    /// <summary>The reference's output shape is the fixture's, and the generated constants are the reference's.</summary>
    private static void AssertShapes(JsonElement fx, LayerCase layer)
    {
        var def = (NdDef)layer.Geometry;
        int[] shape = [def.D, .. def.Out];
        Assert.Equal(Ints(fx, "outputShape")!, shape);
        IReadOnlyDictionary<string, int?> actual = layer.Constants();
        foreach ((string constant, int expected) in def.Constants)
        {
            Assert.True(expected == actual[constant], $"{layer.Name}.{constant}: expected {expected}, actual {actual[constant]?.ToString() ?? "missing"}");
        }
    }

    private static LayerCase Bind(string typeName, NdDef def, bool isFloat)
    {
        Type type = typeof(NdFixtureTests).Assembly.GetType("ConvGen.IntegrationTests.Fixtures." + typeName)
            ?? throw new InvalidOperationException($"no generated layer {typeName}");
        return LayerFactory.Reflected(type, def, isFloat);
    }

    private static string Folder(string sub) => Path.Combine(AppContext.BaseDirectory, "Fixtures", sub);

    private static string[] FileNames(string sub) =>
        Sorted(Directory.GetFiles(Folder(sub), "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!));

    private static string[] Sorted(IEnumerable<string> names) => [.. names.OrderBy(n => n, StringComparer.Ordinal)];

    private static JsonElement Load(string sub, string name)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder(sub), name + ".json")));
        JsonElement root = document.RootElement.Clone();
        Assert.Equal(name, root.GetProperty("name").GetString());
        return root;
    }

    private static double[] Values(JsonElement fx, string key) =>
        fx.GetProperty(key) is { ValueKind: JsonValueKind.Array } a ? [.. a.EnumerateArray().Select(e => e.GetDouble())] : [];

    private static int[]? Ints(JsonElement fx, string key) =>
        fx.TryGetProperty(key, out JsonElement a) && a.ValueKind == JsonValueKind.Array ? [.. a.EnumerateArray().Select(e => e.GetInt32())] : null;

    private static int[] Ones(JsonElement fx) => [.. Enumerable.Repeat(1, Ints(fx, "inputShape")!.Length - 1)];
}
