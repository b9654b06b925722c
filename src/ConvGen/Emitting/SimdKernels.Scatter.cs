using System.Collections.Generic;
using System.Linq;
using ConvGen.Model;
using ConvGen.Planning;

namespace ConvGen.Emitting;

/// <summary>The scatter kernels: Transpose of [Conv2D], Forward of [ConvTranspose2D].</summary>
internal static partial class SimdKernels
{
    /// <summary>
    /// Scatter: src = Σ dest · w over the taps, computed as a gather into the row buffer (so no vector is
    /// read-modified-written per tap): buffer slot (phase φ, position i) of row (il, p) is Σ over the group's
    /// destination channels and the taps q of phase φ of dest[u, v, i − shift(q)] · w[u, il, p, q]. The destination
    /// row is copied, zero-padded, so that shifted loads stay in range; the buffer rows are then added back into
    /// the source rows (padding modes fold onto the interior there).
    /// </summary>
    public static void EmitScatter(SourceWriter w, KernelContext ctx, SimdPlan plan, SimdWidth vw, string src, string dest, bool forward)
    {
        var g = ctx.Geometry;
        var s = ctx.Spec;
        var T = ctx.T;
        var dl = plan.DestRowLength;
        var layout = plan.Buffer;
        var group = plan.GroupMode;
        w.Line(LoopedKernels.ScatterStart(ctx, src, forward));
        w.Line($"{Names.Span}<{T}> buf = stackalloc {T}[{layout.Length}]; // slots that no tap writes stay zero");
        w.Line($"{Names.Span}<{T}> rows = stackalloc {T}[{plan.DestRowsLength}]; // destination rows, zero-padded by {plan.MaxShift} left");
        w.Line($"ref {T} bufRef = ref {Marshal}.GetReference(buf);");
        w.Line($"ref {T} rowsRef = ref {Marshal}.GetReference(rows);");
        w.Line(WeightsRef(ctx));
        w.Line(LoopedKernels.MapLocals(ctx.Geometry));
        using (w.For("g", s.Groups))
        {
            if (group && s.Groups > 1) w.Line("buf.Clear();");
            using (w.Block($"for (int v = 0; v < {g.DestH}; v++)"))
            {
                using (w.Block($"for (int ul = 0; ul < {g.DestPerGroup}; ul++)"))
                    w.Line($"{dest}.Slice((g * {g.DestPerGroup} + ul) * {g.DestPlane} + v * {g.DestW}, {g.DestW}).CopyTo(rows.Slice(ul * {dl}{Plus(plan.MaxShift)}));");
                for (var phase = 0; phase < s.StrideW; phase++)
                    ScatterPhase(w, ctx, plan, vw, phase);

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

    /// <summary>One stride phase of the scatter: the buffer slots its taps write, by blocks of buffer rows and column tiles.</summary>
    private static void ScatterPhase(SourceWriter w, KernelContext ctx, SimdPlan plan, SimdWidth vw, int phase)
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
        var qs = Enumerable.Range(0, s.Q).Where(q => SimdPlan.TapPhase(s, q) == phase).ToList();
        if (qs.Count == 0) return; // those slots are never written: they stay zero
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

                ScatterStore(w, ctx, plan, vw, tiling, start, rows);
            }, start);
        }
    }

    /// <summary>The scatter's register block into the buffer: stored (row mode), or added with the lanes and rows an
    /// overlapping tile or block already added masked off (group mode, where output rows share buffer rows).</summary>
    private static void ScatterStore(SourceWriter w, KernelContext ctx, SimdPlan plan, SimdWidth vw, Tiling tiling, int start, int rows)
    {
        var T = ctx.T;
        var V = vw.Vector;
        var r = vw.ScatterRows;
        var cb = tiling.Offsets.Length;
        if (plan.GroupMode)
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
}
