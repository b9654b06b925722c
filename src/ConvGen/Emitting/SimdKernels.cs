using System.Collections.Generic;
using System.Linq;
using ConvGen.Model;
using ConvGen.Planning;

namespace ConvGen.Emitting;

/// <summary>
/// Vector kernels (Vector512, Vector256 and Vector128 variants, chosen by <c>IsHardwareAccelerated</c>, which the JIT
/// folds to a constant). The index map's source rows that one destination row reads are copied into a stack buffer
/// (<see cref="SimdPlan"/>): padded, phase-split by stride, so each tap is a contiguous vector load. Register blocks
/// hold several destination channels × up to four vectors of a row; weights are broadcast; FMA throughout.
/// <list type="bullet">
/// <item>Gather (Forward of [Conv2D], Transpose of [ConvTranspose2D]): accumulators in registers, stored once.</item>
/// <item>Scatter (the other direction): the destination vectors stay in registers and FMA into the row buffer,
/// which is then added back into the source rows (the exact adjoint of the fill, padding modes included).</item>
/// <item>WeightsGradient: one padded source channel in a buffer; accumulators per (channel, tap), summed across lanes.</item>
/// </list>
/// </summary>
internal static partial class SimdKernels
{
    internal const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
    internal const string Marshal = "global::System.Runtime.InteropServices.MemoryMarshal";

