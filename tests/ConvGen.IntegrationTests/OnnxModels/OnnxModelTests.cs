using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace ConvGen.IntegrationTests.OnnxModels;

/// <summary>
/// [OnnxModel] on models exported from PyTorch: each generated Forward against the model run by PyTorch in float64
/// (SPEC's accuracy bound: every element within 1e-4·(1 + max |reference| of that sample)) and in float32; the
/// digits CNN's accuracy on the whole scikit-learn test split; batches, the workspace overload, argument errors,
/// allocation and threads.
/// </summary>
public sealed class OnnxModelTests(ITestOutputHelper output)
{
    public delegate void Forward(ReadOnlySpan<float> input, Span<float> output);

    public delegate void ForwardWithWorkspace(ReadOnlySpan<float> input, Span<float> output, Span<float> workspace);

    public sealed record Model(string Name, string Fixture, int InputLength, int OutputLength, int WorkspaceLength, Forward Forward, ForwardWithWorkspace WithWorkspace);

    public static readonly Model[] All =
    [
        new("digits", "digits", DigitsModel.InputLength, DigitsModel.OutputLength, DigitsModel.WorkspaceLength, DigitsModel.Forward, DigitsModel.Forward),
        new("resnet_block", "resnet_block", ResNetBlock.InputLength, ResNetBlock.OutputLength, ResNetBlock.WorkspaceLength, ResNetBlock.Forward, ResNetBlock.Forward),
        new("resnet_block_bn", "resnet_block", ResNetBlockBn.InputLength, ResNetBlockBn.OutputLength, ResNetBlockBn.WorkspaceLength, ResNetBlockBn.Forward, ResNetBlockBn.Forward),
        new("mobilenet_v2", "mobilenet_v2", MobileNetV2.InputLength, MobileNetV2.OutputLength, MobileNetV2.WorkspaceLength, MobileNetV2.Forward, MobileNetV2.Forward),
        new("mobilenet_v2_bn", "mobilenet_v2", MobileNetV2Bn.InputLength, MobileNetV2Bn.OutputLength, MobileNetV2Bn.WorkspaceLength, MobileNetV2Bn.Forward, MobileNetV2Bn.Forward),
        new("effnet_block", "effnet_block", EffNetBlock.InputLength, EffNetBlock.OutputLength, EffNetBlock.WorkspaceLength, EffNetBlock.Forward, EffNetBlock.Forward),
        new("effnet_block_bn", "effnet_block", EffNetBlockBn.InputLength, EffNetBlockBn.OutputLength, EffNetBlockBn.WorkspaceLength, EffNetBlockBn.Forward, EffNetBlockBn.Forward),
        new("kws1d", "kws1d", Kws1D.InputLength, Kws1D.OutputLength, Kws1D.WorkspaceLength, Kws1D.Forward, Kws1D.Forward),
        new("kws1d_bn", "kws1d", Kws1DBn.InputLength, Kws1DBn.OutputLength, Kws1DBn.WorkspaceLength, Kws1DBn.Forward, Kws1DBn.Forward),
        new("unet_small", "unet_small", UNetSmall.InputLength, UNetSmall.OutputLength, UNetSmall.WorkspaceLength, UNetSmall.Forward, UNetSmall.Forward),
    ];

    public static TheoryData<string> Names => [.. All.Select(m => m.Name)];

    private static Model Get(string name) => All.Single(m => m.Name == name);

    private sealed record Fixture(int[] InputShape, int[] OutputShape, float[][] Inputs, float[][] Outputs, double[][] Outputs64);

