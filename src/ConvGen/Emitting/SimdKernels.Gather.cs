using System.Collections.Generic;
using System.Linq;
using ConvGen.Model;
using ConvGen.Planning;

namespace ConvGen.Emitting;

/// <summary>The gather kernels: Forward of [Conv2D], Transpose of [ConvTranspose2D].</summary>
internal static partial class SimdKernels
{
    /// <summary>Gather: dest[u, v, ·] = Σ taps src · w, bias and activation on Forward.</summary>
    /// <param name="rows">Whether the kernel computes groups gBegin … gEnd − 1, the channel blocks of each that start in
    /// uBegin … uEnd − 1 and output rows vBegin … vEnd − 1 (parameters) rather than all.</param>
    public static void EmitGather(SourceWriter w, KernelContext ctx, SimdPlan plan, SimdWidth vw, string src, string dest, bool forward, bool rows = false)
    {
        var g = ctx.Geometry;
        var s = ctx.Spec;
        var T = ctx.T;
        var V = vw.Vector;
        var ub = vw.GatherBlock;
        var vb = vw.GatherRows;
        var pq = s.P * s.Q;
        var layout = plan.GatherBuffer;
        if (vw.Flat)
        {
            FlatGather(w, ctx, vw, src, dest, forward, rows);
            return;
        }

        Prologue(w, ctx, plan, src, dest);
        if (forward && s.Residual) w.Line($"ref {T} rRef = ref {Marshal}.GetReference(res);");
        using (rows && s.Groups > 1 ? w.Block("for (int g = gBegin; g < gEnd; g++)") : w.For("g", s.Groups))
        {
            if (plan.Direct)
            {
                w.Line("// No padding is read: the group's source channels where they are.");
                w.Line($"ref {T} bufRef = ref {Unsafe}.Add(ref srcRef, g * {g.SrcPerGroup * g.SrcPlane});");
            }
            else if (plan.GroupMode) FillGroup(w, ctx, plan, src, rows);
            // Several output rows per register block (when few channels would leave registers idle): each buffer
            // row loaded serves every output row of the block whose taps reach it.
            var (begin, end) = rows ? ("vBegin", "vEnd") : ("0", g.DestH.ToString());
            using (vb == 1
                       ? w.Block($"for (int v = {begin}; v < {end}; v++)")
                       : w.Block($"for (int v0 = {begin}; v0 < {end}; v0 += {vb})"))
            {
                if (vb > 1)
                    w.Line(g.DestH % vb == 0 ? "int v = v0;"
                        : rows ? $"int v = global::System.Math.Min(v0, vEnd - {vb}); // the last block overlaps the one before"
                        : $"int v = global::System.Math.Min(v0, {g.DestH - vb}); // the last block overlaps the one before");
                if (!plan.GroupMode && !plan.Direct) FillRows(w, ctx, plan, src);
                if (vw.FoldWeights)
                {
                    FoldedGather(w, ctx, plan, vw, forward);
                    return;
                }

                // A range entry computes the channel blocks that start in [uBegin, uEnd) of each group.
                using (rows ? w.Block($"for (int ub = uBegin; ub < uEnd; ub += {ub})") : w.For("ub", g.DestPerGroup, ub))
                {
                    w.Line(BlockStart(g, ub, "g"));
                    GatherTiles(w, vw, tile =>
                    {
                        var cb = tile.Offsets.Length;
                        for (var b = 0; b < ub; b++)
                            for (var r = 0; r < vb; r++)
                                DeclareAccumulators(w, vw, tile, T, $"a{b}_{r}_");
                        w.Line(layout.VStride == 0 ? "nint bo = c0;" : $"nint bo = c0 + {SourceWriter.Times("v", layout.VStride)};");
                        w.Line($"nint wo = u0 * {g.SrcPerGroup * pq};");
                        using (w.Block($"for (int il = 0; il < {g.SrcPerGroup}; il++, bo += {layout.IlStride}, wo += {pq})"))
                        {
                            if (vb == 1)
                            {
                                Taps(w, ctx, plan, vw.GatherTaps, layout.PStride, (bufOffset, weightOffset) =>
                                {
                                    for (var j = 0; j < cb; j++)
                                        w.Line($"var x{j} = {tile.Vector(vw, j)}.LoadUnsafe(ref bufRef, (nuint)({bufOffset}{Plus(tile.Offsets[j])}));");
                                    for (var b = 0; b < ub; b++)
                                    {
                                        w.Line($"var w{b} = {V}.Create({Unsafe}.Add(ref wRef, {weightOffset}{Plus(b * g.SrcPerGroup * pq)}));");
                                        for (var j = 0; j < cb; j++)
                                            w.Line($"a{b}_0_{j} = {tile.Fma(vw, j)}(x{j}, {tile.Narrow(vw, j, $"w{b}")}, a{b}_0_{j});");
                                    }
                                });
                            }
                            else
                            {
                                RowBlockTaps(w, ctx, plan, vw, vb, ub, tile);
                            }
                        }

                        GatherStore(w, ctx, vw, tile, forward);
                    });
                }
            }
        }
    }

