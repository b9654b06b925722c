using System;

namespace ConvGen.Model;

/// <summary>
/// One spatial axis of a layer, resolved: input size, kernel size, stride, dilation, padding on each side (after
/// AutoPad) and output padding (transposed layers; 0 otherwise). Each size fact of an axis is one function here, in
/// 64-bit arithmetic, so the parser can check it against <c>int</c> before anything else computes with it.
/// </summary>
internal readonly record struct Axis(int Size, int Kernel, int Stride, int Dilation, int PadBegin, int PadEnd, int OutputPadding)
{
    /// <summary>The extent one kernel covers: dilation·(kernel − 1) + 1.</summary>
    public long DilatedKernel => (long)Dilation * (Kernel - 1) + 1;

    /// <summary>The input with its padding: size + begin + end.</summary>
    public long Padded => (long)Size + PadBegin + PadEnd;

    /// <summary>
    /// The output size on this axis. Forward: floor((size + begin + end − dilation·(kernel−1) − 1) / stride) + 1 (0 where the
    /// kernel does not fit). Transposed: (size−1)·stride − begin − end + dilation·(kernel−1) + outputPadding + 1.
    /// </summary>
    public long Output(bool transposed) => transposed
        ? (long)(Size - 1) * Stride - PadBegin - PadEnd + DilatedKernel + OutputPadding
        : Padded < DilatedKernel ? 0 : (Padded - DilatedKernel) / Stride + 1;

    /// <summary>
    /// A pooling layer's output size on this axis (PyTorch's pooling_output_shape): floor, or with
    /// <paramref name="ceil"/> ceil, of (size + begin + end − dilation·(kernel−1) − 1) / stride, plus 1; in ceil mode the
    /// last window must start inside the input or the leading padding, else it is dropped. 0 where the kernel does not fit.
    /// </summary>
    public long PoolOutput(bool ceil)
    {
        var span = Padded - DilatedKernel;
        if (span < 0) return 0;
        var output = (ceil ? (span + Stride - 1) / Stride : span / Stride) + 1;
        if (ceil && (output - 1) * Stride >= (long)Size + PadBegin) output--;
        return output;
    }

    /// <summary>
    /// For each tap, how many destination positions read a source element: with zero padding, the positions x in
    /// [0, positions) with 0 ≤ x·stride + tap·dilation − begin &lt; sourceSize, counted in closed form (O(taps) whatever the
    /// sizes); every other padding mode maps every position onto the source.
    /// </summary>
    public static int[] ValidCounts(int taps, int positions, int stride, int dilation, int pad, int sourceSize, bool zeros)
    {
        var counts = new int[taps];
        for (var t = 0; t < taps; t++) counts[t] = zeros ? ValidCount(t, positions, stride, dilation, pad, sourceSize) : positions;
        return counts;
    }

    /// <summary>
    /// The sum of <see cref="ValidCounts"/> without the per-tap array (a kernel may have 2³¹ − 1 taps): a walk over the
    /// taps or over the positions, whichever is shorter, each step in closed form.
    /// </summary>
    public static long ValidTotal(int taps, int positions, int stride, int dilation, int pad, int sourceSize, bool zeros)
    {
        if (!zeros) return (long)taps * positions;
        long total = 0;
        if (taps <= positions)
        {
            for (var t = 0; t < taps; t++) total += ValidCount(t, positions, stride, dilation, pad, sourceSize);
            return total;
        }

        for (var x = 0; x < positions; x++)
        {
            var offset = (long)x * stride - pad;                                                   // source index at tap 0
            var first = Math.Max(0L, IntMath.CeilDiv(-offset, dilation));                           // smallest tap with offset + t·dilation ≥ 0
            var last = Math.Min(taps - 1L, IntMath.FloorDiv(sourceSize - 1 - offset, dilation));  // largest tap with offset + t·dilation < n
            total += Math.Max(0L, last - first + 1);
        }

        return total;
    }

    /// <summary>The positions x in [0, positions) with 0 ≤ x·stride + tap·dilation − pad &lt; sourceSize.</summary>
    private static int ValidCount(int tap, int positions, int stride, int dilation, int pad, int sourceSize)
    {
        var offset = (long)tap * dilation - pad;                                              // source index at x = 0
        var first = Math.Max(0L, IntMath.CeilDiv(-offset, stride));                            // smallest x with offset + x·stride ≥ 0
        var last = Math.Min(positions - 1L, IntMath.FloorDiv(sourceSize - 1 - offset, stride)); // largest x with offset + x·stride < n
        return (int)Math.Max(0L, last - first + 1);
    }

    /// <summary>Where padded coordinate <paramref name="i"/> (the leading padding already subtracted) reads, on an axis of
    /// <paramref name="n"/> elements: itself inside, else the padding mode's source (PyTorch's F.pad), or −1 for a zero.</summary>
    public static int MapPadded(int i, int n, PaddingMode mode)
    {
        if ((uint)i < (uint)n) return i;
        switch (mode)
        {
            case PaddingMode.Reflect:
                return i < 0 ? -i : 2 * (n - 1) - i;
            case PaddingMode.Replicate:
                return i < 0 ? 0 : n - 1;
            case PaddingMode.Circular:
                return ((i % n) + n) % n;
            default:
                return -1;
        }
    }
}