    private static Fixture Load(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Models", name + ".json")));
        var root = doc.RootElement;
        int[] Shape(string p) => root.GetProperty(p).EnumerateArray().Select(e => e.GetInt32()).ToArray();
        T[][] Rows<T>(string p, Func<JsonElement, T> read) => root.GetProperty(p).EnumerateArray().Select(r => r.EnumerateArray().Select(read).ToArray()).ToArray();
        return new Fixture(Shape("input_shape"), Shape("output_shape"), Rows("inputs", e => e.GetSingle()), Rows("outputs", e => e.GetSingle()),
            Rows("outputs_float64", e => e.GetDouble()));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Forward_matches_PyTorch_float64_within_the_contract(string name)
    {
        var model = Get(name);
        var fx = Load(model.Fixture);
        Assert.Equal(fx.InputShape.Aggregate(1, (a, b) => a * b), model.InputLength);
        Assert.Equal(fx.OutputShape.Aggregate(1, (a, b) => a * b), model.OutputLength);
        double worst64 = 0, worst32 = 0;
        for (var s = 0; s < fx.Inputs.Length; s++)
        {
            var y = new float[model.OutputLength];
            model.Forward(fx.Inputs[s], y);
            var scale = 1 + fx.Outputs64[s].Max(Math.Abs);
            for (var i = 0; i < y.Length; i++)
            {
                var error = Math.Abs(y[i] - fx.Outputs64[s][i]);
                Assert.True(error <= 1e-4 * scale, $"{name} sample {s} element {i}: {y[i]} vs float64 reference {fx.Outputs64[s][i]} (bound {1e-4 * scale})");
                worst64 = Math.Max(worst64, error / scale);
                worst32 = Math.Max(worst32, Math.Abs(y[i] - fx.Outputs[s][i]) / scale);
            }
        }

        output.WriteLine($"{name}: worst error / (1 + max|ref|): {worst64:E2} against PyTorch float64, {worst32:E2} against PyTorch float32");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_batch_is_its_samples_one_by_one_and_the_workspace_overload_agrees(string name)
    {
        var model = Get(name);
        var fx = Load(model.Fixture);
        var n = fx.Inputs.Length;
        var x = fx.Inputs.SelectMany(r => r).ToArray();
        var batched = new float[n * model.OutputLength];
        model.Forward(x, batched);
        var withWorkspace = new float[n * model.OutputLength];
        var workspace = new float[model.WorkspaceLength + 7];
        Array.Fill(workspace, float.NaN); // stale contents must not matter
        model.WithWorkspace(x, withWorkspace, workspace);
        for (var s = 0; s < n; s++)
        {
            var one = new float[model.OutputLength];
            model.Forward(fx.Inputs[s], one);
            Assert.Equal(one, batched.AsSpan(s * model.OutputLength, model.OutputLength).ToArray());
        }

        Assert.Equal(batched, withWorkspace);
    }

    [Fact]
    public void Digits_classifies_the_test_split_as_PyTorch_does()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Models", "digits-test.json")));
        var root = doc.RootElement;
        var inputs = root.GetProperty("inputs").EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.GetSingle()).ToArray()).ToArray();
        var labels = root.GetProperty("labels").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var torch = root.GetProperty("outputs").EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.GetSingle()).ToArray()).ToArray();
        var logits = new float[inputs.Length * DigitsModel.OutputLength];
        DigitsModel.Forward(inputs.SelectMany(r => r).ToArray(), logits);
        int correct = 0, agree = 0;
        double worst = 0;
        for (var s = 0; s < inputs.Length; s++)
        {
            var mine = logits.AsSpan(s * 10, 10).ToArray();
            var predicted = Array.IndexOf(mine, mine.Max());
            correct += predicted == labels[s] ? 1 : 0;
            agree += predicted == Array.IndexOf(torch[s], torch[s].Max()) ? 1 : 0;
            worst = Math.Max(worst, mine.Zip(torch[s], (a, b) => Math.Abs(a - b)).Max());
        }

        output.WriteLine($"digits: {correct}/{inputs.Length} correct ({100.0 * correct / inputs.Length:F2}%), same class as PyTorch on {agree}, worst logit difference {worst:E2}");
        Assert.Equal(inputs.Length, agree);
        Assert.True(worst < 1e-4, $"worst logit difference {worst}");
    }

    [Fact]
    public void Argument_errors_name_the_parameter_and_write_nothing()
    {
        var model = Get("resnet_block");
        var x = new float[2 * model.InputLength];
        var y = new float[2 * model.OutputLength];
        Array.Fill(y, 42f);
        void Throws(string param, Action call) => Assert.Equal(param, Assert.Throws<ArgumentException>(call).ParamName);
        Throws("input", () => model.Forward(x.AsSpan(0, model.InputLength + 1), y));
        Throws("input", () => model.Forward(ReadOnlySpan<float>.Empty, y));
        Throws("output", () => model.Forward(x, y.AsSpan(0, model.OutputLength)));
        Throws("workspace", () => model.WithWorkspace(x, y, new float[model.WorkspaceLength - 1]));
        var shared = new float[2 * model.InputLength + 2 * model.OutputLength];
        Throws("output", () => model.Forward(shared.AsSpan(0, 2 * model.InputLength), shared.AsSpan(2 * model.InputLength - 1, 2 * model.OutputLength)));
        var big = new float[x.Length + model.WorkspaceLength];
        Throws("workspace", () => model.WithWorkspace(big.AsSpan(0, x.Length), y, big.AsSpan(x.Length - 1, model.WorkspaceLength)));
        Assert.All(y, v => Assert.Equal(42f, v));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Forward_allocates_nothing_once_warm(string name)
    {
        var model = Get(name);
        var x = new float[3 * model.InputLength];
        var y = new float[3 * model.OutputLength];
        var workspace = new float[model.WorkspaceLength];
        model.Forward(x, y);
        model.Forward(x, y);
        model.WithWorkspace(x, y, workspace);
        // A background GC that starts during the calls retires this thread's allocation context and counts its unused
        // rest (up to one ~8 KB quantum) as allocated: the least of a few tries, as a real per-call allocation shows in each.
        var least = long.MaxValue;
        for (var attempt = 0; attempt < 3 && least != 0; attempt++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            model.Forward(x, y);
            model.WithWorkspace(x, y, workspace);
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, least);
    }

    [Fact]
    public void Many_threads_get_the_single_threaded_result_bit_for_bit()
    {
        var results = new List<(Model Model, float[] X, float[] Y)>();
        foreach (var model in All)
        {
            var fx = Load(model.Fixture);
            var x = fx.Inputs.SelectMany(r => r).ToArray();
            var y = new float[fx.Inputs.Length * model.OutputLength];
            model.Forward(x, y);
            results.Add((model, x, y));
        }

        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var (model, x, expected) = results[i % results.Count];
            var y = new float[expected.Length];
            model.Forward(x, y);
            Assert.Equal(expected, y);
        });
    }
}
