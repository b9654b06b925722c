using System;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;

namespace ConvGen.PeerBenchmarks;

/// <summary>A whole model: ConvGen's [OnnxModel] Forward against ONNX Runtime on the same .onnx file (IOBinding over
/// pinned arrays, so ORT allocates nothing per call), one thread (the baseline) and every core, batch 1 and 16. The setup
/// checks ORT's output against ConvGen's (SPEC's bound, 1e-4·(1 + max |ORT| of the sample)) before anything is timed.</summary>
public abstract class ModelBench
{
    [Params(1, 16)]
    public int Batch { get; set; }

    /// <summary>The model's file name without .onnx (in the integration tests' Models folder).</summary>
    protected abstract string File { get; }

    /// <summary>One sample's shape (the batch axis excluded) and lengths.</summary>
    protected abstract long[] SampleShape { get; }

    /// <summary>One sample's output shape (the batch axis excluded).</summary>
    protected abstract long[] OutputSampleShape { get; }

    private int OutputLength => (int)OutputSampleShape.Aggregate(1L, (a, b) => a * b);

    protected abstract void Forward(float[] input, float[] output);

    /// <summary>The parallel Forward on every core (<c>maxDegreeOfParallelism: -1</c>: ranges of samples).</summary>
    protected abstract void ForwardAllCores(float[] input, float[] output);

    private float[] _x = [], _y = [], _yOne = [], _yAll = [];
    private OrtRunner? _one, _all;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        var inputLength = (int)SampleShape.Aggregate(1L, (a, b) => a * b);
        _x = Enumerable.Range(0, Batch * inputLength).Select(_ => (float)rng.NextDouble()).ToArray();
        _y = new float[Batch * OutputLength];
        _yOne = new float[_y.Length];
        _yAll = new float[_y.Length];
        var model = System.IO.File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Models", File + ".onnx"));
        long[] inShape = [Batch, .. SampleShape];
        long[] outShape = [Batch, .. OutputSampleShape];
        _one = new OrtRunner(model, singleThread: true, _x, inShape, _yOne, outShape, "input", "output");
        _all = new OrtRunner(model, singleThread: false, _x, inShape, _yAll, outShape, "input", "output");
        var yAllCores = new float[_y.Length];
        ForwardAllCores(_x, yAllCores);
        Forward(_x, _y);
        if (!yAllCores.AsSpan().SequenceEqual(_y))
            throw new InvalidOperationException($"{File}: ConvGen on all cores differs from one thread");
        _one.Run();
        _all.Run();
        for (var s = 0; s < Batch; s++)
        {
            var scale = 1 + Enumerable.Range(s * OutputLength, OutputLength).Max(i => Math.Abs(_yOne[i]));
            for (var i = s * OutputLength; i < (s + 1) * OutputLength; i++)
                if (Math.Abs(_y[i] - _yOne[i]) > 1e-4 * scale || Math.Abs(_y[i] - _yAll[i]) > 1e-4 * scale)
                    throw new InvalidOperationException($"{File}: element {i} is {_y[i]} in ConvGen, {_yOne[i]} / {_yAll[i]} in ORT");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _one?.Dispose();
        _all?.Dispose();
        _one = _all = null;
    }

    [Benchmark(Description = "ConvGen")]
    public void ConvGen() => Forward(_x, _y);

    [Benchmark(Description = "ConvGen all cores")]
    public void ConvGenAllCores() => ForwardAllCores(_x, _y);

    [Benchmark(Baseline = true, Description = "ORT 1 thread")]
    public void OrtOneThread() => _one!.Run();

    [Benchmark(Description = "ORT all cores")]
    public void OrtAllCores() => _all!.Run();
}

[OnnxModel("digits.onnx")] public static partial class DigitsNet;
[OnnxModel("resnet_block_bn.onnx")] public static partial class ResNetBlockNet;
[OnnxModel("mobilenet_v2_bn.onnx")] public static partial class MobileNetV2Net;
[OnnxModel("kws1d_bn.onnx")] public static partial class Kws1DNet;

public class Model_Digits : ModelBench
{
    protected override string File => "digits";
    protected override long[] SampleShape => [1, 8, 8];
    protected override long[] OutputSampleShape => [10];
    protected override void Forward(float[] x, float[] y) => DigitsNet.Forward(x, y);
    protected override void ForwardAllCores(float[] x, float[] y) => DigitsNet.Forward(x, y.AsMemory(), -1);
}

public class Model_ResNetBlock : ModelBench
{
    protected override string File => "resnet_block_bn";
    protected override long[] SampleShape => [8, 12, 12];
    protected override long[] OutputSampleShape => [16, 6, 6];
    protected override void Forward(float[] x, float[] y) => ResNetBlockNet.Forward(x, y);
    protected override void ForwardAllCores(float[] x, float[] y) => ResNetBlockNet.Forward(x, y.AsMemory(), -1);
}

public class Model_MobileNetV2 : ModelBench
{
    protected override string File => "mobilenet_v2_bn";
    protected override long[] SampleShape => [8, 10, 10];
    protected override long[] OutputSampleShape => [5];
    protected override void Forward(float[] x, float[] y) => MobileNetV2Net.Forward(x, y);
    protected override void ForwardAllCores(float[] x, float[] y) => MobileNetV2Net.Forward(x, y.AsMemory(), -1);
}

public class Model_Kws1D : ModelBench
{
    protected override string File => "kws1d_bn";
    protected override long[] SampleShape => [10, 40];
    protected override long[] OutputSampleShape => [6];
    protected override void Forward(float[] x, float[] y) => Kws1DNet.Forward(x, y);
    protected override void ForwardAllCores(float[] x, float[] y) => Kws1DNet.Forward(x, y.AsMemory(), -1);
}
