using System;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace ConvGen.PeerBenchmarks;

/// <summary>One layer as a LibTorch call through TorchSharp: the input and weights are tensors made once (copies of
/// the managed arrays), the strides, paddings and dilations are arrays made once, and <see cref="Run"/> makes one
/// <c>torch.nn.functional</c> call under <c>torch.inference_mode()</c> and disposes its result.</summary>
public sealed class LibTorchRunner : IDisposable
{
    private readonly Tensor _x;
    private readonly Tensor? _w;
    private readonly Func<Tensor, Tensor?, Tensor> _op;

    /// <param name="layer">The layer as an ONNX node: its op, shapes and attributes say which LibTorch call it is.</param>
    /// <param name="input">The input (batch first, NCHW or N×inputs), copied into a tensor.</param>
    /// <param name="weights">The weights in the layout ONNX and PyTorch share, copied into a tensor (unused for pooling).</param>
    public LibTorchRunner(OnnxLayer layer, float[] input, float[] weights)
    {
        LibTorchThreads.Use(1);
        _op = Op(layer);
        _x = tensor(input, layer.InputShape);
        _w = layer.WeightsShape is null ? null : tensor(weights, layer.WeightsShape);
    }

    /// <summary>The timed call: the op under inference mode, its result tensor disposed at once (LibTorch frees it).</summary>
    public void Run()
    {
        using var mode = inference_mode();
        using var y = _op(_x, _w);
    }

    /// <summary>Runs the op once and copies its result into <paramref name="output"/> (for the correctness check).</summary>
    public void RunInto(float[] output)
    {
        using var mode = inference_mode();
        using var y = _op(_x, _w);
        if (y.numel() != output.Length) throw new InvalidOperationException($"LibTorch gave {y.numel()} outputs, expected {output.Length}");
        y.contiguous().data<float>().CopyTo(output);
    }

    /// <summary>The LibTorch call for <paramref name="layer"/>: (input, weights) → output.</summary>
    internal static Func<Tensor, Tensor?, Tensor> Op(OnnxLayer layer)
    {
        long[] Ints(string name) => layer.Attributes.Single(a => a.Name == name).Values;
        long Int(string name) => Ints(name)[0];
        long[] SymmetricPads()
        {
            var pads = Ints("pads"); // ONNX: [top, left, bottom, right]
            if (pads[0] != pads[2] || pads[1] != pads[3]) throw new NotSupportedException("LibTorch takes symmetric padding only");
            return [pads[0], pads[1]];
        }

        switch (layer.OpType)
        {
            case "Conv":
            {
                long[] strides = Ints("strides"), padding = SymmetricPads(), dilation = Ints("dilations");
                var groups = Int("group");
                return (x, w) => nn.functional.conv2d(x, w!, null, strides, padding, dilation, groups);
            }
            case "ConvTranspose":
            {
                long[] strides = Ints("strides"), padding = SymmetricPads(), outputPadding = [0, 0], dilation = Ints("dilations");
                var groups = Int("group");
                return (x, w) => nn.functional.conv_transpose2d(x, w!, null, strides, padding, outputPadding, dilation, groups);
            }
            case "Gemm" when Int("transB") == 1:
                return (x, w) => nn.functional.linear(x, w!);
            case "MaxPool":
            {
                long[] kernel = Ints("kernel_shape"), strides = Ints("strides"), padding = SymmetricPads(), dilation = Ints("dilations");
                return (x, _) => nn.functional.max_pool2d(x, kernel, strides, padding, dilation);
            }
            default:
                throw new NotSupportedException($"no LibTorch call for {layer.OpType}");
        }
    }

    public void Dispose()
    {
        _w?.Dispose();
        _x.Dispose();
    }
}

/// <summary>LibTorch's intra-op thread count. It is one number for the whole process (applied to the calling thread's
/// OpenMP setting at once, and to any other thread the first time it runs an op), so one process cannot hold a
/// one-thread and an all-cores LibTorch side by side as it holds two ORT sessions: the benchmarks set it before a
/// method's runs and check it on the thread that runs them.</summary>
public static class LibTorchThreads
{
    /// <summary>LibTorch's own default, read before anything in the process changes it (on this project's 2-core
    /// machine: 2, one per logical core).</summary>
    public static int Default { get; } = get_num_threads();

    /// <summary>Sets the count and checks it took effect on the calling thread.</summary>
    public static void Use(int threads)
    {
        if (get_num_threads() != threads) set_num_threads(threads);
        if (get_num_threads() != threads) throw new InvalidOperationException($"LibTorch runs on {get_num_threads()} threads, not {threads}");
    }
}