    /// <summary>Kernels and their helpers are compiled optimized on first call: tier-0 code in a helper called
    /// thousands of times per call would otherwise dominate until tiering catches up.</summary>
    public const string Optimized = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]";

    /// <summary>The helpers the vector kernels share: row fill and flush, a vectorized add, and FMA for each width.</summary>
    public static void EmitHelpers(SourceWriter w, KernelContext ctx, SimdPlan plan)
    {
        var row = new RowCopy(ctx, plan);
        EmitFillRow(w, ctx, plan, row);
        w.Line();
        EmitFlushRow(w, ctx, plan, row);
        w.Line();
        EmitAdd(w, ctx);
        foreach (var width in plan.AllWidths)
        {
            w.Line();
            EmitFma(w, ctx.T, width.Bits);
        }
    }

    /// <summary>a[i] += b[i], and the lane numbers the masked kernels compare against.</summary>
    private static void EmitAdd(SourceWriter w, KernelContext ctx)
    {
        var T = ctx.T;
        w.Line("/// <summary>a[i] += b[i], vectorized.</summary>");
        w.Line(Optimized);
        using (w.Block($"private static void Add({Names.Span}<{T}> a, {Names.ReadOnlySpan}<{T}> b)"))
        {
            w.Line("int i = 0;");
            w.Line($"ref {T} ra = ref {Marshal}.GetReference(a);");
            w.Line($"ref {T} rb = ref {Marshal}.GetReference(b);");
            using (w.Block($"if (global::System.Numerics.Vector.IsHardwareAccelerated)"))
            using (w.Block($"for (; i <= a.Length - global::System.Numerics.Vector<{T}>.Count; i += global::System.Numerics.Vector<{T}>.Count)"))
            {
                w.Line($"var sum = global::System.Numerics.Vector.LoadUnsafe(ref ra, (nuint)i) + global::System.Numerics.Vector.LoadUnsafe(ref rb, (nuint)i);");
                w.Line("global::System.Numerics.Vector.StoreUnsafe(sum, ref ra, (nuint)i);");
            }

            using (w.Block("for (; i < a.Length; i++)"))
                w.Line("a[i] += b[i];");
        }

        w.Line();
        w.Line("/// <summary>0, 1, 2, …: lane numbers, for masking lanes a previous vector already covered.</summary>");
        w.Line($"private static readonly {T}[] LaneIndices = {{ {string.Join(", ", Enumerable.Range(0, 64 / ctx.Spec.Element.Size))} }};");

    }

    /// <summary>a·b + c at one width: <c>FusedMultiplyAdd</c> from .NET 9, the x86 intrinsic before (net8.0).</summary>
    public static void EmitFma(SourceWriter w, string T, int bits)
    {
        var V = "global::System.Runtime.Intrinsics.Vector" + bits;
        var isa = bits == 512 ? "global::System.Runtime.Intrinsics.X86.Avx512F" : "global::System.Runtime.Intrinsics.X86.Fma";
        var call = bits == 512 ? "FusedMultiplyAdd" : "MultiplyAdd";
        w.Line($"/// <summary>a·b + c, fused where the hardware has FMA.</summary>");
        w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        using (w.Block($"private static {V}<{T}> Fma{bits}({V}<{T}> a, {V}<{T}> b, {V}<{T}> c)"))
        {
            w.Line("#if NET9_0_OR_GREATER");
            w.Line($"return {V}.FusedMultiplyAdd(a, b, c);");
            w.Line("#else");
            w.Line($"return {isa}.IsSupported ? {isa}.{call}(a, b, c) : a * b + c;");
            w.Line("#endif");
        }
    }

    /// <summary>The dispatching body of a kernel: the widest accelerated variant, else the looped scalar kernel.</summary>
    public static void EmitDispatch(SourceWriter w, IReadOnlyList<SimdWidth> widths, string name, string arguments, string? rows = null) =>
        EmitDispatch(w, widths.Select(x => x.Bits), name, arguments, rows);

    /// <summary>The dispatching body of a kernel over vector widths given in bits.</summary>
    public static void EmitDispatch(SourceWriter w, IEnumerable<int> bits, string name, string arguments, string? rows = null)
    {
        foreach (var b in bits)
        {
            using (w.Block($"if ({VectorType(b)}.IsHardwareAccelerated)"))
            {
                w.Line($"{name}{b}({arguments}{(rows is null ? "" : ", " + rows)});");
                w.Line("return;");
            }
        }

        w.Line($"{name}Scalar({arguments});");
    }

    /// <summary>The buffer slots of one stride phase that a scatter must produce: all of them where a padding
    /// mode folds border slots back onto the source, else only those of real source columns (when that still
    /// fills a vector).</summary>
    private static (int Start, int Length) PhaseRange(KernelContext ctx, SimdPlan plan, SimdWidth vw, int phase)
    {
        var s = ctx.Spec;
        if (s.PaddingMode != Model.PaddingMode.Zeros) return (0, plan.PhaseLength);
        var lo = System.Math.Max(0, CeilDiv(s.PadLeft - phase, s.StrideW));
        var hi = System.Math.Min(plan.PhaseLength, CeilDiv(s.PadLeft + ctx.Geometry.SrcW - phase, s.StrideW));
        return hi - lo >= vw.Lanes ? (lo, hi - lo) : (0, plan.PhaseLength);
    }

    /// <summary>The lanes of vector j of a tile that no earlier vector covered, or null where all are new.</summary>
    private static string? Mask(Tiling tiling, int j, SimdWidth vw, int start = 0)
    {
        var V = vw.Vector;
        var T = ElementName(vw);
        if (tiling.Tiles > 1)
            return $"{V}.GreaterThanOrEqual({V}.Create(LaneIndices){(j == 0 ? "" : $" + {V}.Create(({T}){j * vw.Lanes})")}, {V}.Create(({T})(t * {tiling.TileWidth} - c0{Plus(start)})))";
        var skip = j * vw.Lanes - tiling.Offsets[j];
        return skip == 0 ? null : LanesFrom(vw.Bits, T, skip.ToString());
    }

    /// <summary>The mask of lanes <paramref name="skip"/> (code) and up of a vector of <paramref name="bits"/>: the lanes
    /// that an overlapping vector adds to those the vector before already covered.</summary>
    private static string LanesFrom(int bits, string T, string skip)
    {
        var V = VectorType(bits);
        return $"{V}.GreaterThanOrEqual({V}.Create(LaneIndices), {V}.Create(({T}){skip}))";
    }

    /// <summary>The vector type of <paramref name="bits"/> bits.</summary>
    internal static string VectorType(int bits) => "global::System.Runtime.Intrinsics.Vector" + bits;

    /// <summary>The element type's keyword at a width.</summary>
    private static string ElementName(SimdWidth vw) => vw.ElementSize == 4 ? "float" : "double";

    /// <summary><c>wRef</c>: the weights, run-time or constant.</summary>
    private static string WeightsRef(KernelContext ctx) =>
        $"ref {ctx.T} wRef = ref {Marshal}.GetReference({(ctx.ConstantWeights ? $"({Names.ReadOnlySpan}<{ctx.T}>)ConstantWeights" : "w")});";

    /// <summary><c>u0</c>: the first output channel of the register block at <c>ub</c> of group <paramref name="group"/>,
    /// the last block clamped to overlap the one before.</summary>
    private static string BlockStart(Geometry g, int ub, string group) =>
        ub == g.DestPerGroup || g.DestPerGroup % ub == 0
            ? $"int u0 = {group} * {g.DestPerGroup} + ub;"
            : $"int u0 = {group} * {g.DestPerGroup} + global::System.Math.Min(ub, {g.DestPerGroup - ub}); // the last block overlaps the one before";

    /// <summary>TapOffset(q) as code, for kernels that loop over q at run time.</summary>
    public static void EmitTapOffset(SourceWriter w, KernelContext ctx, SimdPlan plan)
    {
        var s = ctx.Spec;
        w.Line("/// <summary>The buffer offset of kernel column q: its stride phase times the phase length, plus its shift.</summary>");
        w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        w.Line(s.StrideW == 1
            ? $"private static int TapOffset(int q) => q * {s.DilationW};"
            : $"private static int TapOffset(int q) => q * {s.DilationW} % {s.StrideW} * {plan.PhaseLength} + q * {s.DilationW} / {s.StrideW};");
    }

    private static string Id(int i) => i < 0 ? "t" : i.ToString();

    private static void Prologue(SourceWriter w, KernelContext ctx, SimdPlan plan, string src, string dest)
    {
        var T = ctx.T;
        if (plan.Direct) w.Line($"ref {T} srcRef = ref {Marshal}.GetReference({src});");
        else
        {
            w.Line($"{Names.Span}<{T}> buf = {ScratchSource.Buffer(T, plan.Buffer.Length)};");
            w.Line($"ref {T} bufRef = ref {Marshal}.GetReference(buf);");
        }

        w.Line(WeightsRef(ctx));
        w.Line($"ref {T} dRef = ref {Marshal}.GetReference({dest});");
        if (!plan.Direct) w.Line(LoopedKernels.MapLocals(ctx.Geometry));
    }

    /// <summary>Group mode: every padded row of the group's source channels, once; with a row range, only the padded
    /// rows output rows vBegin … vEnd − 1 read.</summary>
    private static void FillGroup(SourceWriter w, KernelContext ctx, SimdPlan plan, string src, bool rows)
    {
        var g = ctx.Geometry;
        var s = ctx.Spec;
        var end = rows
            ? $"global::System.Math.Min({g.PaddedHeight}, (vEnd - 1) * {s.StrideH} + {(s.P - 1) * s.DilationH + 1})"
            : g.PaddedHeight.ToString();
        using (w.Block($"for (int il = 0; il < {g.SrcPerGroup}; il++)"))
        using (w.Block($"for (int pr = {(rows ? $"vBegin * {s.StrideH}" : "0")}; pr < {end}; pr++)"))
        {
            w.Line("int r = rowMap[pr];");
            w.Line($"FillRow({src}, r < 0 ? -1 : (g * {g.SrcPerGroup} + il) * {g.SrcPlane} + r * {g.SrcW}, buf.Slice(il * {plan.Buffer.IlStride} + pr * {plan.RowStride}, {plan.RowStride}), colMap);");
        }
    }

    private static void FillRows(SourceWriter w, KernelContext ctx, SimdPlan plan, string src)
    {
        var g = ctx.Geometry;
        var s = ctx.Spec;
        using (w.Block($"for (int il = 0; il < {g.SrcPerGroup}; il++)"))
        using (w.Block($"for (int p = 0; p < {s.P}; p++)"))
        {
            w.Line($"int r = rowMap[{SourceWriter.Times("v", s.StrideH)} + {SourceWriter.Times("p", s.DilationH)}];");
            w.Line($"FillRow({src}, r < 0 ? -1 : (g * {g.SrcPerGroup} + il) * {g.SrcPlane} + r * {g.SrcW}, buf.Slice((il * {s.P} + p) * {plan.RowStride}, {plan.RowStride}), colMap);");
        }
    }

    /// <summary>Column tiles: one (c0 = 0) or a runtime loop whose last tile is clamped to overlap.</summary>
    private static void TileLoop(SourceWriter w, Tiling tiling, System.Action body, int start = 0)
    {
        if (tiling.Tiles == 1)
        {
            using (w.Block(""))
            {
                w.Line($"const int c0 = {start};");
                body();
            }

            return;
        }

        using (w.Block($"for (int t = 0; t < {tiling.Tiles}; t++)"))
        {
            w.Line($"int c0 = {(start == 0 ? "" : $"{start} + ")}global::System.Math.Min(t * {tiling.TileWidth}, {tiling.Length - tiling.TileWidth});");
            body();
        }
    }

    /// <summary>Walks the kernel taps (p, q), giving the buffer and weight offsets as code.</summary>
    private static void Taps(SourceWriter w, KernelContext ctx, SimdPlan plan, TapLoop loop, int pStride, System.Action<string, string> tap)
    {
        var s = ctx.Spec;
        var g = ctx.Geometry;
        string Kp(string p) => s.Flip ? $"({s.P - 1} - {p})" : p;
        string Kq(string q) => s.Flip ? $"({s.Q - 1} - {q})" : q;
        switch (loop)
        {
            case TapLoop.Unrolled:
                for (var p = 0; p < s.P; p++)
                    for (var q = 0; q < s.Q; q++)
                        using (w.Block($"// tap ({p}, {q})"))
                            tap($"bo{Plus(p * pStride + plan.TapOffset(s, q))}", $"wo{Plus(g.KernelRow(p) * s.Q + g.KernelCol(q))}");
                break;
            case TapLoop.RowLoop:
                using (w.Block($"for (int p = 0; p < {s.P}; p++)"))
                    for (var q = 0; q < s.Q; q++)
                        using (w.Block($"// tap (p, {q})"))
                            tap($"bo + {SourceWriter.Times("p", pStride)}{Plus(plan.TapOffset(s, q))}", $"wo + {Kp("p")} * {s.Q}{Plus(g.KernelCol(q))}");
                break;
            default:
                using (w.Block($"for (int p = 0; p < {s.P}; p++)"))
                using (w.Block($"for (int q = 0; q < {s.Q}; q++)"))
                    tap($"bo + {SourceWriter.Times("p", pStride)} + TapOffset(q)", $"wo + {Kp("p")} * {s.Q} + {Kq("q")}");
                break;
        }
    }

    internal static string Plus(int offset) => offset == 0 ? "" : offset < 0 ? $" - {-offset}" : $" + {offset}";

    private static string Offset(int constant, string variable) => constant == 0 ? variable : $"{constant} + {variable}";

    /// <summary>The padded columns outside the copied interior, read or written through the column map.</summary>
    private static void Border(SourceWriter w, int left, int rightStart, int paddedWidth, System.Func<string, string> statement)
    {
        if (left > 0)
            using (w.Block($"for (int k = 0; k < {left}; k++)"))
                w.Line(statement("k"));
        if (rightStart < paddedWidth)
            using (w.Block($"for (int k = {System.Math.Max(left, rightStart)}; k < {paddedWidth}; k++)"))
                w.Line(statement("k"));
    }

    /// <summary>
    /// Splits stride·lanes consecutive source elements (positions iv … iv + lanes − 1 of every phase) into one vector
    /// per phase: out_φ = OR over the loaded vectors v_k of Shuffle(v_k, indices), lanes that come from another
    /// vector having an out-of-range index (which Shuffle turns into zero).
    /// </summary>
    private static void Deinterleave(SourceWriter w, ElementType element, int bits, int lanes, int stride, int phaseLength, int pad, int end)
    {
        var V = $"global::System.Runtime.Intrinsics.Vector{bits}";
        var index = element.SameSizeInteger;
        using (w.Block($"for (; iv + {lanes} <= {end}; iv += {lanes})"))
        {
            for (var k = 0; k < stride; k++)
                w.Line($"var v{k} = {V}.LoadUnsafe(ref l, (nuint)(iv * {stride}{Plus(k * lanes - pad)}));");
            for (var phase = 0; phase < stride; phase++)
            {
                var parts = new List<string>();
                for (var k = 0; k < stride; k++)
                {
                    var idx = Enumerable.Range(0, lanes).Select(i => i * stride + phase - k * lanes).Select(e => e >= 0 && e < lanes ? e : lanes).ToArray();
                    if (idx.All(e => e == lanes)) continue;
                    parts.Add($"{V}.Shuffle(v{k}, {V}.Create({string.Join(", ", idx.Select(e => $"({index}){e}"))}))");
                }

                w.Line($"{V}.StoreUnsafe({string.Join(" | ", parts)}, ref d, (nuint)({Offset(phase * phaseLength, "iv")}));");
            }
        }
    }

    /// <summary>For each stride phase, the buffer positions i whose padded column i·stride + phase lies in the
    /// copied interior [pad, pad + copy).</summary>
    private static IEnumerable<(int Phase, int Lo, int Hi)> Phases(int stride, int pad, int copy)
    {
        for (var phase = 0; phase < stride; phase++)
        {
            var lo = CeilDiv(pad - phase, stride);
            var hi = CeilDiv(pad + copy - phase, stride);
            if (lo < hi) yield return (phase, lo, hi);
        }
    }

    private static int CeilDiv(int a, int b) => (int)IntMath.CeilDiv(a, b);
}