    /// <summary>A tile of a gather: its vectors' column offsets from c0, and for each vector the lanes no earlier tile
    /// wrote (null: all of them), which a residual layer stores alone. With <paramref name="Half"/>, the last vector is
    /// half as wide (the row's last half vector or less of columns: half the FMA work of a whole, overlapping vector).</summary>
    private sealed record GatherTile(int[] Offsets, System.Func<int, string?> Keep, bool Half = false)
    {
        private bool IsHalf(int j) => Half && j == Offsets.Length - 1;

        public int Bits(SimdWidth vw, int j) => IsHalf(j) ? vw.Bits / 2 : vw.Bits;

        public string Vector(SimdWidth vw, int j) => VectorType(Bits(vw, j));

        public string Fma(SimdWidth vw, int j) => "Fma" + Bits(vw, j);

        /// <summary>A whole-width broadcast as vector j's width: its lower half for the half vector.</summary>
        public string Narrow(SimdWidth vw, int j, string value) => IsHalf(j) ? $"{vw.Vector}.GetLower({value})" : value;
    }

    /// <summary>Accumulators <paramref name="prefix"/>0 … of a tile, each of its vector's width.</summary>
    private static void DeclareAccumulators(SourceWriter w, SimdWidth vw, GatherTile tile, string T, string prefix)
    {
        if (!tile.Half)
        {
            w.Line($"{vw.Vector}<{T}> " + string.Join(", ", Enumerable.Range(0, tile.Offsets.Length).Select(j => $"{prefix}{j} = default")) + ";");
            return;
        }

        for (var j = 0; j < tile.Offsets.Length; j++)
            w.Line($"{tile.Vector(vw, j)}<{T}> {prefix}{j} = default;");
    }

    /// <summary>
    /// A tile that ends the row with a half-width vector, where the row's last columns fit in half a vector (0 &lt; r ≤
    /// lanes/2 of them after the whole vectors): <paramref name="vectors"/> vectors from <paramref name="start"/>, the
    /// last at <paramref name="length"/> − lanes/2 (overlapping the vector before by lanes/2 − r, whose lanes a residual
    /// layer keeps). Null where the columns do not end that way, or the width has no half with an FMA helper.
    /// </summary>
    private static GatherTile? HalfTile(SimdWidth vw, int start, int length, int vectors)
    {
        var rest = length - start - (vectors - 1) * vw.Lanes;
        if (vw.Bits < 256 || rest <= 0 || rest > vw.Lanes / 2) return null;
        var offsets = Enumerable.Range(0, vectors).Select(j => j < vectors - 1 ? j * vw.Lanes : length - start - vw.Lanes / 2).ToArray();
        var skip = vw.Lanes / 2 - rest;
        return new GatherTile(offsets, j => j == vectors - 1 && skip > 0 ? LanesFrom(vw.Bits / 2, ElementName(vw), skip.ToString()) : null, Half: true);
    }

