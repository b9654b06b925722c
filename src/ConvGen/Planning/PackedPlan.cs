using System.Collections.Generic;
using System.Linq;
using ConvGen.Model;

namespace ConvGen.Planning;

/// <summary>
/// Forward with the output channels across the vector lanes, for a [Conv2D]/[Conv1D] whose output rows are narrower
/// than the widest vector its row kernels could use (a 6×6 plane runs them on Vector128, a quarter of a Vector512).
/// The weights are read packed, [group][il][p][q][u] (each tap's weights for D/Groups output channels contiguous,
/// <c>PackWeights</c>): one vector load serves a block of output channels, each input element is a broadcast, and a
/// register tile holds <see cref="Tile"/> positions × channel vectors. The group's input channels are copied once,
/// padded, into a stack buffer (read in place where no padding is read); each block of channels goes through a stack
/// buffer [position][channel] that is written out transposed (NCHW), with the residual and then the activation.
/// </summary>
internal sealed class PackedPlan
{
    private PackedPlan(Geometry g, IReadOnlyList<int> widths)
    {
        Geometry = g;
        Widths = widths;
        PaddedHeight = g.PaddedHeight;
        PaddedWidth = g.PaddedWidth;
        InPlace = g.ReadsNoPadding;
    }

    /// <summary>No padding is read (none on the top and left, and the taps end inside the input): the kernels read the
    /// input channels where they are, with no buffer.</summary>
    public bool InPlace { get; }

    /// <summary>Elements from one row of a channel to the next where the kernels read it: the input's or the buffer's.</summary>
    public int RowStride => InPlace ? Geometry.SrcW : PaddedWidth;

    /// <summary>Elements from one input channel to the next where the kernels read it.</summary>
    public int ChannelStride => InPlace ? Geometry.SrcPlane : PaddedHeight * PaddedWidth;

    public Geometry Geometry { get; }

    /// <summary>The vector widths (bits) with a kernel, widest first: those whose lanes divide D/Groups.</summary>
    public IReadOnlyList<int> Widths { get; }

    public int PaddedHeight { get; }

    public int PaddedWidth { get; }

    /// <summary>The padded input channels of one group: Cg·PaddedHeight·PaddedWidth elements.</summary>
    public long BufferLength => InPlace ? 0 : (long)Geometry.SrcPerGroup * PaddedHeight * PaddedWidth;

    /// <summary>
    /// The packed plan of a planar layer, or null where the row kernels already use the widest vector a channel block
    /// could, or nothing fits: a gather (not transposed), looped, not dense, run-time weights, D/Groups a multiple of a
    /// Vector128's lanes, and the buffers within the stack budget.
    /// </summary>
    public static PackedPlan? Of(Geometry g, Plan plan, SimdPlan? simd, bool sliced)
    {
        var s = g.Spec;
        if (!g.IsConv || s.Flip || sliced || plan.Kernels == Strategy.Unrolled || plan.Dense || simd is null || s.Weights is not null)
            return null;
        var size = s.Element.Size;
        var widths = new[] { 512, 256, 128 }.Where(bits => g.DestPerGroup % Lanes(bits, size) == 0).ToList();
        if (widths.Count == 0) return null;
        var rows = simd.GatherWidths.Count > 0 ? simd.GatherWidths[0].Bits : 0;
        if (widths[0] <= rows) return null;
        var packed = new PackedPlan(g, widths);
        var scratch = (packed.BufferLength + widths.Max(bits => (long)g.DestPlane * packed.Block(bits))) * size;
        return scratch <= SimdPlan.MaxScratchBytes ? packed : null;
    }

    public static int Lanes(int bits, int size) => bits / 8 / size;

    public int LanesOf(int bits) => Lanes(bits, Geometry.Spec.Element.Size);

    /// <summary>Accumulators of a register tile: 24 of Vector512's 32 registers, 12 of the 16 AVX2 has.</summary>
    private static int Accumulators(int bits) => bits == 512 ? 24 : 12;

    /// <summary>Channel vectors per register tile: the largest divisor of the group's channel vectors up to 4
    /// (Vector512) or 3 (fewer loads per multiply-add the more channels share each broadcast).</summary>
    public int Vectors(int bits)
    {
        var n = Geometry.DestPerGroup / LanesOf(bits);
        for (var b = bits == 512 ? 4 : 3; b > 1; b--)
            if (n % b == 0) return b;
        return 1;
    }

    /// <summary>Output channels per block: Vectors · lanes.</summary>
    public int Block(int bits) => Vectors(bits) * LanesOf(bits);

    /// <summary>
    /// A register tile's positions: <c>Rows</c> output rows × the columns of one chunk, the row split into
    /// <c>Chunks</c> (start, width) of at most Accumulators / Vectors columns. Every offset in a tile is a constant
    /// from its first position.
    /// </summary>
    public (int Rows, IReadOnlyList<(int Start, int Width)> Chunks) Tile(int bits)
    {
        var positions = Accumulators(bits) / Vectors(bits);
        var w = Geometry.DestW;
        var count = (w + positions - 1) / positions;
        var chunks = Enumerable.Range(0, count).Select(i => (Start: i * w / count, Width: (i + 1) * w / count - i * w / count)).ToList();
        var widest = chunks.Max(c => c.Width);
        var rows = System.Math.Max(1, System.Math.Min(Geometry.DestH, positions / widest));
        return (rows, chunks);
    }

    /// <summary>
    /// Whether a kernel unrolls its taps: up to 9 taps, and while its tiles' unrolled statements (a weight load per
    /// channel vector, a broadcast and an FMA per channel vector for each position, about 8 IL instructions each) stay
    /// within <see cref="Plan.MethodIlBudget"/>; else the taps are loops over p and q.
    /// </summary>
    public bool UnrollTaps(int bits)
    {
        var s = Geometry.Spec;
        if (s.P * s.Q > 9) return false;
        var (rows, chunks) = Tile(bits);
        var nb = Vectors(bits);
        var variants = Geometry.DestH % rows == 0 ? 1 : 2;
        var statements = (long)variants * s.P * s.Q * chunks.Sum(c => nb + rows * c.Width * (1 + nb));
        return statements * 8 <= Plan.MethodIlBudget;
    }

    /// <summary>The packed index of weight (u, il, p, q): ((g·Cg + il)·P·Q + p·Q + q)·Dg + u mod Dg, g = u div Dg.</summary>
    public static int PackedIndex(Geometry g, int u, int il, int p, int q)
    {
        var s = g.Spec;
        var group = u / g.DestPerGroup;
        return ((group * g.SrcPerGroup + il) * s.P * s.Q + p * s.Q + q) * g.DestPerGroup + u % g.DestPerGroup;
    }

    /// <summary>Weights in the layer's layout (D × Cg × P × Q) → the packed layout.</summary>
    public static float[] Pack(Geometry g, IReadOnlyList<float> weights, int offset)
    {
        var s = g.Spec;
        var packed = new float[g.WeightsLength];
        var i = 0;
        for (var u = 0; u < g.DestC; u++)
            for (var il = 0; il < g.SrcPerGroup; il++)
                for (var p = 0; p < s.P; p++)
                    for (var q = 0; q < s.Q; q++)
                        packed[PackedIndex(g, u, il, p, q)] = weights[offset + i++];
        return packed;
    }
}