/// <summary>A pooling layer's options: the window's operation, PyTorch's <c>ceil_mode</c> and (average pooling)
/// <c>count_include_pad</c>. Values only.</summary>
internal sealed record Pooling(PoolOp Op, bool CeilMode, bool CountIncludePad)
{
    public bool Max => Op == PoolOp.Max;
}

/// <summary>
/// One declared layer: its kind, channels and spatial axes (outermost first), and the descriptors every member reads.
/// Values only. The facts (sizes, lengths) are computed here once; <see cref="Planar"/> is the two-axis layer the
/// kernels run on.
/// </summary>
internal sealed record Layer(
    LayerKind Kind,
    int C, int D,
    EquatableArray<Axis> Axes,
    int Groups,
    PaddingMode PaddingMode,
    bool Bias,
    Activation Activation,
    bool Flip,
    ElementType Element,
    EquatableArray<double>? Weights,
    UnrollMode Unroll,
    bool Residual = false,
    Pooling? Pool = null)
{
    public LayerKindInfo Info => LayerKindInfo.Of(Kind);

    public bool Transposed => Info.Transposed;

    public int Rank => Axes.Count;

    /// <summary>The output size on axis <paramref name="axis"/> (checked to fit an int by the parser).</summary>
    public int OutputSize(int axis) => Pool is { } pool ? (int)Axes[axis].PoolOutput(pool.CeilMode) : (int)Axes[axis].Output(Transposed);

    public int InputLength => (int)Product(C, a => a.Size);

    public int OutputLength
    {
        get
        {
            long n = D;
            for (var i = 0; i < Rank; i++) n *= OutputSize(i);
            return (int)n;
        }
    }

    /// <summary>The weights' leading two dimensions: D × C/Groups, or C × D/Groups for a transposed layer (PyTorch's layouts).</summary>
    public (int First, int Second) WeightsChannels => Transposed ? (C, D / Groups) : (D, C / Groups);

    public int WeightsLength => (int)Product((long)WeightsChannels.First * WeightsChannels.Second, a => a.Kernel);

    public int BiasLength => Bias ? D : 0;

    /// <summary>Elements of one output channel of one sample: the product of the output sizes.</summary>
    public int OutputPlane => OutputLength / D;

    private long Product(long first, Func<Axis, long> size)
    {
        var n = first;
        foreach (var a in Axes) n *= size(a);
        return n;
    }

    /// <summary>
    /// The planar layer the kernels run on.
    /// <list type="bullet">
    /// <item>2-D: the layer itself.</item>
    /// <item>[Linear]: a 1×1 convolution of a 1×1 input (C = inputs, D = outputs): its M is W.</item>
    /// <item>1-D: a 2-D layer with one input row and a one-row kernel (its M is the 1-D layer's M, element for element).</item>
    /// <item>3-D: the 2-D layer of one depth slice, with the kernel's depth taps as extra channels: [Conv3D] reads, for
    /// output depth t', C·R planes (channel i at input depth t'·strideT + r·dilationT − padFront), whose weights
    /// D × (C·R/Groups) × P × Q are the 3-D weights as they are laid out; [ConvTranspose3D] writes, for input depth t, D·R
    /// planes (channel u at output depth t·strideT + r·dilationT − padFront) from weights C × (D·R/Groups) × P × Q, the
    /// linear part only (bias and activation follow once every depth slice has been added). A 3-D layer's residual, and
    /// with it the activation, is applied by the slice loop too.</item>
    /// </list>
    /// </summary>
    public LayerSpec Planar
    {
        get
        {
            var kind = Transposed ? LayerKind.ConvTranspose2D : LayerKind.Conv2D;
            var one = new Axis(1, 1, 1, 1, 0, 0, 0);
            var h = Rank <= 1 ? one : Axes[Rank - 2];
            var w = Rank == 0 ? one : Axes[Rank - 1];
            var depth = Rank == 3 ? Axes[0].Kernel : 1;
            var (c, d) = Rank == 3 ? Transposed ? (C, D * depth) : (C * depth, D) : (C, D);
            // A 3-D layer's residual is added outside the planar kernels (its depth slices are strided in the output), and
            // the activation with it.
            var bias = Bias && (Rank != 3 || !Transposed);
            var activation = Rank != 3 || (!Transposed && !Residual) ? Activation : Activation.None;
            return new LayerSpec(kind, c, h.Size, w.Size, d, h.Kernel, w.Kernel, h.Stride, w.Stride, h.Dilation, w.Dilation,
                h.PadBegin, h.PadEnd, w.PadBegin, w.PadEnd, h.OutputPadding, w.OutputPadding, Groups, PaddingMode,
                bias, activation, Flip, Element, Weights, Unroll, Residual && Rank != 3);
        }
    }

    /// <summary>
    /// For each tap of axis <paramref name="axis"/>, the destination positions (output positions of a forward layer, input
    /// positions of a transposed one) that read a source element.
    /// </summary>
    public int[] ValidCounts(int axis)
    {
        var a = Axes[axis];
        var (positions, source) = Transposed ? (a.Size, OutputSize(axis)) : (OutputSize(axis), a.Size);
        return Axis.ValidCounts(a.Kernel, positions, a.Stride, a.Dilation, a.PadBegin, source, PaddingMode == PaddingMode.Zeros || Transposed);
    }

    /// <summary>The sum of <see cref="ValidCounts(int)"/>: the (position, tap) pairs of axis <paramref name="axis"/> that read a source element.</summary>
    public long ValidTotal(int axis)
    {
        var a = Axes[axis];
        var (positions, source) = Transposed ? (a.Size, OutputSize(axis)) : (OutputSize(axis), a.Size);
        return Axis.ValidTotal(a.Kernel, positions, a.Stride, a.Dilation, a.PadBegin, source, PaddingMode == PaddingMode.Zeros || Transposed);
    }

    /// <summary>
    /// Non-zero entries of M for generic weights, or null where counting them would take too long at generation time.
    /// With zero padding distinct taps read distinct source elements (dilation ≥ 1): the product over the axes of the valid
    /// taps, in closed form. A padding mode can fold taps onto one source element, where they merge into one entry: per
    /// axis, the distinct source elements of each position.
    /// </summary>
    public long? MatrixNonZeros()
    {
        long product = (long)WeightsChannels.First * WeightsChannels.Second;
        if (PaddingMode == PaddingMode.Zeros || Transposed)
        {
            for (var i = 0; i < Rank; i++) product *= ValidTotal(i);

            return product;
        }

        long visits = 0;
        for (var i = 0; i < Rank; i++) visits += (long)OutputSize(i) * Axes[i].Kernel;
        if (visits > 4_000_000) return null;
        for (var i = 0; i < Rank; i++)
        {
            var a = Axes[i];
            long sum = 0;
            var seen = new System.Collections.Generic.HashSet<int>();
            for (var x = 0; x < OutputSize(i); x++)
            {
                seen.Clear();
                for (var t = 0; t < a.Kernel; t++)
                    if (Axis.MapPadded(x * a.Stride + t * a.Dilation - a.PadBegin, a.Size, PaddingMode) is var m && m >= 0)
                        seen.Add(m);
                sum += seen.Count;
            }

            product *= sum;
        }

        return product;
    }

    /// <summary>Multiply-adds per sample of Forward (and of Transpose and WeightsGradient): taps that read a source element,
    /// zero constant weights skipped.</summary>
    public long MacsPerSample()
    {
        var (first, second) = WeightsChannels;
        if (Weights is null)
        {
            long taps = 1;
            for (var i = 0; i < Rank; i++) taps *= ValidTotal(i);
            return (long)first * second * taps;
        }

        // Constant weights: the kernel is no longer than the weights array, so a count per tap is affordable.
        var counts = new int[Rank][];
        for (var i = 0; i < Rank; i++) counts[i] = ValidCounts(i);
        var kernel = WeightsLength / ((long)first * second);
        long total = 0;
        var weights = Weights.Value;
        for (var i = 0; i < weights.Count; i++)
        {
            if (weights[i] == 0) continue;
            long product = 1;
            var k = (int)(i % kernel);
            for (var axis = Rank - 1; axis >= 0; axis--)
            {
                var size = Axes[axis].Kernel;
                var tap = k % size;
                k /= size;
                product *= counts[axis][Flip ? size - 1 - tap : tap];
            }

            total += product;
        }

        return total;
    }
}
