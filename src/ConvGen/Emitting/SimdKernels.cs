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
internal static class SimdKernels
{
    private const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
    private const string Marshal = "global::System.Runtime.InteropServices.MemoryMarshal";

    /// <summary>Kernels and their helpers are compiled optimized on first call: tier-0 code in a helper called
    /// thousands of times per call would otherwise dominate until tiering catches up.</summary>
    public const string Optimized = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]";

    /// <summary>The helpers the vector kernels share: row fill and flush, and FMA for each width.</summary>
    public static void EmitHelpers(SourceWriter w, KernelContext ctx, SimdPlan plan)
    {
        var g = ctx.Geometry;
        var s = ctx.Spec;
        var T = ctx.T;
        var pw = plan.PaddedWidth;
        var pl = s.PadLeft;
        var copy = System.Math.Min(g.SrcW, pw - pl);
        var left = System.Math.Min(pl, pw);
        string Slot(string k) => s.StrideW == 1 ? k : $"{k} % {s.StrideW} * {plan.PhaseLength} + {k} / {s.StrideW}";

        w.Line("/// <summary>Copies source row <paramref name=\"row\"/> (an offset into <paramref name=\"src\"/>, or −1 for a row of zero padding)");
        w.Line("/// into a padded, stride-phase-split buffer row.</summary>");
        w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining | global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]");
        using (w.Block($"private static void FillRow({Names.ReadOnlySpan}<{T}> src, int row, {Names.Span}<{T}> dst, {LoopedKernels.MapType(g, rows: false)} colMap)"))
        {
            using (w.Block("if (row < 0)"))
            {
                w.Line("dst.Clear();");
                w.Line("return;");
            }

            w.Line($"{Names.ReadOnlySpan}<{T}> line = src.Slice(row, {g.SrcW});");
            Border(w, left, pl + copy, pw, k => $"dst[{Slot(k)}] = colMap[{k}] is int m && m >= 0 ? line[m] : {ctx.Zero};");
            if (copy > 0 && s.StrideW == 1)
                w.Line($"line.Slice(0, {copy}).CopyTo(dst.Slice({pl}));");
            else if (copy > 0)
            {
                w.Line($"ref {T} d = ref {Marshal}.GetReference(dst);");
                w.Line($"ref {T} l = ref {Marshal}.GetReference(line);");
                var phases = Phases(s.StrideW, pl, copy).ToList();
                // Positions where every phase reads inside the row: split whole vectors there with shuffles.
                var vecLo = phases.Count == s.StrideW ? phases.Max(x => x.Lo) : 0;
                var vecHi = phases.Count == s.StrideW ? phases.Min(x => x.Hi) : 0;
                var vectorized = vecHi - vecLo >= 4 && s.StrideW <= 4;
                if (vectorized)
                {
                    w.Line($"nint iv = {vecLo};");
                    var first = true;
                    foreach (var bits in new[] { 512, 256, 128 })
                    {
                        var lanes = bits / 8 / (T == "float" ? 4 : 8);
                        if (vecHi - vecLo < lanes) continue;
                        using (w.Block($"{(first ? "if" : "else if")} (global::System.Runtime.Intrinsics.Vector{bits}.IsHardwareAccelerated)"))
                            Deinterleave(w, T, bits, lanes, s.StrideW, plan.PhaseLength, pl, vecHi);
                        first = false;
                    }
                }

                // The positions the vectors did not cover, one element at a time.
                foreach (var (phase, lo, hi) in phases)
                {
                    void Copy(string from, string to)
                    {
                        using (w.Block($"for (nint i = {from}; i < {to}; i++)"))
                            w.Line($"{Unsafe}.Add(ref d, {Offset(phase * plan.PhaseLength, "i")}) = {Unsafe}.Add(ref l, i * {s.StrideW}{Plus(phase - pl)});");
                    }

                    if (!vectorized) Copy($"{lo}", $"{hi}");
                    else
                    {
                        if (lo < vecLo) Copy($"{lo}", $"{vecLo}");
                        Copy("iv", $"{hi}");
                    }
                }
            }
        }

        w.Line();
        w.Line("/// <summary>The adjoint of <see cref=\"FillRow\"/>: adds a buffer row back into source row <paramref name=\"row\"/> (−1: dropped).</summary>");
        w.Line(Optimized);
        using (w.Block($"private static void FlushRow({Names.ReadOnlySpan}<{T}> buf, {Names.Span}<{T}> src, int row, {LoopedKernels.MapType(g, rows: false)} colMap)"))
        {
            w.Line("if (row < 0) return;");
            w.Line($"{Names.Span}<{T}> line = src.Slice(row, {g.SrcW});");
            Border(w, left, pl + copy, pw, k => $"if (colMap[{k}] is int m && m >= 0) line[m] += buf[{Slot(k)}];");
            if (copy > 0 && s.StrideW == 1)
                w.Line($"Add(line.Slice(0, {copy}), buf.Slice({pl}, {copy}));");
            else if (copy > 0)
            {
                w.Line($"ref {T} b = ref {Marshal}.GetReference(buf);");
                w.Line($"ref {T} l = ref {Marshal}.GetReference(line);");
                foreach (var (phase, lo, hi) in Phases(s.StrideW, pl, copy))
                    using (w.Block($"for (nint i = {lo}; i < {hi}; i++)"))
                        w.Line($"{Unsafe}.Add(ref l, i * {s.StrideW}{Plus(phase - pl)}) += {Unsafe}.Add(ref b, {Offset(phase * plan.PhaseLength, "i")});");
            }
        }

        w.Line();
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
        w.Line($"private static readonly {T}[] LaneIndices = {{ {string.Join(", ", Enumerable.Range(0, 64 / (T == "float" ? 4 : 8)))} }};");

        foreach (var width in plan.Widths)
        {
            var V = width.Vector;
            var isa = width.Bits switch
            {
                512 => "global::System.Runtime.Intrinsics.X86.Avx512F",
                256 => "global::System.Runtime.Intrinsics.X86.Fma",
                _ => "global::System.Runtime.Intrinsics.X86.Fma",
            };
            var call = width.Bits == 512 ? "FusedMultiplyAdd" : "MultiplyAdd";
            w.Line();
            w.Line($"/// <summary>a·b + c, fused where the hardware has FMA.</summary>");
            w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
            using (w.Block($"private static {V}<{T}> Fma{width.Bits}({V}<{T}> a, {V}<{T}> b, {V}<{T}> c)"))
            {
                w.Line("#if NET9_0_OR_GREATER");
                w.Line($"return {V}.FusedMultiplyAdd(a, b, c);");
                w.Line("#else");
                w.Line($"return {isa}.IsSupported ? {isa}.{call}(a, b, c) : a * b + c;");
                w.Line("#endif");
            }
        }
    }

    /// <summary>The dispatching body of a kernel: the widest accelerated variant, else the looped scalar kernel.</summary>
    public static void EmitDispatch(SourceWriter w, IReadOnlyList<SimdWidth> widths, string name, string arguments)
    {
        foreach (var width in widths)
        {
            using (w.Block($"if ({width.Vector}.IsHardwareAccelerated)"))
            {
                w.Line($"{name}{width.Bits}({arguments});");
                w.Line("return;");
            }
        }

        w.Line($"{name}Scalar({arguments});");
    }

    /// <summary>Gather: dest[u, v, ·] = Σ taps src · w, bias and activation on Forward.</summary>
    public static void EmitGather(SourceWriter w, KernelContext ctx, SimdPlan plan, SimdWidth vw, string src, string dest, bool forward)
    {
        var g = ctx.Geometry;
        var s = ctx.Spec;
        var T = ctx.T;
        var V = vw.Vector;
        var ub = vw.GatherBlock;
        var vb = vw.GatherRows;
        var cb = vw.Dest.Offsets.Length;
        var pq = s.P * s.Q;
        var layout = plan.Buffer;
        Prologue(w, ctx, plan, dest);
        using (w.For("g", s.Groups))
        {
            if (plan.GroupMode) FillGroup(w, ctx, plan, src);
            // Several output rows per register block (when few channels would leave registers idle): each buffer
            // row loaded serves every output row of the block whose taps reach it.
            using (vb == 1
                       ? w.Block($"for (int v = 0; v < {g.DestH}; v++)")
                       : w.Block($"for (int v0 = 0; v0 < {g.DestH}; v0 += {vb})"))
            {
                if (vb > 1) w.Line(g.DestH % vb == 0 ? "int v = v0;" : $"int v = global::System.Math.Min(v0, {g.DestH - vb}); // the last block overlaps the one before");
                if (!plan.GroupMode) FillRows(w, ctx, plan, src);
                if (vw.FoldWeights)
                {
                    FoldedGather(w, ctx, plan, vw, forward);
                    return;
                }

                using (w.For("ub", g.DestPerGroup, ub))
                {
                    w.Line(ub == g.DestPerGroup || g.DestPerGroup % ub == 0
                        ? $"int u0 = g * {g.DestPerGroup} + ub;"
                        : $"int u0 = g * {g.DestPerGroup} + global::System.Math.Min(ub, {g.DestPerGroup - ub}); // the last block overlaps the one before");
                    TileLoop(w, vw.Dest, () =>
                    {
                        for (var b = 0; b < ub; b++)
                            for (var r = 0; r < vb; r++)
                                w.Line($"{V}<{T}> " + string.Join(", ", Enumerable.Range(0, cb).Select(j => $"a{b}_{r}_{j} = default")) + ";");
                        w.Line(layout.VStride == 0 ? "nint bo = c0;" : $"nint bo = c0 + {SourceWriter.Times("v", layout.VStride)};");
                        w.Line($"nint wo = u0 * {g.SrcPerGroup * pq};");
                        using (w.Block($"for (int il = 0; il < {g.SrcPerGroup}; il++, bo += {layout.IlStride}, wo += {pq})"))
                        {
                            if (vb == 1)
                            {
                                Taps(w, ctx, plan, vw.GatherTaps, layout.PStride, (bufOffset, weightOffset) =>
                                {
                                    for (var j = 0; j < cb; j++)
                                        w.Line($"var x{j} = {V}.LoadUnsafe(ref bufRef, (nuint)({bufOffset}{Plus(vw.Dest.Offsets[j])}));");
                                    for (var b = 0; b < ub; b++)
                                    {
                                        w.Line($"var w{b} = {V}.Create({Unsafe}.Add(ref wRef, {weightOffset}{Plus(b * g.SrcPerGroup * pq)}));");
                                        for (var j = 0; j < cb; j++)
                                            w.Line($"a{b}_0_{j} = Fma{vw.Bits}(x{j}, w{b}, a{b}_0_{j});");
                                    }
                                });
                            }
                            else
                            {
                                RowBlockTaps(w, ctx, plan, vw, vb, ub, cb);
                            }
                        }

                        for (var r = 0; r < vb; r++)
                        {
                            w.Line($"nint yo{r} = u0 * {g.DestPlane} + {(r == 0 ? "v" : $"(v + {r})")} * {g.DestW} + c0;");
                            for (var b = 0; b < ub; b++)
                            {
                                if (forward && s.Bias && r == 0) w.Line($"var bias{b} = {V}.Create(b[u0{Plus(b)}]);");
                                for (var j = 0; j < cb; j++)
                                {
                                    var value = forward && s.Bias ? $"a{b}_{r}_{j} + bias{b}" : $"a{b}_{r}_{j}";
                                    if (forward && s.Relu) value = Relu(V, T, value);
                                    w.Line($"{V}.StoreUnsafe({value}, ref dRef, (nuint)(yo{r}{Plus(b * g.DestPlane + vw.Dest.Offsets[j])}));");
                                }
                            }
                        }
                    });
                }
            }
        }
    }

    /// <summary>
    /// Constant weights, folded: channel blocks and input channels unrolled, every weight an immediate broadcast,
    /// zero taps skipped (and their loads where no channel of the block needs them), ±1 as add and subtract.
    /// </summary>
    private static void FoldedGather(SourceWriter w, KernelContext ctx, SimdPlan plan, SimdWidth vw, bool forward)
    {
        var g = ctx.Geometry;
        var s = ctx.Spec;
        var T = ctx.T;
        var V = vw.Vector;
        var ub = vw.GatherBlock;
        var cb = vw.Dest.Offsets.Length;
        var cw = s.Weights!.Value;
        var layout = plan.Buffer;
        for (var block = 0; block < (g.DestPerGroup + ub - 1) / ub; block++)
        {
            var u0 = System.Math.Min(block * ub, g.DestPerGroup - ub);
            using (w.Block($"// output channels {u0}..{u0 + ub - 1}"))
            TileLoop(w, vw.Dest, () =>
            {
                for (var b = 0; b < ub; b++)
                    w.Line($"{V}<{T}> " + string.Join(", ", Enumerable.Range(0, cb).Select(j => $"a{b}_{j} = default")) + ";");
                w.Line(layout.VStride == 0 ? "nint bo = c0;" : $"nint bo = c0 + {SourceWriter.Times("v", layout.VStride)};");
                for (var il = 0; il < g.SrcPerGroup; il++)
                    for (var p = 0; p < s.P; p++)
                        for (var q = 0; q < s.Q; q++)
                        {
                            var taps = Enumerable.Range(0, ub).Select(b => (B: b, C: cw[g.WeightIndex(u0 + b, il, p, q)])).Where(t => t.C != 0).ToList();
                            if (taps.Count == 0) continue;
                            using (w.Block($"// input channel {il}, tap ({p}, {q})"))
                            {
                                var offset = il * layout.IlStride + p * layout.PStride + plan.TapOffset(s, q);
                                for (var j = 0; j < cb; j++)
                                    w.Line($"var x{j} = {V}.LoadUnsafe(ref bufRef, (nuint)(bo{Plus(offset + vw.Dest.Offsets[j])}));");
                                foreach (var (b, c) in taps)
                                    for (var j = 0; j < cb; j++)
                                        w.Line(c == 1 ? $"a{b}_{j} += x{j};"
                                            : c == -1 ? $"a{b}_{j} -= x{j};"
                                            : $"a{b}_{j} = Fma{vw.Bits}(x{j}, {V}.Create({ctx.Real(c)}), a{b}_{j});");
                            }
                        }

                w.Line($"nint yo = {u0 * g.DestPlane} + v * {g.DestW} + c0;");
                for (var b = 0; b < ub; b++)
                {
                    if (forward && s.Bias) w.Line($"var bias{b} = {V}.Create(b[{u0 + b}]);");
                    for (var j = 0; j < cb; j++)
                    {
                        var value = forward && s.Bias ? $"a{b}_{j} + bias{b}" : $"a{b}_{j}";
                        if (forward && s.Relu) value = Relu(V, T, value);
                        w.Line($"{V}.StoreUnsafe({value}, ref dRef, (nuint)(yo{Plus(b * g.DestPlane + vw.Dest.Offsets[j])}));");
                    }
                }
            });
        }
    }

    /// <summary>
    /// The taps of a block of <paramref name="vb"/> output rows: for each padded row k of the block's window and
    /// kernel column q, the row's vectors are loaded once and feed every (output row, kernel row) pair that reads them.
    /// </summary>
    private static void RowBlockTaps(SourceWriter w, KernelContext ctx, SimdPlan plan, SimdWidth vw, int vb, int ub, int cb)
    {
        var g = ctx.Geometry;
        var s = ctx.Spec;
        var V = vw.Vector;
        var pq = s.P * s.Q;
        var window = (vb - 1) * s.StrideH + (s.P - 1) * s.DilationH + 1;
        for (var k = 0; k < window; k++)
        {
            var uses = (from r in Enumerable.Range(0, vb)
                        let d = k - r * s.StrideH
                        where d >= 0 && d % s.DilationH == 0 && d / s.DilationH < s.P
                        select (Row: r, P: d / s.DilationH)).ToList();
            if (uses.Count == 0) continue;
            for (var q = 0; q < s.Q; q++)
            {
                using (w.Block($"// padded row +{k}, kernel column {q}: output rows {string.Join(", ", uses.Select(u => $"+{u.Row} (p = {u.P})"))}"))
                {
                    for (var j = 0; j < cb; j++)
                        w.Line($"var x{j} = {V}.LoadUnsafe(ref bufRef, (nuint)(bo{Plus(k * plan.RowStride + plan.TapOffset(s, q) + vw.Dest.Offsets[j])}));");
                    foreach (var (r, p) in uses)
                        for (var b = 0; b < ub; b++)
                        {
                            w.Line($"var w{b}_{r} = {V}.Create({Unsafe}.Add(ref wRef, wo{Plus(b * g.SrcPerGroup * pq + g.KernelRow(p) * s.Q + g.KernelCol(q))}));");
                            for (var j = 0; j < cb; j++)
                                w.Line($"a{b}_{r}_{j} = Fma{vw.Bits}(x{j}, w{b}_{r}, a{b}_{r}_{j});");
                        }
                }
            }
        }
    }

    /// <summary>
    /// Scatter: src = Σ dest · w over the taps, computed as a gather into the row buffer (so no vector is
    /// read-modified-written per tap): buffer slot (phase φ, position i) of row (il, p) is Σ over the group's
    /// destination channels and the taps q of phase φ of dest[u, v, i − shift(q)] · w[u, il, p, q]. The destination
    /// row is copied, zero-padded, so that shifted loads stay in range; the buffer rows are then added back into
    /// the source rows (padding modes fold onto the interior there).
    /// </summary>
    public static void EmitScatter(SourceWriter w, KernelContext ctx, SimdPlan plan, SimdWidth vw, string src, string dest)
    {
        var g = ctx.Geometry;
        var s = ctx.Spec;
        var T = ctx.T;
        var V = vw.Vector;
        var rows = g.SrcPerGroup * s.P;
        var r = vw.ScatterRows;
        var filter = g.SrcPerGroup * s.P * s.Q;
        var dl = plan.DestRowLength;
        var layout = plan.Buffer;
        var group = plan.GroupMode;
        w.Line($"{src}.Clear();");
        w.Line($"{Names.Span}<{T}> buf = stackalloc {T}[{layout.Length}]; // slots that no tap writes stay zero");
        w.Line($"{Names.Span}<{T}> rows = stackalloc {T}[{plan.DestRowsLength}]; // destination rows, zero-padded by {plan.MaxShift} left");
        w.Line($"ref {T} bufRef = ref {Marshal}.GetReference(buf);");
        w.Line($"ref {T} rowsRef = ref {Marshal}.GetReference(rows);");
        w.Line($"ref {T} wRef = ref {Marshal}.GetReference({(ctx.ConstantWeights ? $"({Names.ReadOnlySpan}<{T}>)ConstantWeights" : "w")});");
        w.Line(LoopedKernels.MapLocals(ctx.Geometry));
        using (w.For("g", s.Groups))
        {
            if (group && s.Groups > 1) w.Line("buf.Clear();");
            using (w.Block($"for (int v = 0; v < {g.DestH}; v++)"))
            {
                using (w.Block($"for (int ul = 0; ul < {g.DestPerGroup}; ul++)"))
                    w.Line($"{dest}.Slice((g * {g.DestPerGroup} + ul) * {g.DestPlane} + v * {g.DestW}, {g.DestW}).CopyTo(rows.Slice(ul * {dl}{Plus(plan.MaxShift)}));");
                for (var phase = 0; phase < s.StrideW; phase++)
                {
                    var qs = Enumerable.Range(0, s.Q).Where(q => SimdPlan.TapPhase(s, q) == phase).ToList();
                    if (qs.Count == 0) continue; // those slots are never written: they stay zero
                    // With zero padding only the slots of real source columns matter: the others are dropped by the flush.
                    var (start, length) = PhaseRange(ctx, plan, vw, phase);
                    var tiling = length == plan.PhaseLength ? vw.Phase : new Tiling(length, vw.Lanes);
                    var cb = tiling.Offsets.Length;
                    using (w.Block($"// phase {phase}: taps q = {string.Join(", ", qs)}"))
                    using (w.For("rb", rows, r))
                    {
                        w.Line(rows % r == 0 ? "int r0 = rb;" : $"int r0 = global::System.Math.Min(rb, {rows - r}); // the last block overlaps");
                        for (var k = 0; k < r; k++)
                        {
                            var rr = k == 0 ? "r0" : $"(r0 + {k})";
                            // Weight row of buffer row rr = (il, p), and where that buffer row lives.
                            w.Line(s.Flip
                                ? $"nint wr{k} = ({rr} / {s.P} * {s.P} + {s.P - 1} - {rr} % {s.P}) * {s.Q};"
                                : $"nint wr{k} = {rr} * {s.Q};");
                            w.Line(group
                                ? $"nint ro{k} = {rr} / {s.P} * {layout.IlStride} + {rr} % {s.P} * {layout.PStride} + {SourceWriter.Times("v", layout.VStride)}{Plus(phase * plan.PhaseLength)};"
                                : $"nint ro{k} = {rr} * {plan.RowStride}{Plus(phase * plan.PhaseLength)};");
                        }

                        TileLoop(w, tiling, () =>
                        {
                            for (var k = 0; k < r; k++)
                                w.Line($"{V}<{T}> " + string.Join(", ", Enumerable.Range(0, cb).Select(j => $"a{k}_{j} = default")) + ";");
                            w.Line($"nint yo = c0{Plus(plan.MaxShift)};");
                            w.Line($"nint wo = g * {g.DestPerGroup * filter};");
                            using (w.Block($"for (int ul = 0; ul < {g.DestPerGroup}; ul++, yo += {dl}, wo += {filter})"))
                            {
                                foreach (var q in qs)
                                {
                                    using (w.Block($"// tap q = {q}"))
                                    {
                                        var shift = SimdPlan.TapShift(s, q);
                                        for (var j = 0; j < cb; j++)
                                            w.Line($"var y{j} = {V}.LoadUnsafe(ref rowsRef, (nuint)(yo{Plus(tiling.Offsets[j] - shift)}));");
                                        for (var k = 0; k < r; k++)
                                        {
                                            w.Line($"var w{k} = {V}.Create({Unsafe}.Add(ref wRef, wo + wr{k}{Plus(g.KernelCol(q))}));");
                                            for (var j = 0; j < cb; j++)
                                                w.Line($"a{k}_{j} = Fma{vw.Bits}(y{j}, w{k}, a{k}_{j});");
                                        }
                                    }
                                }
                            }

                            if (group)
                            {
                                // Buffer rows are shared by several output rows: add, counting overlapped lanes once.
                                for (var j = 0; j < cb; j++)
                                    if (Mask(tiling, j, vw, start) is { } mask)
                                    {
                                        w.Line($"var keep{j} = {mask};");
                                        for (var k = 0; k < r; k++)
                                            w.Line($"a{k}_{j} = {V}.ConditionalSelect(keep{j}, a{k}_{j}, {V}<{T}>.Zero);");
                                    }

                                for (var k = 0; k < r; k++)
                                {
                                    // Rows of a clamped last block that the block before already added.
                                    using (rows % r == 0 || k >= r - rows % r ? null : w.Block($"if ({k} >= rb - r0)"))
                                        for (var j = 0; j < cb; j++)
                                        {
                                            var at = $"ro{k} + c0{Plus(tiling.Offsets[j])}";
                                            w.Line($"{V}.StoreUnsafe({V}.LoadUnsafe(ref bufRef, (nuint)({at})) + a{k}_{j}, ref bufRef, (nuint)({at}));");
                                        }
                                }
                            }
                            else
                            {
                                for (var k = 0; k < r; k++)
                                    for (var j = 0; j < cb; j++)
                                        w.Line($"{V}.StoreUnsafe(a{k}_{j}, ref bufRef, (nuint)(ro{k} + c0{Plus(tiling.Offsets[j])}));");
                            }
                        }, start);
                    }
                }

                if (!group) FlushRows(w, ctx, plan, src, "v");
            }

            if (group)
            {
                using (w.Block($"for (int il = 0; il < {g.SrcPerGroup}; il++)"))
                using (w.Block($"for (int pr = 0; pr < {g.PaddedHeight}; pr++)"))
                {
                    w.Line("int r = rowMap[pr];");
                    w.Line($"FlushRow(buf.Slice(il * {layout.IlStride} + pr * {plan.RowStride}, {plan.RowStride}), {src}, r < 0 ? -1 : (g * {g.SrcPerGroup} + il) * {g.SrcPlane} + r * {g.SrcW}, colMap);");
                }
            }
        }
    }

    private static void FlushRows(SourceWriter w, KernelContext ctx, SimdPlan plan, string src, string v)
    {
        var g = ctx.Geometry;
        var s = ctx.Spec;
        using (w.Block($"for (int il = 0; il < {g.SrcPerGroup}; il++)"))
        using (w.Block($"for (int p = 0; p < {s.P}; p++)"))
        {
            w.Line($"int r = rowMap[{SourceWriter.Times(v, s.StrideH)} + {SourceWriter.Times("p", s.DilationH)}];");
            w.Line($"FlushRow(buf.Slice((il * {s.P} + p) * {plan.RowStride}, {plan.RowStride}), {src}, r < 0 ? -1 : (g * {g.SrcPerGroup} + il) * {g.SrcPlane} + r * {g.SrcW}, colMap);");
        }
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
        var T = vw.ElementSize == 4 ? "float" : "double";
        if (tiling.Tiles > 1)
            return $"{V}.GreaterThanOrEqual({V}.Create(LaneIndices){(j == 0 ? "" : $" + {V}.Create(({T}){j * vw.Lanes})")}, {V}.Create(({T})(t * {tiling.TileWidth} - c0{Plus(start)})))";
        var skip = j * vw.Lanes - tiling.Offsets[j];
        return skip == 0 ? null : $"{V}.GreaterThanOrEqual({V}.Create(LaneIndices), {V}.Create(({T}){skip}))";
    }

    /// <summary>WeightsGradient: g[u, il, p, q] += Σ over destination positions of src(tap) · dest.</summary>
    public static void EmitGradient(SourceWriter w, KernelContext ctx, SimdPlan plan, SimdWidth vw, string src, string dest)
    {
        var g = ctx.Geometry;
        var s = ctx.Spec;
        var T = ctx.T;
        var V = vw.Vector;
        var ub = vw.GradBlock;
        var pq = s.P * s.Q;
        var rs = plan.RowStride;
        w.Line($"{Names.Span}<{T}> chan = stackalloc {T}[{plan.ChannelBufferLength}];");
        w.Line($"ref {T} bufRef = ref {Marshal}.GetReference(chan);");
        w.Line($"ref {T} dRef = ref {Marshal}.GetReference({dest});");
        w.Line($"ref {T} gRef = ref {Marshal}.GetReference(g);");
        w.Line(LoopedKernels.MapLocals(ctx.Geometry));
        if (g.DestW % vw.Lanes != 0)
            w.Line($"var tailKeep = {V}.GreaterThanOrEqual({V}.Create(LaneIndices), {V}.Create(({T}){vw.Lanes - g.DestW % vw.Lanes}));");
        using (w.For("gr", s.Groups))
        using (w.Block($"for (int il = 0; il < {g.SrcPerGroup}; il++)"))
        {
            w.Line($"int c = gr * {g.SrcPerGroup} + il;");
            using (w.Block($"for (int pr = 0; pr < {g.PaddedHeight}; pr++)"))
            {
                w.Line("int r = rowMap[pr];");
                w.Line($"FillRow({src}, r < 0 ? -1 : c * {g.SrcPlane} + r * {g.SrcW}, chan.Slice(pr * {rs}, {rs}), colMap);");
            }

            using (w.For("ub", g.DestPerGroup, ub))
            {
                w.Line(g.DestPerGroup % ub == 0
                    ? $"int u0 = gr * {g.DestPerGroup} + ub;"
                    : $"int u0 = gr * {g.DestPerGroup} + global::System.Math.Min(ub, {g.DestPerGroup - ub}); // the last block overlaps the one before");
                // Which taps share one pass over the destination: all, one kernel row, or one tap.
                var rowLoop = vw.GradTaps != TapLoop.Unrolled;
                var tapLoop = vw.GradTaps == TapLoop.Loops;
                var pList = rowLoop ? new[] { -1 } : Enumerable.Range(0, s.P).ToArray();
                var qList = tapLoop ? new[] { -1 } : Enumerable.Range(0, s.Q).ToArray();
                System.IDisposable? pBlock = rowLoop ? w.Block($"for (int p = 0; p < {s.P}; p++)") : null;
                System.IDisposable? qBlock = tapLoop ? w.Block($"for (int q = 0; q < {s.Q}; q++)") : null;
                var taps = (from p in pList from q in qList select (p, q)).ToList();
                foreach (var (p, q) in taps)
                    w.Line($"{V}<{T}> " + string.Join(", ", Enumerable.Range(0, ub).Select(b => $"a{b}_{Id(p)}_{Id(q)} = default")) + ";");
                using (w.Block($"for (int v = 0; v < {g.DestH}; v++)"))
                {
                    w.Line($"nint rb = {SourceWriter.Times("v", s.StrideH * rs)};");
                    w.Line($"nint yo = u0 * {g.DestPlane} + v * {g.DestW};");
                    void Body(string c0, bool masked)
                    {
                        for (var b = 0; b < ub; b++)
                        {
                            var load = $"{V}.LoadUnsafe(ref dRef, (nuint)(yo{Plus(b * g.DestPlane)} + {c0}))";
                            w.Line(masked ? $"var y{b} = {V}.ConditionalSelect(tailKeep, {load}, {V}<{T}>.Zero);" : $"var y{b} = {load};");
                        }

                        foreach (var (p, q) in taps)
                        {
                            var rowPart = p < 0 ? $" + p * {s.DilationH * rs}" : Plus(p * s.DilationH * rs);
                            var colPart = q < 0 ? " + TapOffset(q)" : Plus(plan.TapOffset(s, q));
                            w.Line($"var x{Id(p)}_{Id(q)} = {V}.LoadUnsafe(ref bufRef, (nuint)(rb{rowPart}{colPart} + {c0}));");
                            for (var b = 0; b < ub; b++)
                                w.Line($"a{b}_{Id(p)}_{Id(q)} = Fma{vw.Bits}(x{Id(p)}_{Id(q)}, y{b}, a{b}_{Id(p)}_{Id(q)});");
                        }
                    }

                    // Whole vectors, then (if the width is not a multiple of the lanes) the last vector, clamped to
                    // end at the row's end, with the lanes the vector before already counted masked off.
                    var full = g.DestW / vw.Lanes;
                    using (w.Block($"for (nint c0 = 0; c0 < {full * vw.Lanes}; c0 += {vw.Lanes})"))
                        Body("c0", masked: false);
                    if (g.DestW % vw.Lanes != 0)
                        using (w.Block("// the last, overlapping vector"))
                            Body($"{g.DestW - vw.Lanes}", masked: true);
                }

                foreach (var (p, q) in taps)
                {
                    var kp = p < 0 ? (s.Flip ? $"({s.P - 1} - p)" : "p") : g.KernelRow(p).ToString();
                    var kq = q < 0 ? (s.Flip ? $"({s.Q - 1} - q)" : "q") : g.KernelCol(q).ToString();
                    for (var b = 0; b < ub; b++)
                    {
                        var add = $"{Unsafe}.Add(ref gRef, (u0{Plus(b)}) * {g.SrcPerGroup * pq} + il * {pq} + {kp} * {s.Q} + {kq}) += {V}.Sum(a{b}_{Id(p)}_{Id(q)});";
                        // Channels of a clamped last block that the block before already counted.
                        var overlapped = g.DestPerGroup % ub != 0 && b < ub - g.DestPerGroup % ub;
                        w.Line(overlapped ? $"if ({b} >= ub - (u0 - gr * {g.DestPerGroup})) {add}" : add);
                    }
                }

                qBlock?.Dispose();
                pBlock?.Dispose();
            }
        }
    }

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

    private static void Prologue(SourceWriter w, KernelContext ctx, SimdPlan plan, string dest)
    {
        var T = ctx.T;
        w.Line($"{Names.Span}<{T}> buf = stackalloc {T}[{plan.Buffer.Length}];");
        w.Line($"ref {T} bufRef = ref {Marshal}.GetReference(buf);");
        w.Line($"ref {T} wRef = ref {Marshal}.GetReference({(ctx.ConstantWeights ? $"({Names.ReadOnlySpan}<{T}>)ConstantWeights" : "w")});");
        w.Line($"ref {T} dRef = ref {Marshal}.GetReference({dest});");
        w.Line(LoopedKernels.MapLocals(ctx.Geometry));
    }

    /// <summary>Group mode: every padded row of the group's source channels, once.</summary>
    private static void FillGroup(SourceWriter w, KernelContext ctx, SimdPlan plan, string src)
    {
        var g = ctx.Geometry;
        using (w.Block($"for (int il = 0; il < {g.SrcPerGroup}; il++)"))
        using (w.Block($"for (int pr = 0; pr < {g.PaddedHeight}; pr++)"))
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

    /// <summary>max(v, 0) that keeps a NaN (net8.0's Vector.Max returns the second operand for a NaN on x86).</summary>
    private static string Relu(string V, string T, string value) =>
        $"{V}.ConditionalSelect({V}.LessThan({value}, {V}<{T}>.Zero), {V}<{T}>.Zero, {value})";

    private static string Plus(int offset) => offset == 0 ? "" : offset < 0 ? $" - {-offset}" : $" + {offset}";

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
    private static void Deinterleave(SourceWriter w, string T, int bits, int lanes, int stride, int phaseLength, int pad, int end)
    {
        var V = $"global::System.Runtime.Intrinsics.Vector{bits}";
        var index = T == "float" ? "int" : "long";
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
