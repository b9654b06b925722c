using System;
using System.Globalization;
using BenchmarkDotNet.Attributes;

namespace ConvGen.PeerBenchmarks;

/// <summary>One layer's Forward: ConvGen against ONNX Runtime on one thread (the baseline) and on every core, and against
/// LibTorch (TorchSharp) on one thread and on its default thread count, on the same random input and weights. The setup
/// checks every output element of both ORT sessions and of LibTorch against ConvGen's before anything is timed, and
/// throws if one is off.</summary>
public abstract class PeerBench : IPeerLayer
{
    /// <summary>The layer as an ONNX node (shapes, attributes), batch included.</summary>
    public abstract OnnxLayer Layer { get; }

    /// <summary>ConvGen's generated Forward over the whole batch (<paramref name="weights"/> is empty for pooling).</summary>
    protected abstract void Forward(float[] input, float[] weights, float[] output);

    /// <summary>ConvGen's parallel Forward on every core (<c>maxDegreeOfParallelism: -1</c>); pooling has none and runs Forward.</summary>
    protected virtual void ForwardAllCores(float[] input, float[] weights, float[] output) => Forward(input, weights, output);

    private float[] _x = [], _k = [], _y = [], _yOne = [], _yAll = [], _bound = [];
    private OrtRunner? _one, _all;
    private LibTorchRunner? _torch;

    [GlobalSetup]
    public void Setup()
    {
        var layer = Layer;
        var rng = new Random(42);
        float[] Fill(int n) { var a = new float[n]; for (var i = 0; i < n; i++) a[i] = (float)(rng.NextDouble() * 2 - 1); return a; }
        _x = Fill(layer.InputLength);
        _k = Fill(layer.WeightsLength);
        _y = new float[layer.OutputLength];
        _yOne = new float[layer.OutputLength];
        _yAll = new float[layer.OutputLength];
        var model = layer.ToModel(layer.WeightsShape is null ? null : _k);
        _one = new OrtRunner(model, singleThread: true, _x, layer.InputShape, _yOne, layer.OutputShape);
        _all = new OrtRunner(model, singleThread: false, _x, layer.InputShape, _yAll, layer.OutputShape);
        _torch = new LibTorchRunner(layer, _x, _k);
        Verify();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _one?.Dispose();
        _all?.Dispose();
        _torch?.Dispose();
        _one = _all = null;
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
    public void ConvGen() => Forward(_x, _k, _y);

    [Benchmark(Description = "ConvGen all cores")]
    public void ConvGenAllCores() => ForwardAllCores(_x, _k, _y);

    [Benchmark(Baseline = true, Description = "ORT 1 thread")]
    public void OrtOneThread() => _one!.Run();

    [Benchmark(Description = "ORT all cores")]
    public void OrtAllCores() => _all!.Run();

    [Benchmark(Description = "LibTorch 1 thread")]
    public void LibTorchOneThread() => _torch!.Run();

    /// <summary>The same call at LibTorch's default thread count (<see cref="LibTorchThreads.Default"/>).</summary>
    [Benchmark(Description = "LibTorch all cores")]
    public void LibTorchAllCores() => _torch!.Run();

    /// <summary>Runs ConvGen (both ways), both ORT sessions and LibTorch once on outputs filled with NaN and compares every element:
    /// |ConvGen − peer| ≤ 1e-4·Σ|terms| + 1e-5, where Σ|terms| (per output, Σ|x·w|) is the same layer run over |x| and |w|.</summary>
    private void Verify()
    {
        Array.Fill(_y, float.NaN);
        Array.Fill(_yOne, float.NaN);
        Array.Fill(_yAll, float.NaN);
        var yAllCores = new float[_y.Length];
        ForwardAllCores(_x, _k, yAllCores);
        ConvGen();
        if (!yAllCores.AsSpan().SequenceEqual(_y))
            throw new InvalidOperationException($"{GetType().Name}: ConvGen on all cores differs from one thread; not timed.");
        OrtOneThread();
        OrtAllCores();
        _bound = new float[_y.Length];
        Forward(Array.ConvertAll(_x, MathF.Abs), Array.ConvertAll(_k, MathF.Abs), _bound);
        Compare("ORT 1 thread", _yOne);
        Compare("ORT all cores", _yAll);
        CompareLibTorch("LibTorch 1 thread");
    }

    private void CompareLibTorch(string peer)
    {
        var yTorch = new float[_y.Length];
        Array.Fill(yTorch, float.NaN);
        _torch!.RunInto(yTorch);
        Compare(peer, yTorch);
    }

    private void Compare(string peer, float[] theirs)
    {
        var bound = _bound;
        for (var i = 0; i < _y.Length; i++)
        {
            var tolerance = 1e-4 * bound[i] + 1e-5;
            if (!(Math.Abs((double)_y[i] - theirs[i]) <= tolerance))
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"{GetType().Name}: ConvGen and {peer} differ at output {i} of {_y.Length}: {_y[i]} vs {theirs[i]} (tolerance {tolerance:G3}); not timed."));
        }
    }
}