    /// <summary>
    /// The gather's column tiles (<see cref="Tiling"/>): those of <see cref="TileLoop"/>, or, where the row ends in a
    /// narrower tail, the whole tiles and then the tail tile, clamped to end at the last column.
    /// </summary>
    private static void GatherTiles(SourceWriter w, SimdWidth vw, System.Action<GatherTile> body)
    {
        var tiling = vw.Dest;
        if (tiling.Tiles == 1 && HalfTile(vw, 0, tiling.Length, tiling.Offsets.Length) is { } halfTile)
        {
            using (w.Block($"// one tile, its last vector half as wide: {tiling.Length} columns"))
            {
                w.Line("const int c0 = 0;");
                body(halfTile);
            }

            return;
        }

        if (tiling.TailVectors == 0)
        {
            TileLoop(w, tiling, () => body(new GatherTile(tiling.Offsets, j => Mask(tiling, j, vw))));
            return;
        }

        var whole = tiling.Length / tiling.TileWidth;
        using (whole == 1 ? w.Block("") : w.Block($"for (int t = 0; t < {whole}; t++)"))
        {
            w.Line(whole == 1 ? "const int c0 = 0;" : $"int c0 = t * {tiling.TileWidth};");
            body(new GatherTile(tiling.Offsets, _ => null));
        }

        if (HalfTile(vw, whole * tiling.TileWidth, tiling.Length, tiling.TailVectors) is { } halfTail)
        {
            using (w.Block($"// the last {tiling.Length - whole * tiling.TileWidth} columns: {tiling.TailVectors} vectors, the last half as wide"))
            {
                w.Line($"const int c0 = {whole * tiling.TileWidth};");
                body(halfTail);
            }

            return;
        }

        var start = tiling.Length - tiling.TailVectors * vw.Lanes;
        var skip = whole * tiling.TileWidth - start;
        var vectors = tiling.TailVectors == 1 ? "1 vector" : $"{tiling.TailVectors} vectors";
        using (w.Block($"// the last {tiling.Length - whole * tiling.TileWidth} columns: {vectors}{(skip > 0 ? $", the first overlapping the tile before by {skip} lanes" : "")}"))
        {
            w.Line($"const int c0 = {start};");
            body(new GatherTile([.. Enumerable.Range(0, tiling.TailVectors).Select(j => j * vw.Lanes)],
                j => j == 0 && skip > 0 ? LanesFrom(vw.Bits, ElementName(vw), skip.ToString()) : null));
        }
    }

    /// <summary>The register block's epilogue: bias and activation on Forward, stored to the destination rows.</summary>
    private static void GatherStore(SourceWriter w, KernelContext ctx, SimdWidth vw, GatherTile tile, bool forward)
    {
        var g = ctx.Geometry;
        var s = ctx.Spec;
        var V = vw.Vector;
        var ub = vw.GatherBlock;
        var vb = vw.GatherRows;
        var cb = tile.Offsets.Length;
        var residual = forward && s.Residual;
        for (var r = 0; r < vb; r++)
        {
            w.Line($"nint yo{r} = u0 * {g.DestPlane} + {(r == 0 ? "v" : $"(v + {r})")} * {g.DestW} + c0;");
            // With a residual (which may be the output itself), rows and channels a clamped last block shares with the
            // block before are already final: not stored again (the biases are read first, outside those conditions).
            if (residual && s.Bias && r == 0)
                for (var b = 0; b < ub; b++)
                    w.Line($"var bias{b} = {V}.Create(b[u0{Plus(b)}]);");
            using (residual && g.DestH % vb != 0 && r < vb - g.DestH % vb ? w.Block($"if ({r} >= v0 - v)") : null)
                for (var b = 0; b < ub; b++)
                {
                    if (forward && s.Bias && r == 0 && !residual) w.Line($"var bias{b} = {V}.Create(b[u0{Plus(b)}]);");
                    var overlapped = residual && g.DestPerGroup % ub != 0 && b < ub - g.DestPerGroup % ub;
                    using (overlapped ? w.Block($"if ({b} >= ub - (u0 - g * {g.DestPerGroup}))") : null)
                        for (var j = 0; j < cb; j++)
                            StoreForward(w, ctx, vw, forward && s.Bias ? $"a{b}_{r}_{j} + {tile.Narrow(vw, j, $"bias{b}")}" : $"a{b}_{r}_{j}",
                                $"yo{r}{Plus(b * g.DestPlane + tile.Offsets[j])}", forward, tile.Keep(j), tile.Bits(vw, j));
                }
        }
    }

