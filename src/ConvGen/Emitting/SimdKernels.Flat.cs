using System.Linq;
using ConvGen.Planning;

namespace ConvGen.Emitting;

/// <summary>The gather of a pointwise layer, which reads its source planes in place.</summary>
internal static partial class SimdKernels
{
    /// <summary>
    /// The gather of a pointwise layer (<see cref="SimdWidth.Flat"/>): dest[u, k] = Σ_i w[u, i]·src[i, k], each plane's
    /// positions k one row read in place (no buffer), tiles of up to four vectors, register blocks of channels, broadcast
    /// weights, FMA. A row range is positions vBegin·W … vEnd·W − 1 of the planes. The positions the whole tiles leave
    /// take one tile of as many vectors as they need, clamped to end at the range's end (its first vector overlaps the
    /// tile before; with a residual, the lanes already written keep their value).
    /// </summary>
    private static void FlatGather(SourceWriter w, KernelContext ctx, SimdWidth vw, string src, string dest, bool forward, bool rows)
    {
        var g = ctx.Geometry;
        var s = ctx.Spec;
        var T = ctx.T;
        var ub = vw.GatherBlock;
        var lanes = vw.Lanes;
        var tile = vw.FlatVectors * lanes;
        w.Line($"ref {T} xRef = ref {Marshal}.GetReference({src});");
        w.Line(WeightsRef(ctx));
        w.Line($"ref {T} dRef = ref {Marshal}.GetReference({dest});");
        if (forward && s.Residual) w.Line($"ref {T} rRef = ref {Marshal}.GetReference(res);");
        w.Line("const int v = 0; // a plane is one row");
        w.Line(rows
            ? $"nint cBegin = (nint)vBegin * {g.DestW}, cEnd = (nint)vEnd * {g.DestW};"
            : $"nint cBegin = 0, cEnd = {g.DestPlane};");
        using (rows && s.Groups > 1 ? w.Block("for (int g = gBegin; g < gEnd; g++)") : w.For("g", s.Groups))
        using (rows ? w.Block($"for (int ub = uBegin; ub < uEnd; ub += {ub})") : w.For("ub", g.DestPerGroup, ub))
        {
            w.Line(BlockStart(g, ub, "g"));
            w.Line("nint c = cBegin;");
            using (w.Block($"for (; c + {tile} <= cEnd; c += {tile})"))
            {
                w.Line("nint c0 = c;");
                FlatTile(w, ctx, vw, new GatherTile([.. Enumerable.Range(0, vw.FlatVectors).Select(j => j * lanes)], _ => null), forward);
            }

            using (w.Block("if (c < cEnd)"))
            {
                w.Line($"// the last cEnd − c < {tile} positions: as many vectors as they need, the first overlapping the tile before");
                w.Line($"int n = (int)((cEnd - c + {lanes - 1}) / {lanes});");
                w.Line($"nint c0 = cEnd - n * {lanes};");
                var keep = LanesFrom(vw.Bits, T, "(c - c0)");
                for (var n = 1; n <= vw.FlatVectors; n++)
                {
                    var condition = n == vw.FlatVectors ? "" : $"if (n == {n})";
                    using (w.Block(n == 1 ? condition : n == vw.FlatVectors ? "else" : "else " + condition))
                        FlatTile(w, ctx, vw, new GatherTile([.. Enumerable.Range(0, n).Select(j => j * lanes)], j => j == 0 ? keep : null), forward);
                }
            }
        }
    }

    /// <summary>One register block of the flat gather: channels u0 … u0 + GatherBlock − 1 at positions c0 + the tile's offsets.</summary>
    private static void FlatTile(SourceWriter w, KernelContext ctx, SimdWidth vw, GatherTile tile, bool forward)
    {
        var g = ctx.Geometry;
        var T = ctx.T;
        var V = vw.Vector;
        var cb = tile.Offsets.Length;
        for (var b = 0; b < vw.GatherBlock; b++)
            DeclareAccumulators(w, vw, tile, T, $"a{b}_0_");
        w.Line($"nint xo = g * {g.SrcPerGroup * g.SrcPlane} + c0;");
        w.Line($"nint wo = u0 * {g.SrcPerGroup};");
        using (w.Block($"for (int il = 0; il < {g.SrcPerGroup}; il++, xo += {g.SrcPlane}, wo++)"))
        {
            for (var j = 0; j < cb; j++)
                w.Line($"var x{j} = {V}.LoadUnsafe(ref xRef, (nuint)(xo{Plus(tile.Offsets[j])}));");
            for (var b = 0; b < vw.GatherBlock; b++)
            {
                w.Line($"var w{b} = {V}.Create({Unsafe}.Add(ref wRef, wo{Plus(b * g.SrcPerGroup)}));");
                for (var j = 0; j < cb; j++)
                    w.Line($"a{b}_0_{j} = Fma{vw.Bits}(x{j}, w{b}, a{b}_0_{j});");
            }
        }

        GatherStore(w, ctx, vw, tile, forward);
    }
}
