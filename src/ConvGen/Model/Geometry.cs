using System;

namespace ConvGen.Model;

/// <summary>
/// The one index map every member is derived from (the seed's M_{s,t}), in "gather" form:
/// each <em>destination</em> element (u, v, w) reads, through kernel tap (il, p, q), the <em>source</em> element
/// (SourceChannel(u, il), SourceRow(v, p), SourceCol(w, q)) times weight WeightIndex(u, il, p, q).
/// <list type="bullet">
/// <item>[Conv2D]: destination = the output, source = the input; Forward gathers, Transpose scatters.</item>
/// <item>[ConvTranspose2D]: destination = the input, source = the output (its "dual" convolution has the very
/// same weight layout C × D/G × P × Q); Forward scatters, Transpose gathers.</item>
/// </list>
/// Padding modes other than zeros map a padded coordinate back onto an interior one (PyTorch's F.pad),
/// so one source element can be reached by several taps of one destination element.
/// </summary>
internal sealed class Geometry
{
    public Geometry(LayerSpec spec)
    {
        Spec = spec;
        var s = spec;
        var transposed = s.Kind != LayerKind.Conv2D;
        OutH = (int)new Axis(s.H, s.P, s.StrideH, s.DilationH, s.PadTop, s.PadBottom, s.OutputPaddingH).Output(transposed);
        OutW = (int)new Axis(s.W, s.Q, s.StrideW, s.DilationW, s.PadLeft, s.PadRight, s.OutputPaddingW).Output(transposed);
        if (!transposed)
        {
            DestC = s.D; DestH = OutH; DestW = OutW;
            SrcC = s.C; SrcH = s.H; SrcW = s.W;
        }
        else
        {
            DestC = s.C; DestH = s.H; DestW = s.W;
            SrcC = s.D; SrcH = OutH; SrcW = OutW;
        }

        SrcPerGroup = SrcC / s.Groups;
        DestPerGroup = DestC / s.Groups;
        InputLength = s.C * s.H * s.W;
        OutputLength = s.D * OutH * OutW;
        WeightsLength = (s.Kind == LayerKind.Conv2D ? s.D * (s.C / s.Groups) : s.C * (s.D / s.Groups)) * s.P * s.Q;
        BiasLength = s.Bias ? s.D : 0;
        DestPlane = DestH * DestW;
        SrcPlane = SrcH * SrcW;

    }

    private int[]? _rowValid;
    private int[]? _colValid;

    /// <summary>Per tap row: destination rows on which it reads a source row (counted on first use: the
    /// transform builds a geometry each time a layer is bound again and needs only the sizes).</summary>
    private int[] RowValid => _rowValid ??= Axis.ValidCounts(Spec.P, DestH, Spec.StrideH, Spec.DilationH, Spec.PadTop, SrcH, Spec.PaddingMode == PaddingMode.Zeros);

    private int[] ColValid => _colValid ??= Axis.ValidCounts(Spec.Q, DestW, Spec.StrideW, Spec.DilationW, Spec.PadLeft, SrcW, Spec.PaddingMode == PaddingMode.Zeros);

    private long RowTotal => Axis.ValidTotal(Spec.P, DestH, Spec.StrideH, Spec.DilationH, Spec.PadTop, SrcH, Spec.PaddingMode == PaddingMode.Zeros);

    private long ColTotal => Axis.ValidTotal(Spec.Q, DestW, Spec.StrideW, Spec.DilationW, Spec.PadLeft, SrcW, Spec.PaddingMode == PaddingMode.Zeros);

    public LayerSpec Spec { get; }
    public int OutH { get; }
    public int OutW { get; }
    public int InputLength { get; }
    public int OutputLength { get; }
    public int WeightsLength { get; }
    public int BiasLength { get; }

