using System.Collections.Generic;
using System.Linq;
using ConvGen.Model;
using ConvGen.Planning;

namespace ConvGen.Emitting;

/// <summary>The WeightsGradient kernels.</summary>
internal static partial class SimdKernels
{
    /// <summary>WeightsGradient: g[u, il, p, q] += Σ over destination positions of src(tap) · dest.</summary>
    public static void EmitGradient(SourceWriter w, KernelContext ctx, SimdPlan plan, SimdWidth vw, string src, string dest)
    {
        var g = ctx.Geometry;
        var s = ctx.Spec;
        var T = ctx.T;
        var V = vw.Vector;
        var ub = vw.GradBlock;
        var rs = plan.RowStride;
        w.Line($"{Names.Span}<{T}> chan = stackalloc {T}[{plan.ChannelBufferLength}];");
        w.Line($"ref {T} bufRef = ref {Marshal}.GetReference(chan);");
        w.Line($"ref {T} dRef = ref {Marshal}.GetReference({dest});");
        w.Line($"ref {T} gRef = ref {Marshal}.GetReference(g);");
        w.Line(LoopedKernels.MapLocals(ctx.Geometry));
        if (g.DestW % vw.Lanes != 0)
            w.Line($"var tailKeep = {LanesFrom(vw.Bits, T, (vw.Lanes - g.DestW % vw.Lanes).ToString())};");
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
                w.Line(BlockStart(g, ub, "gr"));
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
                GradientRows(w, ctx, plan, vw, taps);
                GradientSums(w, ctx, vw, taps);

                qBlock?.Dispose();
                pBlock?.Dispose();
            }
        }
    }

    /// <summary>One pass over the destination rows: each destination vector meets the source vectors of every tap in
    /// <paramref name="taps"/> (−1: the runtime loop's p or q).</summary>
    private static void GradientRows(SourceWriter w, KernelContext ctx, SimdPlan plan, SimdWidth vw, List<(int P, int Q)> taps)
    {
        var g = ctx.Geometry;
        var s = ctx.Spec;
        var T = ctx.T;
        var V = vw.Vector;
        var ub = vw.GradBlock;
        var rs = plan.RowStride;
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
    }

    /// <summary>The accumulators summed across lanes into the gradient; a clamped last block skips the channels the
    /// block before already counted.</summary>
    private static void GradientSums(SourceWriter w, KernelContext ctx, SimdWidth vw, List<(int P, int Q)> taps)
    {
        var g = ctx.Geometry;
        var s = ctx.Spec;
        var V = vw.Vector;
        var ub = vw.GradBlock;
        var pq = s.P * s.Q;
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
    }
}
