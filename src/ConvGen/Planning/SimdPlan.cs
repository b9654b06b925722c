using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Model;

namespace ConvGen.Planning;

/// <summary>How the kernel taps are walked inside the channel loop.</summary>
internal enum TapLoop
{
    /// <summary>Every (p, q) unrolled.</summary>
    Unrolled,

    /// <summary>A runtime loop over p, q unrolled.</summary>
    RowLoop,

    /// <summary>Runtime loops over p and q.</summary>
    Loops,
}

/// <summary>
/// How vectors cover a row of <c>length</c> elements: one tile of up to four vectors (the last clamped so it
/// overlaps the one before), or a runtime loop over tiles of four vectors, the last tile clamped likewise. Where the
/// columns the whole tiles leave fit fewer than four vectors, the gather instead ends with a narrower tail tile
/// (<see cref="TailVectors"/>), which recomputes less than a vector of columns instead of up to four vectors'.
/// </summary>
internal sealed class Tiling
{
    public Tiling(int length, int lanes)
    {
        Length = length;
        var n = (int)IntMath.CeilDiv(length, lanes);
        if (n <= 4)
        {
            Tiles = 1;
            Offsets = new int[n];
            for (var j = 0; j < n; j++) Offsets[j] = Math.Min(j * lanes, length - lanes);
        }
        else
        {
            Offsets = new[] { 0, lanes, 2 * lanes, 3 * lanes };
            Tiles = (int)IntMath.CeilDiv(length, 4 * lanes);
            var tail = (int)IntMath.CeilDiv(length % (4 * lanes), lanes);
            TailVectors = tail < 4 ? tail : 0;
        }

        TileWidth = Offsets.Length * lanes;
    }

    /// <summary>With a runtime loop of tiles: the vectors of a narrower last tile that covers the columns after the
    /// <c>Length / TileWidth</c> whole tiles, its start clamped to <c>Length − TailVectors · lanes</c>; 0 where the
    /// last tile is a clamped whole one.</summary>
    public int TailVectors { get; }

    public int Length { get; }

    /// <summary>Vector start columns within a tile.</summary>
    public int[] Offsets { get; }

    public int Tiles { get; }

    public int TileWidth { get; }
}