    public int DestC { get; }
    public int DestH { get; }
    public int DestW { get; }
    public int DestPlane { get; }
    public int SrcC { get; }
    public int SrcH { get; }
    public int SrcW { get; }
    public int SrcPlane { get; }
    public int SrcPerGroup { get; }
    public int DestPerGroup { get; }
    public int DestLength => DestC * DestPlane;
    public int SrcLength => SrcC * SrcPlane;
    public int TapsPerDest => SrcPerGroup * Spec.P * Spec.Q;

    public bool IsConv => Spec.Kind == LayerKind.Conv2D;

    /// <summary>
    /// A dense layer: a forward convolution whose kernel covers its whole input at one position (no padding, one group,
    /// no mirroring unless the kernel is 1×1), so M is the weights themselves, D × (C·H·W) row-major: [Linear], and a
    /// [Conv2D] or [Conv1D] that is a fully connected layer in disguise.
    /// </summary>
    public bool IsDense => IsConv && Spec.Groups == 1 && OutH == 1 && OutW == 1 && Spec.P == Spec.H && Spec.Q == Spec.W &&
                           Spec.PadTop == 0 && Spec.PadBottom == 0 && Spec.PadLeft == 0 && Spec.PadRight == 0 &&
                           (!Spec.Flip || Spec.P * Spec.Q == 1);

    /// <summary>The padded coordinate of tap p for destination row v (before the padding is removed).</summary>
    public int PaddedRow(int v, int p) => v * Spec.StrideH + p * Spec.DilationH;

    public int PaddedCol(int w, int q) => w * Spec.StrideW + q * Spec.DilationW;

    /// <summary>Padded extent on each axis: the length of the row/column maps.</summary>
    public int PaddedHeight => PaddedRow(DestH - 1, Spec.P - 1) + 1;

    public int PaddedWidth => PaddedCol(DestW - 1, Spec.Q - 1) + 1;

    /// <summary>The taps read no padding: none on the top and left, and the padded extent ends inside the source, so
    /// padded row/column k is source row/column k and a kernel can read the source where it is.</summary>
    public bool ReadsNoPadding => Spec.PadTop == 0 && Spec.PadLeft == 0 && PaddedHeight <= SrcH && PaddedWidth <= SrcW;

    /// <summary>Source row read by tap p of destination row v, or −1 where that tap lands in zero padding.</summary>
    public int SourceRow(int v, int p) => MapPadded(PaddedRow(v, p) - Spec.PadTop, SrcH);

    public int SourceCol(int w, int q) => MapPadded(PaddedCol(w, q) - Spec.PadLeft, SrcW);

    /// <summary>Row map over padded coordinates (index: padded row, value: source row or −1).</summary>
    public int MapRow(int paddedRow) => MapPadded(paddedRow - Spec.PadTop, SrcH);

    public int MapCol(int paddedCol) => MapPadded(paddedCol - Spec.PadLeft, SrcW);

    private int MapPadded(int i, int n) => Axis.MapPadded(i, n, Spec.PaddingMode);

    public int SourceChannel(int u, int il) => u / DestPerGroup * SrcPerGroup + il;

    /// <summary>Index of tap (il, p, q) of destination channel u in the weights span (Flip mirrors p and q).</summary>
    public int WeightIndex(int u, int il, int p, int q)
    {
        var kp = Spec.Flip ? Spec.P - 1 - p : p;
        var kq = Spec.Flip ? Spec.Q - 1 - q : q;
        return ((u * SrcPerGroup + il) * Spec.P + kp) * Spec.Q + kq;
    }

    /// <summary>Kernel row of weights-span position for tap p (Flip-aware).</summary>
    public int KernelRow(int p) => Spec.Flip ? Spec.P - 1 - p : p;

    public int KernelCol(int q) => Spec.Flip ? Spec.Q - 1 - q : q;

    /// <summary>
    /// The rows v for which every tap p reads inside the source without remapping: there the
    /// looped kernels use plain offsets. Empty range when lo &gt; hi.
    /// </summary>
    public (int Lo, int Hi) InteriorRows() => Interior(DestH, Spec.StrideH, Spec.DilationH, Spec.P, Spec.PadTop, SrcH);

