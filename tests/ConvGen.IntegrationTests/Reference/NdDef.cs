using System;
using System.Collections.Generic;
using System.Linq;

namespace ConvGen.IntegrationTests;

/// <summary>
/// The geometry of one 1-D or 3-D layer, written out by hand (padding resolved per side), with its own
/// plain N-D loops for the linear part: PyTorch's conv1d/conv3d (gather on the padded input) and
/// conv_transpose1d/3d (scatter). Shares nothing with the generator. Axes are ordered as the layout
/// (depth, height, width for 3-D; width alone for 1-D).
/// </summary>
public sealed record NdDef : IRefLayer
{
    private static readonly string[] Nouns3 = ["Depth", "Height", "Width"];

    /// <summary>A layer of any rank from 1 to 3 (2-D too, as a cross-check of <see cref="LayerDef"/>'s loops).</summary>
    public NdDef(bool transposed, int c, int d, int[] size, int[] kernel)
    {
        Transposed = transposed;
        C = c;
        D = d;
        Size = size;
        Kernel = kernel;
        int rank = size.Length;
        Stride = Ones(rank);
        Dilation = Ones(rank);
        PadBegin = new int[rank];
        PadEnd = new int[rank];
        OutPad = new int[rank];
    }

    public bool Transposed { get; }

    public int C { get; }

    public int D { get; }

    public int[] Size { get; }

    public int[] Kernel { get; }

    public int[] Stride { get; init; }

    public int[] Dilation { get; init; }

    public int[] PadBegin { get; init; }

    public int[] PadEnd { get; init; }

    public int[] OutPad { get; init; }

    public int Groups { get; init; } = 1;

    public RefPaddingMode PaddingMode { get; init; } = RefPaddingMode.Zeros;

    public bool Bias { get; init; }

    public bool Relu { get; init; }

    public bool Flip { get; init; }

    public int Rank => Size.Length;

    public int[] Out => [.. Enumerable.Range(0, Rank).Select(OutSize)];

    public int InputLength => C * Product(Size);

    public int OutputPlane => Product(Out);

    public int OutputLength => D * OutputPlane;

    /// <summary>Conv: D × C/G × kernel; transposed: C × D/G × kernel.</summary>
    public int WeightsLength => (Transposed ? C * (D / Groups) : D * (C / Groups)) * Product(Kernel);

    public int BiasLength => Bias ? D : 0;

    public IReadOnlyList<(string Name, int Value)> Constants
    {
        get
        {
            string[] nouns = Nouns3[(3 - Rank)..];
            int[] o = Out;
            var list = new List<(string, int)> { ("InputChannels", C) };
            list.AddRange(nouns.Select((n, i) => ("Input" + n, Size[i])));
            list.Add(("OutputChannels", D));
            list.AddRange(nouns.Select((n, i) => ("Output" + n, o[i])));
            list.AddRange(nouns.Select((n, i) => ("Kernel" + n, Kernel[i])));
            list.AddRange([("InputLength", InputLength), ("OutputLength", OutputLength), ("WeightsLength", WeightsLength), ("BiasLength", BiasLength)]);
            return list;
        }
    }

    public static NdDef Conv1(int c, int w, int d, int q) => new(false, c, d, [w], [q]);

    public static NdDef Transposed1(int c, int w, int d, int q) => new(true, c, d, [w], [q]);

    public static NdDef Conv3(int c, int t, int h, int w, int d, int r, int p, int q) => new(false, c, d, [t, h, w], [r, p, q]);

    public static NdDef Transposed3(int c, int t, int h, int w, int d, int r, int p, int q) => new(true, c, d, [t, h, w], [r, p, q]);

    /// <summary>The same value on every axis.</summary>
    public int[] All(int value) => [.. Enumerable.Repeat(value, Rank)];

    public double[] ForwardLinear(double[] x, double[] w)
    {
        if (x.Length != InputLength || w.Length != WeightsLength)
        {
            throw new InvalidOperationException("Reference misuse: ForwardLinear: bad lengths");
        }

        return Transposed ? Scatter(x, w) : Gather(x, w);
    }

    public override string ToString() =>
        $"{(Transposed ? "ConvTranspose" : "Conv")}{Rank}D(C={C}, in=[{string.Join(",", Size)}], D={D}, k=[{string.Join(",", Kernel)}])";

