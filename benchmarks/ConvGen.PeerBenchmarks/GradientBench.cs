using System;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using TorchSharp;
using static TorchSharp.torch;

namespace ConvGen.PeerBenchmarks;

/// <summary>A layer of a peer benchmark: the ONNX node whose shapes and multiply-adds it times.</summary>
public interface IPeerLayer
{
    OnnxLayer Layer { get; }
}

/// <summary>
/// One gradient member of a convolution (batch 1): ConvGen's generated <c>Transpose</c> (x = Mᵀ·y) or
/// <c>WeightsGradient</c> against LibTorch's autograd, on one thread and on its default thread count, and, where ONNX
/// Runtime has the operation, against ORT. The setup checks every element of each peer's result against ConvGen's
/// before anything is timed (the bound as in <see cref="PeerBench"/>), and throws if one is off. ConvGen's parallel
/// overload is Forward's only, so these rows have no ConvGen all-cores method.
/// </summary>
public abstract class GradientBench : IPeerLayer
{
    /// <summary>The convolution (an ONNX Conv node, batch 1) whose gradient is timed.</summary>
    public abstract OnnxLayer Layer { get; }

    /// <summary>The weights' gradient (<c>WeightsGradient</c>), or the input's (<c>Transpose</c>).</summary>
    protected abstract bool OfWeights { get; }

    /// <summary>ConvGen's member: <c>Transpose(outputGradient, weights, result)</c> or
    /// <c>WeightsGradient(input, outputGradient, result)</c>.</summary>
    protected abstract void Generated(float[] input, float[] weights, float[] outputGradient, float[] result);

    protected float[] X = [], K = [], G = [], Result = [];
    private float[] _bound = [];
    private LibTorchGradient? _torch;

    [GlobalSetup]
    public virtual void Setup()
    {
        var layer = Layer;
        var rng = new Random(42);
        float[] Fill(int n) { var a = new float[n]; for (var i = 0; i < n; i++) a[i] = (float)(rng.NextDouble() * 2 - 1); return a; }
        X = Fill(layer.InputLength);
        K = Fill(layer.WeightsLength);
        G = Fill(layer.OutputLength);
        Result = new float[OfWeights ? layer.WeightsLength : layer.InputLength];
        _torch = new LibTorchGradient(layer, X, K, G, OfWeights);
        Array.Fill(Result, float.NaN);
        ConvGen();
        _bound = new float[Result.Length];
        Generated(Array.ConvertAll(X, MathF.Abs), Array.ConvertAll(K, MathF.Abs), Array.ConvertAll(G, MathF.Abs), _bound);
        CompareLibTorch("LibTorch 1 thread");
    }

    [GlobalCleanup]
    public virtual void Cleanup()
    {
        _torch?.Dispose();
        _torch = null;
    }

    /// <summary>The setup, then LibTorch at its default thread count (checked again on it): for that method only.</summary>
    [GlobalSetup(Target = nameof(LibTorchAllCores))]
    public void SetupLibTorchAllCores()
    {
        Setup();
        LibTorchThreads.Use(LibTorchThreads.Default);
        CompareLibTorch("LibTorch all cores");
    }

    [GlobalCleanup(Target = nameof(LibTorchAllCores))]
    public void CleanupLibTorchAllCores()
    {
        LibTorchThreads.Use(1);
        Cleanup();
    }

    [Benchmark(Description = "ConvGen")]
    public void ConvGen() => Generated(X, K, G, Result);

    /// <summary>LibTorch's autograd at its default thread count (<see cref="LibTorchThreads.Default"/>).</summary>
    [Benchmark(Description = "LibTorch all cores")]
    public void LibTorchAllCores() => _torch!.Run();

    /// <summary>LibTorch's autograd on one thread (a benchmark method in each subclass, which sets the baseline).</summary>
    public void RunLibTorch() => _torch!.Run();

    private void CompareLibTorch(string peer)
    {
        var theirs = new float[Result.Length];
        Array.Fill(theirs, float.NaN);
        _torch!.RunInto(theirs);
        Compare(peer, theirs);
    }

    /// <summary>|ConvGen − peer| ≤ 1e-4·Σ|terms| + 1e-5 for every element, Σ|terms| being the member run over |x|, |w|, |g|.</summary>
    protected void Compare(string peer, float[] theirs)
    {
        for (var i = 0; i < Result.Length; i++)
        {
            var tolerance = 1e-4 * _bound[i] + 1e-5;
            if (!(Math.Abs((double)Result[i] - theirs[i]) <= tolerance))
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"{GetType().Name}: ConvGen and {peer} differ at element {i} of {Result.Length}: {Result[i]} vs {theirs[i]} (tolerance {tolerance:G3}); not timed."));
        }
    }
}

/// <summary><c>Transpose</c>: against LibTorch's autograd (the input's gradient) and ORT running a ConvTranspose node
/// with the convolution's weights (ONNX's ConvTranspose is the adjoint of its Conv), on one thread (the baseline) and
/// on every core.</summary>
public abstract class TransposeBench : GradientBench
{
    private float[] _ortOne = [], _ortAll = [];
    private OrtRunner? _one, _all;

    protected override bool OfWeights => false;

