using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Xunit;
using Xunit.Abstractions;

namespace ConvGen.IntegrationTests.OnnxModels;

/// <summary>
/// ONNX Runtime 1.32 as the oracle: each model's .onnx file run by ORT (CPU, one thread) on the fixture's inputs as
/// one batch, and on random inputs of a batch of 5, against ConvGen's Forward on the same inputs, within SPEC's bound
/// (1e-4·(1 + max |ORT's output| of the sample)).
/// </summary>
public sealed class OnnxRuntimeOracleTests(ITestOutputHelper output)
{
    /// <summary>The PyTorch exports, and the hand-built models of opsets 18, 19 and 21 (ONNX Runtime is their only oracle).</summary>
    public static readonly OnnxModelTests.Model[] All =
    [
        .. OnnxModelTests.All,
        new("opset18", "opset18", Opset18.InputLength, Opset18.OutputLength, Opset18.WorkspaceLength, Opset18.Forward, Opset18.Forward),
        new("opset19", "opset19", Opset19.InputLength, Opset19.OutputLength, Opset19.WorkspaceLength, Opset19.Forward, Opset19.Forward),
        new("opset21", "opset21", Opset21.InputLength, Opset21.OutputLength, Opset21.WorkspaceLength, Opset21.Forward, Opset21.Forward),
    ];

    public static TheoryData<string> Names => [.. All.Select(m => m.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Forward_agrees_with_ONNX_Runtime(string name)
    {
        var model = All.Single(m => m.Name == name);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Models", model.Fixture + ".json")));
        var shape = doc.RootElement.GetProperty("input_shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var fixture = doc.RootElement.GetProperty("inputs").EnumerateArray().SelectMany(r => r.EnumerateArray().Select(e => e.GetSingle())).ToArray();
        var random = new Random(name.Length * 7919 + 3);
        var noise = Enumerable.Range(0, 5 * model.InputLength).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();

        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        using var session = new InferenceSession(Path.Combine(AppContext.BaseDirectory, "Models", name + ".onnx"), options);
        var worst = 0.0;
        foreach (var x in new[] { fixture, noise })
        {
            var samples = x.Length / model.InputLength;
            var tensor = new DenseTensor<float>(x, new[] { samples }.Concat(shape).ToArray());
            using var results = session.Run(new[] { NamedOnnxValue.CreateFromTensor(session.InputMetadata.Keys.Single(), tensor) });
            var expected = results.Single().AsEnumerable<float>().ToArray();
            var y = new float[samples * model.OutputLength];
            model.Forward(x, y);
            Assert.Equal(expected.Length, y.Length);
            for (var s = 0; s < samples; s++)
            {
                var scale = 1 + Enumerable.Range(s * model.OutputLength, model.OutputLength).Max(i => Math.Abs((double)expected[i]));
                for (var i = s * model.OutputLength; i < (s + 1) * model.OutputLength; i++)
                {
                    var error = Math.Abs(y[i] - expected[i]);
                    Assert.True(error <= 1e-4 * scale, $"{name} sample {s} element {i - s * model.OutputLength}: {y[i]} vs ONNX Runtime {expected[i]}");
                    worst = Math.Max(worst, error / scale);
                }
            }
        }

        output.WriteLine($"{name}: worst |ConvGen − ONNX Runtime| / (1 + max|ORT|) = {worst:E2}");
    }
}