/// <summary>
/// The SIMD kernels' layout for one vector width. Source rows are copied into a stack buffer, padded
/// (zeros or the padding mode's values) and split by column phase (padded column k → (k mod strideW)·PhaseLength
/// + k div strideW), so that tap q of destination column w reads buffer element TapOffset(q) + w: every kernel
/// loads contiguous vectors whatever the stride, dilation or padding.
/// </summary>
internal sealed class SimdWidth
{
    public SimdWidth(Geometry g, SimdPlan plan, int bytes, int vectorBits)
    {
        var s = g.Spec;
        ElementSize = bytes;
        Bits = vectorBits;
        Lanes = vectorBits / 8 / bytes;
        // Accumulators per register block: AVX-512 has 32 vector registers, AVX2/SSE 16.
        MaxAccumulators = vectorBits == 512 ? 24 : 12;
        Dest = new Tiling(g.DestW, Lanes);
        Phase = new Tiling(plan.PhaseLength, Lanes);

        var pq = s.P * s.Q;
        // Blocks need not divide the channel (row) count: the last block is clamped to overlap the one before;
        // the kernels that accumulate skip the overlapped part.
        // Constant weights of a small one-group layer (an image filter, say) are folded into the code.
        FoldWeights = s.Weights is not null && s.Groups == 1 && g.WeightsLength <= 256;
        // A pointwise layer's gather reads each source plane in place as one row of DestPlane positions
        // (SimdPlan.Flat): up to four vectors per tile, whatever the width of the rows.
        Flat = plan.Flat && !FoldWeights;
        FlatVectors = Math.Min(4, g.DestPlane / Lanes);
        GatherBlock = Balanced(g.DestPerGroup, MaxAccumulators / (Flat ? FlatVectors : Dest.Offsets.Length));
        // Few channels per group (depthwise) leave accumulators idle: block output rows too, when every padded row
        // is in the buffer (group mode) and the unrolled window stays within the IL budget.
        GatherRows = 1;
        if (plan.GroupMode && s.P > 1 && !FoldWeights)
        {
            // With Vector512 the tile shares 32 registers with a row's source vectors and the kernel's broadcast
            // weights (the JIT keeps up to 9 live across the tile); beyond that it spills Vector512s to a frame aligned
            // to 16 bytes only, and the time depends on where the caller's stack lies: depthwise C64 H56 W56 3×3 with
            // 4 rows of 4 vectors ran 67–124 µs as a test program shifted its stack by 16-byte steps, with 3 rows
            // 57–61 µs at every shift.
            var budget = vectorBits == 512 ? 28 - Dest.Offsets.Length - Math.Min(s.P * s.Q, 9) : MaxAccumulators;
            var rows = Math.Max(1, Math.Min(g.DestH, Math.Min(16, budget) / (GatherBlock * Dest.Offsets.Length)));
            while (rows > 1 && RowBlockCost(rows) > SimdPlan.TapIlBudget * 2) rows--;
            GatherRows = rows;
        }
        ScatterRows = Balanced(g.SrcPerGroup * s.P, MaxAccumulators / Phase.Offsets.Length);

        // WeightsGradient: per pass over the destination, each register block of UB channels × T taps costs UB
        // destination loads and T source loads (unaligned: two load slots) for UB·T FMAs. Pick the best ratio.
        // Registers: UB·T accumulators, UB destination vectors and a source vector or two.
        var registers = vectorBits == 512 ? 30 : 14;
        (TapLoop Loop, int Block, double Ratio) Option(TapLoop loop, int taps)
        {
            var block = registers / (taps + 1) < 1 ? 0 : Balanced(g.DestPerGroup, Math.Min(16, registers / (taps + 1)));
            return block < 1 ? (loop, 0, 0) : (loop, block, block * taps / (double)(block + 2 * taps));
        }

        var best = new[] { Option(TapLoop.Unrolled, pq), Option(TapLoop.RowLoop, s.Q), Option(TapLoop.Loops, 1) }
            .Where(o => o.Block > 0).OrderByDescending(o => o.Ratio).First();
        GradTaps = best.Loop;
        GradBlock = best.Block;

        int RowBlockCost(int rows)
        {
            var window = (rows - 1) * s.StrideH + (s.P - 1) * s.DilationH + 1;
            var cbn = Dest.Offsets.Length;
            return window * s.Q * cbn * 10 + rows * pq * GatherBlock * (8 + cbn * 6);
        }

        // IL estimate per tap and block: CB loads, UB broadcasts, CB·UB FMAs.
        var perTap = Dest.Offsets.Length * 10 + GatherBlock * 8 + Dest.Offsets.Length * GatherBlock * 6;
        GatherTaps = perTap * pq <= SimdPlan.TapIlBudget ? TapLoop.Unrolled
            : perTap * s.Q <= SimdPlan.TapIlBudget ? TapLoop.RowLoop
            : TapLoop.Loops;

        // The scatter unrolls every kernel column (each phase's taps) over a block of buffer rows: the same estimate
        // per tap; a wide kernel keeps the scalar kernel rather than grow the method past the JIT's limits.
        var perScatterTap = Phase.Offsets.Length * 10 + ScatterRows * 8 + Phase.Offsets.Length * ScatterRows * 6;
        ScatterTapsFit = (long)perScatterTap * s.Q <= 2L * SimdPlan.TapIlBudget;
    }

    public int ElementSize { get; }
    public int Bits { get; }
    public int Lanes { get; }
    public int MaxAccumulators { get; }

    /// <summary>Vectors over a destination row (gather, gradient).</summary>
    public Tiling Dest { get; }

    /// <summary>Vectors over one phase of a buffer row (scatter).</summary>
    public Tiling Phase { get; }

    /// <summary>Destination channels per register block (gather, gradient).</summary>
    public int GatherBlock { get; }

    /// <summary>Forward folds the constant weights: immediates, zero taps skipped.</summary>
    public bool FoldWeights { get; }

    /// <summary>The gather reads the source planes in place, each one row of DestPlane positions (<see cref="SimdPlan.Flat"/>).</summary>
    public bool Flat { get; }

    /// <summary>Vectors per tile of the flat gather: four, or as many as the plane holds.</summary>
    public int FlatVectors { get; }