    public override void Setup()
    {
        base.Setup();
        var conv = Layer;
        var transposed = new OnnxLayer("ConvTranspose", conv.OutputShape, conv.InputShape, conv.WeightsShape, conv.Attributes);
        var model = transposed.ToModel(K);
        _ortOne = new float[Result.Length];
        _ortAll = new float[Result.Length];
        _one = new OrtRunner(model, singleThread: true, G, conv.OutputShape, _ortOne, conv.InputShape);
        _all = new OrtRunner(model, singleThread: false, G, conv.OutputShape, _ortAll, conv.InputShape);
        Array.Fill(_ortOne, float.NaN);
        Array.Fill(_ortAll, float.NaN);
        _one.Run();
        _all.Run();
        Compare("ORT 1 thread", _ortOne);
        Compare("ORT all cores", _ortAll);
    }

    public override void Cleanup()
    {
        _one?.Dispose();
        _all?.Dispose();
        _one = _all = null;
        base.Cleanup();
    }

    [Benchmark(Baseline = true, Description = "ORT 1 thread")]
    public void OrtOneThread() => _one!.Run();

    [Benchmark(Description = "ORT all cores")]
    public void OrtAllCores() => _all!.Run();

    [Benchmark(Description = "LibTorch 1 thread")]
    public void LibTorchOneThread() => RunLibTorch();
}

/// <summary><c>WeightsGradient</c>: against LibTorch's autograd (the weights' gradient) on one thread, the baseline;
/// ONNX Runtime's inference package has no gradient operator.</summary>
public abstract class WeightsGradientBench : GradientBench
{
    protected override bool OfWeights => true;

    [Benchmark(Baseline = true, Description = "LibTorch 1 thread")]
    public void LibTorchOneThread() => RunLibTorch();
}

/// <summary>
/// A convolution's gradient through LibTorch's autograd. The setup runs the forward <c>conv2d</c> once, with the operand
/// whose gradient is wanted (the input or the weights) marked <c>requires_grad</c>; each call asks autograd for that
/// gradient, given the output gradient, with <c>retain_graph</c> so the one graph serves every call. That is the
/// backward convolution a training step runs, without the forward.
/// </summary>
public sealed class LibTorchGradient : IDisposable
{
    private readonly Tensor _x, _w, _g, _y;
    private readonly Tensor[] _outputs, _inputs, _gradOutputs;

    public LibTorchGradient(OnnxLayer conv, float[] input, float[] weights, float[] outputGradient, bool ofWeights)
    {
        LibTorchThreads.Use(1);
        _x = tensor(input, conv.InputShape, requires_grad: !ofWeights);
        _w = tensor(weights, conv.WeightsShape!, requires_grad: ofWeights);
        _g = tensor(outputGradient, conv.OutputShape);
        _y = LibTorchRunner.Op(conv)(_x, _w);
        _outputs = [_y];
        _inputs = [ofWeights ? _w : _x];
        _gradOutputs = [_g];
    }

    /// <summary>The timed call: one autograd query, its result disposed at once.</summary>
    public void Run()
    {
        foreach (var t in autograd.grad(_outputs, _inputs, _gradOutputs, retain_graph: true)) t.Dispose();
    }

    /// <summary>One query, its result copied into <paramref name="result"/> (for the correctness check).</summary>
    public void RunInto(float[] result)
    {
        var grads = autograd.grad(_outputs, _inputs, _gradOutputs, retain_graph: true);
        try
        {
            if (grads[0].numel() != result.Length) throw new InvalidOperationException($"LibTorch gave {grads[0].numel()} values, expected {result.Length}");
            grads[0].contiguous().data<float>().CopyTo(result);
        }
        finally
        {
            foreach (var t in grads) t.Dispose();
        }
    }

    public void Dispose()
    {
        _y.Dispose();
        _g.Dispose();
        _w.Dispose();
        _x.Dispose();
    }
}

public class Cifar_C3H32W32_D16_3x3_Transpose : TransposeBench { public override OnnxLayer Layer => OnnxLayer.Conv(1, 3, 32, 32, 16, 3, 3); protected override void Generated(float[] x, float[] k, float[] g, float[] r) => L4Cifar.Transpose(g, k, r); }
public class Cifar_C3H32W32_D16_3x3_WeightsGradient : WeightsGradientBench { public override OnnxLayer Layer => OnnxLayer.Conv(1, 3, 32, 32, 16, 3, 3); protected override void Generated(float[] x, float[] k, float[] g, float[] r) => L4Cifar.WeightsGradient(x, g, r); }
public class Mid_C16H32W32_D32_3x3_Transpose : TransposeBench { public override OnnxLayer Layer => OnnxLayer.Conv(1, 16, 32, 32, 32, 3, 3); protected override void Generated(float[] x, float[] k, float[] g, float[] r) => L5Mid.Transpose(g, k, r); }
public class Mid_C16H32W32_D32_3x3_WeightsGradient : WeightsGradientBench { public override OnnxLayer Layer => OnnxLayer.Conv(1, 16, 32, 32, 32, 3, 3); protected override void Generated(float[] x, float[] k, float[] g, float[] r) => L5Mid.WeightsGradient(x, g, r); }
public class ResNet_C64H56W56_D64_3x3_Transpose : TransposeBench { public override OnnxLayer Layer => OnnxLayer.Conv(1, 64, 56, 56, 64, 3, 3); protected override void Generated(float[] x, float[] k, float[] g, float[] r) => L6ResNet.Transpose(g, k, r); }
public class ResNet_C64H56W56_D64_3x3_WeightsGradient : WeightsGradientBench { public override OnnxLayer Layer => OnnxLayer.Conv(1, 64, 56, 56, 64, 3, 3); protected override void Generated(float[] x, float[] k, float[] g, float[] r) => L6ResNet.WeightsGradient(x, g, r); }