    private static int[] Ones(int rank) => [.. Enumerable.Repeat(1, rank)];

    private static int Product(int[] a) => a.Aggregate(1, (p, v) => p * v);

    /// <summary>Row-major position of a multi-index in a box of the given sizes.</summary>
    private static int Flat(int[] index, int[] sizes)
    {
        int flat = 0;
        for (int a = 0; a < sizes.Length; a++)
        {
            flat = flat * sizes[a] + index[a];
        }

        return flat;
    }

    /// <summary>Every multi-index of a box of the given sizes, in row-major order.</summary>
    private static IEnumerable<int[]> Box(int[] sizes)
    {
        int count = Product(sizes);
        for (int flat = 0; flat < count; flat++)
        {
            var index = new int[sizes.Length];
            int rest = flat;
            for (int a = sizes.Length - 1; a >= 0; a--)
            {
                index[a] = rest % sizes[a];
                rest /= sizes[a];
            }

            yield return index;
        }
    }

    private int OutSize(int a)
    {
        int span = Dilation[a] * (Kernel[a] - 1);
        if (Transposed)
        {
            return (Size[a] - 1) * Stride[a] - PadBegin[a] - PadEnd[a] + span + OutPad[a] + 1;
        }

        int extent = Size[a] + PadBegin[a] + PadEnd[a] - span - 1;
        if (extent < 0)
        {
            throw new InvalidOperationException($"{this}: empty output");
        }

        return extent / Stride[a] + 1;
    }

    private int KernelTap(int[] tap)
    {
        int[] k = Flip ? [.. tap.Select((v, a) => Kernel[a] - 1 - v)] : tap;
        return Flat(k, Kernel);
    }

    private double[] Gather(double[] x, double[] w)
    {
        int cg = C / Groups, dg = D / Groups, taps = Product(Kernel), inPlane = Product(Size);
        int[] o = Out;
        var y = new double[OutputLength];
        foreach (int[] pos in Box(o))
        {
            foreach (int[] tap in Box(Kernel))
            {
                // The input position this tap reads, through the padding mode on every axis (−1: a zero).
                var source = new int[Rank];
                bool zero = false;
                for (int a = 0; a < Rank; a++)
                {
                    source[a] = ReferenceConv.SourceIndex(pos[a] * Stride[a] + tap[a] * Dilation[a] - PadBegin[a], Size[a], PaddingMode);
                    zero |= source[a] < 0;
                }

                if (zero)
                {
                    continue;
                }

                int from = Flat(source, Size), k = KernelTap(tap), to = Flat(pos, o);
                for (int u = 0; u < D; u++)
                {
                    int group = u / dg;
                    for (int ci = 0; ci < cg; ci++)
                    {
                        y[u * OutputPlane + to] += x[(group * cg + ci) * inPlane + from] * w[(u * cg + ci) * taps + k];
                    }
                }
            }
        }

        return y;
    }

    private double[] Scatter(double[] x, double[] w)
    {
        if (PaddingMode != RefPaddingMode.Zeros)
        {
            throw new InvalidOperationException("Reference misuse: a transposed convolution pads with zeros only");
        }

        int cg = C / Groups, dg = D / Groups, taps = Product(Kernel), inPlane = Product(Size);
        int[] o = Out;
        var y = new double[OutputLength];
        foreach (int[] pos in Box(Size))
        {
            foreach (int[] tap in Box(Kernel))
            {
                var target = new int[Rank];
                bool outside = false;
                for (int a = 0; a < Rank; a++)
                {
                    target[a] = pos[a] * Stride[a] - PadBegin[a] + tap[a] * Dilation[a];
                    outside |= target[a] < 0 || target[a] >= o[a];
                }

                if (outside)
                {
                    continue;
                }

                int from = Flat(pos, Size), k = KernelTap(tap), to = Flat(target, o);
                for (int i = 0; i < C; i++)
                {
                    int group = i / cg;
                    for (int ol = 0; ol < dg; ol++)
                    {
                        y[(group * dg + ol) * OutputPlane + to] += x[i * inPlane + from] * w[(i * dg + ol) * taps + k];
                    }
                }
            }
        }

        return y;
    }
}