    /// <summary>
    /// Stores one destination vector; on Forward with bias, residual and activation. With a residual, the lanes an earlier
    /// vector of the row already finished (the clamped last vector or tile overlaps the one before) keep their value:
    /// in place, the residual there has been overwritten.
    /// </summary>
    private static void StoreForward(SourceWriter w, KernelContext ctx, SimdWidth vw, string sum, string at, bool forward, string? keep, int? bits = null)
    {
        var s = ctx.Spec;
        var width = bits ?? vw.Bits;
        var V = VectorType(width);
        if (forward && s.Residual) sum += $" + {V}.LoadUnsafe(ref rRef, (nuint)({at}))";
        var value = forward ? ActivationCode.Vector(s.Activation, width, s.Element, sum) : sum;
        if (forward && s.Residual && keep is not null)
            value = $"{V}.ConditionalSelect({keep}, {value}, {V}.LoadUnsafe(ref dRef, (nuint)({at})))";
        w.Line($"{V}.StoreUnsafe({value}, ref dRef, (nuint)({at}));");
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
        var layout = plan.GatherBuffer;
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
                // With a residual, the channels this clamped block shares with the block before are already final.
                for (var b = forward && s.Residual ? block * ub - u0 : 0; b < ub; b++)
                {
                    if (forward && s.Bias) w.Line($"var bias{b} = {V}.Create(b[{u0 + b}]);");
                    for (var j = 0; j < cb; j++)
                        StoreForward(w, ctx, vw, forward && s.Bias ? $"a{b}_{j} + bias{b}" : $"a{b}_{j}",
                            $"yo{Plus(b * g.DestPlane + vw.Dest.Offsets[j])}", forward, Mask(vw.Dest, j, vw));
                }
            });
        }
    }

    /// <summary>
    /// The taps of a block of <paramref name="vb"/> output rows: for each padded row k of the block's window and
    /// kernel column q, the row's vectors are loaded once and feed every (output row, kernel row) pair that reads them.
    /// </summary>
    private static void RowBlockTaps(SourceWriter w, KernelContext ctx, SimdPlan plan, SimdWidth vw, int vb, int ub, GatherTile tile)
    {
        var offsets = tile.Offsets;
        var cb = offsets.Length;
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
                        w.Line($"var x{j} = {tile.Vector(vw, j)}.LoadUnsafe(ref bufRef, (nuint)(bo{Plus(k * plan.GatherBuffer.RowStride + plan.TapOffset(s, q) + offsets[j])}));");
                    foreach (var (r, p) in uses)
                        for (var b = 0; b < ub; b++)
                        {
                            w.Line($"var w{b}_{r} = {V}.Create({Unsafe}.Add(ref wRef, wo{Plus(b * g.SrcPerGroup * pq + g.KernelRow(p) * s.Q + g.KernelCol(q))}));");
                            for (var j = 0; j < cb; j++)
                                w.Line($"a{b}_{r}_{j} = {tile.Fma(vw, j)}(x{j}, {tile.Narrow(vw, j, $"w{b}_{r}")}, a{b}_{r}_{j});");
                        }
                }
            }
        }
    }
}