    public (int Lo, int Hi) InteriorCols() => Interior(DestW, Spec.StrideW, Spec.DilationW, Spec.Q, Spec.PadLeft, SrcW);

    private static (int, int) Interior(int destN, int stride, int dil, int taps, int pad, int srcN)
    {
        // v·stride − pad ≥ 0 and v·stride − pad + dil·(taps−1) ≤ srcN − 1
        var lo = (pad + stride - 1) / stride;
        var last = srcN - 1 - dil * (taps - 1) + pad;
        var hi = last < 0 ? -1 : Math.Min(destN - 1, last / stride);
        return (lo, hi);
    }

    /// <summary>Multiply-adds per sample of Forward (and of Transpose and WeightsGradient): taps that read a
    /// source element, with zero constant weights skipped.</summary>
    public long MacsPerSample()
    {
        var s = Spec;
        long total = 0;
        if (s.Weights is null)
        {
            return (long)DestC * SrcPerGroup * RowTotal * ColTotal;
        }

        for (var u = 0; u < DestC; u++)
            for (var il = 0; il < SrcPerGroup; il++)
                for (var p = 0; p < s.P; p++)
                    for (var q = 0; q < s.Q; q++)
                    {
                        if (s.Weights is { } cw && cw[WeightIndex(u, il, p, q)] == 0) continue;
                        total += (long)RowValid[p] * ColValid[q];
                    }
        return total;
    }

    /// <summary>Non-zero entries of M for generic weights: taps that reach the same source element merge into one.</summary>
    /// <summary>
    /// Non-zero entries of M for generic weights, or null where counting them would take too long at generation
    /// time. With zero padding distinct taps read distinct source elements (dilation ≥ 1), so it is the count of
    /// valid taps, in closed form; a padding mode can fold taps onto one source element, where they merge into one
    /// entry, which takes a visit of every (position, tap) pair of both axes.
    /// </summary>
    public long? MatrixNonZeros()
    {
        long rows = 0, cols = 0;
        if (Spec.PaddingMode == PaddingMode.Zeros)
        {
            rows = RowTotal;
            cols = ColTotal;
        }
        else if ((long)DestH * Spec.P + (long)DestW * Spec.Q <= 4_000_000)
        {
            for (var v = 0; v < DestH; v++)
                rows += Distinct(Spec.P, p => SourceRow(v, p));
            for (var w = 0; w < DestW; w++)
                cols += Distinct(Spec.Q, q => SourceCol(w, q));
        }
        else
        {
            return null;
        }

        return (long)DestC * SrcPerGroup * rows * cols;
    }

    private static int Distinct(int taps, Func<int, int> map)
    {
        var seen = new System.Collections.Generic.HashSet<int>();
        for (var i = 0; i < taps; i++)
            if (map(i) is var m && m >= 0) seen.Add(m);
        return seen.Count;
    }

    /// <summary>Calls <paramref name="tap"/>(weightIndex, sourceIndex) for every tap of destination element
    /// <paramref name="dest"/> that reads a source element, in (il, p, q) order.</summary>
    public void ForEachTap(int dest, Action<int, int> tap)
    {
        var u = dest / DestPlane;
        var v = dest % DestPlane / DestW;
        var w = dest % DestW;
        for (var il = 0; il < SrcPerGroup; il++)
        {
            var channelBase = SourceChannel(u, il) * SrcPlane;
            for (var p = 0; p < Spec.P; p++)
            {
                var row = SourceRow(v, p);
                if (row < 0) continue;
                for (var q = 0; q < Spec.Q; q++)
                {
                    var col = SourceCol(w, q);
                    if (col < 0) continue;
                    tap(WeightIndex(u, il, p, q), channelBase + row * SrcW + col);
                }
            }
        }
    }
}