    /// <summary>Output rows that a row range of the gather starts at multiples of: the register block's rows, or (flat) the
    /// rows that hold one whole tile, so that every range has a tile's positions.</summary>
    public int RowBlock(Geometry g) => Flat ? (int)IntMath.CeilDiv(FlatVectors * Lanes, g.DestW) : GatherRows;

    /// <summary>Output rows per register block of the gather kernel (1: one row at a time).</summary>
    public int GatherRows { get; }
    public int GradBlock { get; }

    /// <summary>Buffer rows (source channel, kernel row) per register block (scatter).</summary>
    public int ScatterRows { get; }

    public TapLoop GatherTaps { get; }

    /// <summary>The scatter's unrolled taps fit the IL budget at this width.</summary>
    public bool ScatterTapsFit { get; }
    public TapLoop GradTaps { get; }

    public string Vector => "global::System.Runtime.Intrinsics.Vector" + Bits;

    /// <summary>The block size at most <paramref name="max"/> that splits <paramref name="n"/> into the fewest, most even blocks.</summary>
    private static int Balanced(int n, int max)
    {
        max = Math.Max(1, Math.Min(n, max));
        var blocks = (n + max - 1) / max;
        return (n + blocks - 1) / blocks;
    }
}

/// <summary>The row buffer of the gather and scatter kernels: per output row (rows (il, p)) or per group (all padded rows).</summary>
internal sealed record BufferLayout(long Length, int IlStride, int PStride, int VStride, int RowStride);

/// <summary>Whether a layer gets SIMD kernels, and their stack scratch (within a documented bound).</summary>
internal sealed class SimdPlan
{
    /// <summary>Stack scratch of one kernel call at most (bytes): rows for Forward/Transpose, one padded
    /// source channel for WeightsGradient. Above it that member keeps the looped scalar kernel.</summary>
    public const int MaxScratchBytes = 256 * 1024;

    /// <summary>Estimated IL instructions of the unrolled taps of one channel iteration.</summary>
    public const int TapIlBudget = 2500;

    public SimdPlan(Geometry g)
    {
        var s = g.Spec;
        var bytes = s.Element.Size;
        PaddedWidth = g.PaddedWidth;
        PhaseLength = (PaddedWidth + s.StrideW - 1) / s.StrideW;
        RowStride = PhaseLength * s.StrideW;
        RowBufferLength = (long)g.SrcPerGroup * s.P * RowStride;
        ChannelBufferLength = (long)g.PaddedHeight * RowStride;
        MaxShift = (s.Q - 1) * s.DilationW / s.StrideW;
        DestRowLength = MaxShift + PhaseLength;
        DestRowsLength = (long)g.DestPerGroup * DestRowLength;
        GroupBufferLength = (long)g.SrcPerGroup * g.PaddedHeight * RowStride;
        GroupMode = GroupBufferLength * bytes <= MaxScratchBytes / 2;
        // 1×1, stride 1, no padding: destination position k reads source position k of every channel, so the planes
        // are read where they are, as one row each.
        Flat = s.P == 1 && s.Q == 1 && s.StrideH == 1 && s.StrideW == 1 && s.PadTop == 0 && s.PadBottom == 0 &&
               s.PadLeft == 0 && s.PadRight == 0 && g.DestPlane == g.SrcPlane;
        Buffer = GroupMode
            ? new BufferLayout(GroupBufferLength, g.PaddedHeight * RowStride, s.DilationH * RowStride, s.StrideH * RowStride, RowStride)
            : new BufferLayout(RowBufferLength, s.P * RowStride, RowStride, 0, RowStride);
        // No padding is read and the columns are not split into stride phases: the padded rows are the source's rows,
        // so the gather reads the source channels where they are (the group layout with the source's strides).
        Direct = s.StrideW == 1 && g.ReadsNoPadding;
        GatherBuffer = Direct ? new BufferLayout(0, g.SrcPlane, s.DilationH * g.SrcW, s.StrideH * g.SrcW, g.SrcW) : Buffer;
        var widths = new List<SimdWidth>();
        foreach (var bits in new[] { 512, 256, 128 })
            if (g.DestW >= bits / 8 / bytes)
                widths.Add(new SimdWidth(g, this, bytes, bits));
        Widths = widths;
        // The flat gather needs only a plane of a vector or more, not a row: it may have widths the others lack.
        IReadOnlyList<SimdWidth> flatWidths = Flat
            ? new[] { 512, 256, 128 }.Where(bits => g.DestPlane >= bits / 8 / bytes)
                .Select(bits => widths.FirstOrDefault(x => x.Bits == bits) ?? new SimdWidth(g, this, bytes, bits))
                .Where(x => x.Flat).ToList()
            : Array.Empty<SimdWidth>();
        RowsFit = Buffer.Length * bytes <= MaxScratchBytes;
        ScatterFits = (Buffer.Length + DestRowsLength) * bytes <= MaxScratchBytes;
        ChannelFits = ChannelBufferLength * bytes <= MaxScratchBytes;
        GatherWidths = flatWidths.Count > 0 ? flatWidths : RowsFit ? Widths : Array.Empty<SimdWidth>();
        ScatterWidths = ScatterFits ? Widths.Where(w => w.ScatterTapsFit).ToList() : Array.Empty<SimdWidth>();
        GradientWidths = ChannelFits ? Widths : Array.Empty<SimdWidth>();
    }