public class Tiny_C1H3W3_D2_2x2 : PeerBench { public override OnnxLayer Layer => OnnxLayer.Conv(1, 1, 3, 3, 2, 2, 2); protected override void Forward(float[] x, float[] k, float[] y) => L1Tiny.Forward(x, k, y); protected override void ForwardAllCores(float[] x, float[] k, float[] y) => L1Tiny.Forward(x, k, y.AsMemory(), -1); }
public class Seed_C1H4W4_D1_3x3 : PeerBench { public override OnnxLayer Layer => OnnxLayer.Conv(1, 1, 4, 4, 1, 3, 3); protected override void Forward(float[] x, float[] k, float[] y) => L2Seed.Forward(x, k, y); protected override void ForwardAllCores(float[] x, float[] k, float[] y) => L2Seed.Forward(x, k, y.AsMemory(), -1); }
public class Mnist_C1H28W28_D8_5x5 : PeerBench { public override OnnxLayer Layer => OnnxLayer.Conv(1, 1, 28, 28, 8, 5, 5); protected override void Forward(float[] x, float[] k, float[] y) => L3Mnist.Forward(x, k, y); protected override void ForwardAllCores(float[] x, float[] k, float[] y) => L3Mnist.Forward(x, k, y.AsMemory(), -1); }
public class Cifar_C3H32W32_D16_3x3 : PeerBench { public override OnnxLayer Layer => OnnxLayer.Conv(1, 3, 32, 32, 16, 3, 3); protected override void Forward(float[] x, float[] k, float[] y) => L4Cifar.Forward(x, k, y); protected override void ForwardAllCores(float[] x, float[] k, float[] y) => L4Cifar.Forward(x, k, y.AsMemory(), -1); }
public class Mid_C16H32W32_D32_3x3 : PeerBench { public override OnnxLayer Layer => OnnxLayer.Conv(1, 16, 32, 32, 32, 3, 3); protected override void Forward(float[] x, float[] k, float[] y) => L5Mid.Forward(x, k, y); protected override void ForwardAllCores(float[] x, float[] k, float[] y) => L5Mid.Forward(x, k, y.AsMemory(), -1); }
public class ResNet_C64H56W56_D64_3x3 : PeerBench { public override OnnxLayer Layer => OnnxLayer.Conv(1, 64, 56, 56, 64, 3, 3); protected override void Forward(float[] x, float[] k, float[] y) => L6ResNet.Forward(x, k, y); protected override void ForwardAllCores(float[] x, float[] k, float[] y) => L6ResNet.Forward(x, k, y.AsMemory(), -1); }
public class Pointwise_C64H28W28_D128_1x1 : PeerBench { public override OnnxLayer Layer => OnnxLayer.Conv(1, 64, 28, 28, 128, 1, 1); protected override void Forward(float[] x, float[] k, float[] y) => L7Pointwise.Forward(x, k, y); protected override void ForwardAllCores(float[] x, float[] k, float[] y) => L7Pointwise.Forward(x, k, y.AsMemory(), -1); }
public class Stem_C3H224W224_D64_7x7s2 : PeerBench { public override OnnxLayer Layer => OnnxLayer.Conv(1, 3, 224, 224, 64, 7, 7, stride: 2); protected override void Forward(float[] x, float[] k, float[] y) => L8Stem.Forward(x, k, y); protected override void ForwardAllCores(float[] x, float[] k, float[] y) => L8Stem.Forward(x, k, y.AsMemory(), -1); }
public class Strided_C16H32W32_D32_3x3s2p1 : PeerBench { public override OnnxLayer Layer => OnnxLayer.Conv(1, 16, 32, 32, 32, 3, 3, stride: 2, padding: 1); protected override void Forward(float[] x, float[] k, float[] y) => Strided.Forward(x, k, y); protected override void ForwardAllCores(float[] x, float[] k, float[] y) => Strided.Forward(x, k, y.AsMemory(), -1); }
public class Depthwise_C64H56W56_3x3p1 : PeerBench { public override OnnxLayer Layer => OnnxLayer.Conv(1, 64, 56, 56, 64, 3, 3, padding: 1, groups: 64); protected override void Forward(float[] x, float[] k, float[] y) => Depthwise.Forward(x, k, y); protected override void ForwardAllCores(float[] x, float[] k, float[] y) => Depthwise.Forward(x, k, y.AsMemory(), -1); }
public class Upsample_T_C32H16W16_D16_4x4s2p1 : PeerBench { public override OnnxLayer Layer => OnnxLayer.ConvTranspose(1, 32, 16, 16, 16, 4, 4, stride: 2, padding: 1); protected override void Forward(float[] x, float[] k, float[] y) => Upsample.Forward(x, k, y); protected override void ForwardAllCores(float[] x, float[] k, float[] y) => Upsample.Forward(x, k, y.AsMemory(), -1); }
public class Linear_1024x256 : PeerBench { public override OnnxLayer Layer => OnnxLayer.Gemm(1, 1024, 256); protected override void Forward(float[] x, float[] k, float[] y) => Fc1024x256.Forward(x, k, y); protected override void ForwardAllCores(float[] x, float[] k, float[] y) => Fc1024x256.Forward(x, k, y.AsMemory(), -1); }
public class Linear_1024x256_Batch64 : PeerBench { public override OnnxLayer Layer => OnnxLayer.Gemm(64, 1024, 256); protected override void Forward(float[] x, float[] k, float[] y) => Fc1024x256.Forward(x, k, y); protected override void ForwardAllCores(float[] x, float[] k, float[] y) => Fc1024x256.Forward(x, k, y.AsMemory(), -1); }
public class Pool_Digits_MaxPool2x2 : PeerBench { public override OnnxLayer Layer => OnnxLayer.MaxPool(1, 16, 8, 8, 2, 2); protected override void Forward(float[] x, float[] k, float[] y) => DigitsPool.Forward(x, y); }
