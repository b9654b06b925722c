using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using ConvGen.Onnx;
using ConvGen.Tests.Onnx;
using Xunit;

namespace ConvGen.Tests;

/// <summary>
/// ConvGen's own ONNX reader against the ONNX project's Python package: every model.onnx of the ONNX conformance data
/// (1,072 models: node, pytorch-converted, pytorch-operator, simple, real; IR versions 3 to 8), read here and by
/// python3-onnx (tests/fixtures/make_onnx_reader_fixtures.py), must agree on the opset, the graph's inputs and outputs
/// with their shapes, every node with its attributes, and every initializer's type, dims and values (count, sum,
/// first three). Malformed bytes must fail with <see cref="OnnxFormatException"/> and nothing else. Then the first
/// import stage, <see cref="OnnxSupport"/>: SPEC's acceptance rules, every problem named with its node and operator.
/// </summary>
public sealed class OnnxReaderTests
{
    private static (Dictionary<string, byte[]> Models, string[] Expected) Corpus => (OnnxTestData.Models, OnnxTestData.Expected);

    [Fact]
    public void EveryConformanceModel_ReadsAsTheOnnxPackageReadsIt()
    {
        var (models, expected) = Corpus;
        Assert.Equal(1072, expected.Length);
        var failures = new List<string>();
        foreach (var line in expected)
        {
            using var json = JsonDocument.Parse(line);
            var e = json.RootElement;
            var path = e.GetProperty("path").GetString()!;
            try
            {
                Compare(OnnxReader.Read(models[path]), e);
            }
            catch (Exception ex)
            {
                failures.Add($"{path}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {expected.Length} models differ:\n" + string.Join("\n", failures.Take(25)));
    }

    [Fact]
    public void TheCorpusCoversWhatTheNetworkNeeds()
    {
        var (models, _) = Corpus;
        var graphs = models.Values.Select(m => OnnxReader.Read(m)).ToArray();
        var ops = graphs.SelectMany(g => g.Nodes).Select(n => n.OpType).ToHashSet();
        foreach (var op in new[] { "Conv", "ConvTranspose", "Gemm", "MatMul", "BatchNormalization", "Relu", "MaxPool", "AveragePool", "GlobalAveragePool", "Add", "Flatten", "Reshape", "Concat", "Sigmoid", "Pad" })
            Assert.Contains(op, ops);
        Assert.Contains(graphs, g => g.IrVersion == 3);
        Assert.Contains(graphs, g => g.Initializers.Any(t => t.Floats.Count > 0));
        Assert.Contains(graphs, g => g.Inputs.Any(i => i.Shape is { } s && s.Any(d => d.Param is not null)));
    }

    [Fact]
    public void TruncatedModels_FailWithAFormatError_NeverAnotherException()
    {
        var (models, _) = Corpus;
        foreach (var name in new[] { "pytorch-operator/test_operator_conv", "node/test_conv_with_strides_padding", "node/test_gemm_all_attributes", "simple/test_gradient_of_add" }.Where(models.ContainsKey))
        {
            var model = models[name];
            for (var length = 0; length < model.Length; length++)
            {
                try
                {
                    OnnxReader.Read(model.AsSpan(0, length));
                }
                catch (OnnxFormatException)
                {
                }
            }
        }
    }

    [Fact]
    public void CorruptedModels_FailWithAFormatError_NeverAnotherException()
    {
        var (models, _) = Corpus;
        var random = new Random(20261206);
        var names = models.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();
        for (var trial = 0; trial < 3000; trial++)
        {
            var model = (byte[])models[names[random.Next(names.Length)]].Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
                model[random.Next(model.Length)] = (byte)random.Next(256);
            try
            {
                OnnxReader.Read(model);
            }
            catch (OnnxFormatException)
            {
            }
        }
    }

    [Theory]
    [InlineData(new byte[0], "the file is empty")]
    [InlineData(new byte[] { 0x08, 0x07 }, "no graph")]                         // ir_version 7 and nothing else
    [InlineData(new byte[] { 0x3A, 0x05, 0x0A }, "past the end")]               // graph of 5 bytes, 1 present
    [InlineData(new byte[] { 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, "longer than 10 bytes")]
    public void MalformedBytes_SayWhatIsWrong(byte[] model, string message)
    {
        var error = Assert.Throws<OnnxFormatException>(() => OnnxReader.Read(model));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void ExternalData_IsRefused_NamingTheTensor()
    {
        // ModelProto { ir_version: 7, graph { initializer { name: "w", data_type: FLOAT, dims: [1], data_location: EXTERNAL } } }
        byte[] tensor = [0x0A, 0x01, 0x01, 0x10, 0x01, 0x42, 0x01, (byte)'w', 0x70, 0x01];
        byte[] graph = [0x2A, (byte)tensor.Length, .. tensor];
        byte[] model = [0x08, 0x07, 0x3A, (byte)graph.Length, .. graph];
        var error = Assert.Throws<OnnxFormatException>(() => OnnxReader.Read(model));
        Assert.Contains("tensor 'w' keeps its data in an external file", error.Message);
    }

    /// <summary>SPEC's acceptance rules, on conformance models whose problems follow from ONNX's definitions.</summary>
    [Theory]
    [InlineData("simple/test_single_relu_model", new string[0])]
    [InlineData("node/test_averagepool_2d_pads", new string[0])]
    [InlineData("pytorch-operator/test_operator_conv", new[] { "input '0' has a fixed batch of 20; export it with a batch of 1 or a symbolic batch axis" })]
    [InlineData("pytorch-converted/test_PReLU_1d", new[] { "input '0' has a fixed batch of 2; export it with a batch of 1 or a symbolic batch axis", "node '#0' (PRelu): operator 'PRelu' is not supported" })]
    [InlineData("node/test_lstm_defaults", new[] { "the model has 3 inputs ('X', 'W', 'R'); ConvGen takes one", "node '#0' (LSTM): operator 'LSTM' is not supported" })]
    [InlineData("node/test_dropout_default_mask", new[] { "the model has 2 outputs ('y', 'z'); ConvGen gives one", "'z' is bool; ConvGen's inputs and outputs are float32",
        "input 'x' has a fixed batch of 3; export it with a batch of 1 or a symbolic batch axis", "node '#0' (Dropout): its mask output ('z') is not supported: export the model in eval mode" })]
    [InlineData("node/test_gemm_transposeA", new[] { "the model has 3 inputs ('a', 'b', 'c'); ConvGen takes one", "node '#0' (Gemm): transA = 1 mixes the batch axis with the features" })]
    [InlineData("node/test_reflect_pad", new[] { "the model has 2 inputs ('x', 'pads'); ConvGen takes one", "'x' is int32; ConvGen's inputs and outputs are float32",
        "'pads' is int64; ConvGen's inputs and outputs are float32", "'y' is int32; ConvGen's inputs and outputs are float32" })]
    [InlineData("node/test_maxpool_with_argmax_2d_precomputed_pads", new[] { "the model has 2 outputs ('y', 'z'); ConvGen gives one", "'z' is int64; ConvGen's inputs and outputs are float32",
        "node '#0' (MaxPool): its second output (the indices, 'z') is not supported" })]
    public void Support_NamesEveryProblem_WithTheNodeAndOperator(string model, string[] problems)
    {
        var (models, _) = Corpus;
        var found = OnnxSupport.Check(OnnxReader.Read(models[model])).Select(p => p.ToString()).ToArray();
        Assert.Equal(problems, found);
    }

    [Fact]
    public void Support_ChecksEveryConformanceModel_WithoutThrowing()
    {
        var (models, _) = Corpus;
        var accepted = models.Values.Count(m => OnnxSupport.Check(OnnxReader.Read(m)).Count == 0);
        Assert.InRange(accepted, 20, models.Count - 100); // most conformance models have a fixed batch above 1 or weights as inputs
    }

    /// <summary>
    /// Shape inference against the shapes the ONNX test generator recorded from the real outputs: every conformance
    /// model whose operators and their forms are all supported, its inputs at their declared shapes (any batch: shapes
    /// are checked here, not the batch rule), must give each declared output
    /// shape exactly; the only models it may not infer are those whose shape operands are run-time inputs.
    /// </summary>
    [Fact]
    public void Shapes_OfEverySupportedConformanceModel_MatchTheRecordedOutputs()
    {
        var (models, _) = Corpus;
        var (inferred, runtime, failures) = (0, 0, new List<string>());
        foreach (var (name, bytes) in models.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            var graph = OnnxReader.Read(bytes);
            if (!graph.Nodes.All(n => n.Domain is "" or "ai.onnx" && OnnxSupport.IsSupportedOperator(n.OpType))) continue;
            if (OnnxSupport.Check(graph).Any(p => p.OpType.Length > 0)) continue; // a refused form (indices, training outputs)
            var weights = graph.Initializers.Select(t => t.Name).ToHashSet();
            var inputs = graph.Inputs.Where(i => !weights.Contains(i.Name)).ToArray();
            if (inputs.Any(i => i.Shape is not { } s || s.Any(d => !d.IsFixed && d.Value != 0))) continue;
            var (values, problem) = OnnxShapes.Infer(graph, inputs.ToDictionary(i => i.Name, i => i.Shape!.Value.Select(d => d.Value).ToArray()));
            if (problem is not null)
            {
                if (problem.Reason.Contains("computed at run time", StringComparison.Ordinal)) runtime++;
                else failures.Add($"{name}: {problem}");
                continue;
            }

            foreach (var output in graph.Outputs.Where(o => o.Shape is { } s && s.All(d => d.IsFixed || d.Value == 0 && d.Param is null)))
            {
                var expected = string.Join(", ", output.Shape!.Value.Select(d => d.Value));
                var actual = values.TryGetValue(output.Name, out var v) ? string.Join(", ", v.Shape) : "(none)";
                if (expected != actual) failures.Add($"{name}: output '{output.Name}' is [{actual}], the file records [{expected}]");
            }

            inferred++;
        }

        Assert.True(failures.Count == 0, $"{failures.Count} models differ ({inferred} agreed):\n" + string.Join("\n", failures.Take(30)));
        Assert.True(inferred >= 250, $"only {inferred} models inferred ({runtime} need run-time shape operands)");
    }

    private static void Compare(OnnxGraph g, JsonElement e)
    {
        Equal(e.GetProperty("ir").GetInt64(), g.IrVersion, "IR version");
        Equal(e.GetProperty("opset").GetInt64(), g.OpsetVersion, "opset");
        Equal(e.GetProperty("producer").GetString(), g.ProducerName, "producer");
        Equal(e.GetProperty("graph").GetString(), g.Name, "graph name");
        CompareValues(e.GetProperty("inputs"), g.Inputs.ToArray(), "input");
        CompareValues(e.GetProperty("outputs"), g.Outputs.ToArray(), "output");
        var nodes = e.GetProperty("nodes").EnumerateArray().ToArray();
        Equal(nodes.Length, g.Nodes.Count, "node count");
        for (var i = 0; i < nodes.Length; i++)
        {
            var (n, x) = (g.Nodes[i], nodes[i]);
            var where = $"node {i} ({x[1].GetString()})";
            Equal(x[0].GetString(), n.Name, where + " name");
            Equal(x[1].GetString(), n.OpType, where + " op");
            Equal(x[2].GetString(), n.Domain, where + " domain");
            Equal(string.Join("|", x[3].EnumerateArray().Select(s => s.GetString())), string.Join("|", n.Inputs), where + " inputs");
            Equal(string.Join("|", x[4].EnumerateArray().Select(s => s.GetString())), string.Join("|", n.Outputs), where + " outputs");
            var attributes = x[5].EnumerateArray().ToArray();
            Equal(attributes.Length, n.Attributes.Count, where + " attribute count");
            for (var j = 0; j < attributes.Length; j++)
                CompareAttribute(attributes[j], n.Attributes[j], $"{where} attribute {attributes[j][0].GetString()}");
        }

        var initializers = e.GetProperty("initializers").EnumerateArray().ToArray();
        Equal(initializers.Length, g.Initializers.Count, "initializer count");
        for (var i = 0; i < initializers.Length; i++)
            CompareTensor(initializers[i], g.Initializers[i], $"initializer {i}");
    }

    private static void CompareValues(JsonElement expected, OnnxValueInfo[] actual, string what)
    {
        var items = expected.EnumerateArray().ToArray();
        Equal(items.Length, actual.Length, what + " count");
        for (var i = 0; i < items.Length; i++)
        {
            Equal(items[i][0].GetString(), actual[i].Name, $"{what} {i} name");
            Equal(items[i][1].GetInt32(), (int)actual[i].ElementType, $"{what} {i} element type");
            var shape = items[i][2];
            if (shape.ValueKind == JsonValueKind.Null)
            {
                Equal(false, actual[i].Shape.HasValue, $"{what} {i} has a shape");
                continue;
            }

            var dims = string.Join(",", shape.EnumerateArray().Select(d => d.ValueKind == JsonValueKind.Number ? d.GetInt64().ToString() : d.GetString()));
            Equal(dims, actual[i].Shape is { } s ? string.Join(",", s.Select(d => d.ToString())) : "(none)", $"{what} {i} shape");
        }
    }

    private static void CompareAttribute(JsonElement x, OnnxAttribute a, string where)
    {
        Equal(x[0].GetString(), a.Name, where + " name");
        Equal(x[1].GetInt32(), (int)a.Type, where + " type");
        var v = x[2];
        switch (a.Type)
        {
            case OnnxAttributeType.Float: Equal(v.GetDouble(), (double)a.Float, where); break;
            case OnnxAttributeType.Int: Equal(v.GetInt64(), a.Int, where); break;
            case OnnxAttributeType.String: Equal(v.GetString(), a.String, where); break;
            case OnnxAttributeType.Floats: Equal(string.Join(",", v.EnumerateArray().Select(f => f.GetDouble())), string.Join(",", a.Floats.Select(f => (double)f)), where); break;
            case OnnxAttributeType.Ints: Equal(string.Join(",", v.EnumerateArray().Select(f => f.GetInt64())), string.Join(",", a.Ints), where); break;
            case OnnxAttributeType.Strings: Equal(string.Join("|", v.EnumerateArray().Select(f => f.GetString())), string.Join("|", a.Strings), where); break;
            case OnnxAttributeType.Tensor: CompareTensor(v, a.Tensor ?? throw new InvalidOperationException(where + ": no tensor"), where); break;
        }
    }

    private static void CompareTensor(JsonElement x, OnnxTensor t, string where)
    {
        Equal(x[0].GetString(), t.Name, where + " name");
        Equal(x[1].GetInt32(), (int)t.DataType, where + " data type");
        Equal(string.Join(",", x[2].EnumerateArray().Select(d => d.GetInt64())), string.Join(",", t.Dims), where + " dims");
        Equal(x[3].GetInt64(), t.ElementCount, where + " element count");
        if (x[4].ValueKind == JsonValueKind.Null) return;
        var values = t.Floats.Count > 0 ? t.Floats.Select(f => (double)f).ToArray()
            : t.Doubles.Count > 0 ? t.Doubles.ToArray()
            : t.Integers.Select(i => (double)i).ToArray();
        Equal(t.ElementCount, (long)values.Length, where + " values decoded");
        var (sum, magnitude) = (values.Sum(), values.Sum(Math.Abs));
        var expected = x[4].GetDouble();
        if (!(Math.Abs(sum - expected) <= 1e-9 * magnitude + 1e-12) && !(double.IsNaN(expected) && double.IsNaN(sum)))
            throw new InvalidOperationException($"{where}: sum {sum:R}, expected {expected:R}");
        Equal(string.Join(",", x[5].EnumerateArray().Select(f => f.GetDouble().ToString("R"))), string.Join(",", values.Take(3).Select(f => f.ToString("R"))), where + " first values");
    }

    private static void Equal<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
            throw new InvalidOperationException($"{what}: read {actual}, expected {expected}");
    }
}