    public int PaddedWidth { get; }
    public int PhaseLength { get; }
    public int RowStride { get; }
    public long RowBufferLength { get; }
    public long ChannelBufferLength { get; }
    public IReadOnlyList<SimdWidth> Widths { get; }
    public bool RowsFit { get; }

    /// <summary>A pointwise layer (1×1 kernel, stride 1, no padding): the gather needs no buffer and reads each source
    /// plane in place as one row (<see cref="SimdWidth.Flat"/>, unless the weights are folded).</summary>
    public bool Flat { get; }

    /// <summary>The padded rows of a whole group fit (in half the scratch budget): filled once per group, not per output row.</summary>
    public bool GroupMode { get; }

    public long GroupBufferLength { get; }

    /// <summary>Where buffer row (il, p) of output row v lives: il·IlStride + p·PStride + v·VStride.</summary>
    public BufferLayout Buffer { get; }

    /// <summary>The gather reads no padding and no stride phases (<see cref="GatherBuffer"/> is the source itself).</summary>
    public bool Direct { get; }

    /// <summary>The rows the gather reads: <see cref="Buffer"/>, or with <see cref="Direct"/> the source's own
    /// channels (length 0: nothing is copied).</summary>
    public BufferLayout GatherBuffer { get; }
    public bool ScatterFits { get; }

    /// <summary>The largest TapOffset within a phase: (Q−1)·dilationW div strideW.</summary>
    public int MaxShift { get; }

    /// <summary>Scatter: one destination row, zero-padded by MaxShift on the left and up to PhaseLength on the right.</summary>
    public int DestRowLength { get; }

    public long DestRowsLength { get; }
    public bool ChannelFits { get; }

    /// <summary>The widths that get a gather kernel ([Conv2D] Forward, [ConvTranspose2D] Transpose): its row
    /// buffer fits the stack budget.</summary>
    public IReadOnlyList<SimdWidth> GatherWidths { get; }

    /// <summary>Every width some vector kernel runs at (their FMA helpers).</summary>
    public IEnumerable<SimdWidth> AllWidths => Widths.Concat(GatherWidths.Where(x => Widths.All(y => y.Bits != x.Bits)));

    /// <summary>The widths that get a scatter kernel ([Conv2D] Transpose, [ConvTranspose2D] Forward): the row
    /// buffer and the destination rows fit the stack budget, and its unrolled taps the IL budget.</summary>
    public IReadOnlyList<SimdWidth> ScatterWidths { get; }

    /// <summary>The widths that get a WeightsGradient kernel: one padded source channel fits the stack budget.</summary>
    public IReadOnlyList<SimdWidth> GradientWidths { get; }

    public bool Gather => GatherWidths.Count > 0;
    public bool Scatter => ScatterWidths.Count > 0;
    public bool Gradient => GradientWidths.Count > 0;

    /// <summary>Buffer position of tap q relative to destination column w (padded column w·strideW + q·dilationW).</summary>
    public int TapOffset(LayerSpec s, int q) => TapPhase(s, q) * PhaseLength + TapShift(s, q);

    public static int TapPhase(LayerSpec s, int q) => q * s.DilationW % s.StrideW;

    public static int TapShift(LayerSpec s, int q) => q * s.DilationW / s.StrideW;
}
