using System.Collections.Generic;
using System.Linq;
using ConvGen.Model;

namespace ConvGen.Emitting;

internal enum LoopKind
{
    /// <summary>Each destination element is a sum over its taps (Forward of [Conv2D], Transpose of [ConvTranspose2D]).</summary>
    Gather,

    /// <summary>Each destination element adds into the source elements its taps reach (the other direction).</summary>
    Scatter,

    /// <summary>Each tap adds source × destination into its weight's gradient.</summary>
    WeightsGradient,

    /// <summary>Each tap adds its weight into M.</summary>
    Matrix,
}

/// <summary>
/// Compact kernels for layers above the unroll budget: loops over destination channels, rows and columns;
/// where the whole kernel window lies inside the source ("interior") a runtime loop over the group's channels
/// runs the window unrolled with constant offsets; on the border each tap goes through a row and a column map
/// (padded coordinate → source coordinate, −1 for zero padding), which is also how the padding modes are read.
/// </summary>
internal static class LoopedKernels
{
    private const int MaxUnrolledWindow = 64;

    /// <param name="src">Name of the source-side span (read for Gather and WeightsGradient, written for Scatter).</param>
    /// <param name="dest">Name of the destination-side span (written for Gather, read otherwise).</param>
    /// <param name="packed">The weights are packed (<c>PackWeights</c>: [group][il][p][q][u]; a gather only).</param>
    public static void Emit(SourceWriter w, KernelContext ctx, LoopKind kind, string src, string dest, bool forward, bool packed = false)
    {
        var g = ctx.Geometry;
        var s = ctx.Spec;
        var (rowLo, rowHi) = g.InteriorRows();
        var (colLo, colHi) = g.InteriorCols();
        var rowsAllInterior = rowLo == 0 && rowHi == g.DestH - 1;
        var colsAllInterior = colLo == 0 && colHi == g.DestW - 1;
        var needBorder = !(rowsAllInterior && colsAllInterior);
        var hasInterior = rowLo <= rowHi && colLo <= colHi;
        var window = s.P * s.Q;
        var unrollWindow = window <= MaxUnrolledWindow;

        if (kind == LoopKind.Scatter) w.Line(ScatterStart(ctx, src, forward));
        if (needBorder) w.Line(MapLocals(g));

        using (w.Block($"for (int u = 0; u < {g.DestC}; u++)"))
        {
            w.Line(g.Spec.Groups == 1 ? "const int src0 = 0; // one group: every source channel" : $"int src0 = u / {g.DestPerGroup} * {g.SrcPerGroup * g.SrcPlane}; // first source channel of u's group");
            w.Line(packed
                ? $"int w0 = u / {g.DestPerGroup} * {g.SrcPerGroup * window * g.DestPerGroup} + u % {g.DestPerGroup}; // u's weights, packed: one every {g.DestPerGroup}"
                : $"int w0 = u * {g.SrcPerGroup * window}; // u's filter");
            using (w.Block($"for (int v = 0; v < {g.DestH}; v++)"))
            {
                if (needBorder && hasInterior && !rowsAllInterior)
                    w.Line($"bool rowInside = (uint)(v - {rowLo}) <= {rowHi - rowLo}u;");
                using (w.Block($"for (int col = 0; col < {g.DestW}; col++)"))
                {
                    w.Line($"int at = u * {g.DestPlane} + v * {g.DestW} + col;");
                    switch (kind)
                    {
                        case LoopKind.Gather: w.Line($"{ctx.T} acc = {ctx.Zero};"); break;
                        case LoopKind.Matrix: break;
                        default: w.Line($"{ctx.T} val = {dest}[at];"); break;
                    }

                    var interiorCondition = !needBorder ? null
                        : !hasInterior ? "false"
                        : string.Join(" && ", new[]
                        {
                            rowsAllInterior ? null : "rowInside",
                            colsAllInterior ? null : $"(uint)(col - {colLo}) <= {colHi - colLo}u",
                        }.Where(c => c is not null));

                    if (hasInterior)
                    {
                        if (interiorCondition is null) EmitInterior(w, ctx, kind, src, unrollWindow, packed);
                        else using (w.Block($"if ({interiorCondition})")) EmitInterior(w, ctx, kind, src, unrollWindow, packed);
                    }

                    if (needBorder)
                    {
                        if (hasInterior) using (w.Block("else")) EmitBorder(w, ctx, kind, src, packed);
                        else EmitBorder(w, ctx, kind, src, packed);
                    }

                    if (kind == LoopKind.Gather)
                    {
                        var value = "acc" + (forward && s.Bias ? " + b[u]" : "") + (forward && s.Residual ? " + res[at]" : "");
                        w.Line($"{dest}[at] = {(forward ? ctx.Activate(value) : value)};");
                    }
                }
            }
        }
    }

    /// <summary>A scatter adds into its destination: cleared, or (a transposed layer's Forward with a residual) the
    /// residual itself, copied unless it is the output (in place; CopyTo onto itself would be a no-op anyway).</summary>
    public static string ScatterStart(KernelContext ctx, string span, bool forward) =>
        forward && ctx.Spec.Residual ? $"res.CopyTo({span});" : $"{span}.Clear();";

    /// <summary>Weights from one tap to the next, and from one input channel to the next, in the layout read.</summary>
    private static (int Tap, int Il) WeightStrides(KernelContext ctx, bool packed)
    {
        var window = ctx.Spec.P * ctx.Spec.Q;
        return packed ? (ctx.Geometry.DestPerGroup, window * ctx.Geometry.DestPerGroup) : (1, window);
    }

    private static void EmitInterior(SourceWriter w, KernelContext ctx, LoopKind kind, string src, bool unrollWindow, bool packed)
    {
        var g = ctx.Geometry;
        var s = ctx.Spec;
        var (tap, ilStride) = WeightStrides(ctx, packed);
        w.Line($"int o = src0 + ({SourceWriter.Times("v", s.StrideH)} - {s.PadTop}) * {g.SrcW} + {SourceWriter.Times("col", s.StrideW)} - {s.PadLeft};");
        w.Line("int k = w0;");
        using (w.Block($"for (int il = 0; il < {g.SrcPerGroup}; il++, o += {g.SrcPlane}, k += {ilStride})"))
        {
            if (unrollWindow)
            {
                var taps = new List<(string SrcIndex, string WeightIndex)>();
                for (var p = 0; p < s.P; p++)
                    for (var q = 0; q < s.Q; q++)
                        taps.Add((Offset("o", p * s.DilationH * g.SrcW + q * s.DilationW), Offset("k", (g.KernelRow(p) * s.Q + g.KernelCol(q)) * tap)));
                if (kind == LoopKind.Gather)
                {
                    w.Line("acc += " + string.Join(" + ", taps.Select(t => $"{src}[{t.SrcIndex}] * {ctx.WeightsSpan}[{t.WeightIndex}]")) + ";");
                }
                else
                {
                    foreach (var (si, wi) in taps) w.Line(Tap(ctx, kind, src, si, wi));
                }
            }
            else
            {
                using (w.Block($"for (int p = 0; p < {s.P}; p++)"))
                using (w.Block($"for (int q = 0; q < {s.Q}; q++)"))
                {
                    w.Line($"int oo = o + p * {s.DilationH * g.SrcW} + q * {s.DilationW};");
                    w.Line($"int kk = k + {KernelIndex(ctx, tap)};");
                    w.Line(kind == LoopKind.Gather ? $"acc += {src}[oo] * {ctx.WeightsSpan}[kk];" : Tap(ctx, kind, src, "oo", "kk"));
                }
            }
        }
    }

    private static void EmitBorder(SourceWriter w, KernelContext ctx, LoopKind kind, string src, bool packed)
    {
        var g = ctx.Geometry;
        var s = ctx.Spec;
        var (tap, ilStride) = WeightStrides(ctx, packed);
        using (w.Block($"for (int p = 0; p < {s.P}; p++)"))
        {
            w.Line($"int r = rowMap[{SourceWriter.Times("v", s.StrideH)} + {SourceWriter.Times("p", s.DilationH)}];");
            w.Line("if (r < 0) continue;");
            using (w.Block($"for (int q = 0; q < {s.Q}; q++)"))
            {
                w.Line($"int c = colMap[{SourceWriter.Times("col", s.StrideW)} + {SourceWriter.Times("q", s.DilationW)}];");
                w.Line("if (c < 0) continue;");
                w.Line($"int o = src0 + r * {g.SrcW} + c;");
                w.Line($"int k = w0 + {KernelIndex(ctx, tap)};");
                using (w.Block($"for (int il = 0; il < {g.SrcPerGroup}; il++, o += {g.SrcPlane}, k += {ilStride})"))
                    w.Line(kind == LoopKind.Gather ? $"acc += {src}[o] * {ctx.WeightsSpan}[k];" : Tap(ctx, kind, src, "o", "k"));
            }
        }
    }

    /// <summary>One tap's statement for the kinds that write per tap.</summary>
    private static string Tap(KernelContext ctx, LoopKind kind, string src, string srcIndex, string weightIndex) => kind switch
    {
        LoopKind.Scatter => $"{src}[{srcIndex}] += val * {ctx.WeightsSpan}[{weightIndex}];",
        LoopKind.WeightsGradient => $"g[{weightIndex}] += {src}[{srcIndex}] * val;",
        // Rows of M are the layer's output elements, columns its input elements.
        _ => ctx.Geometry.IsConv
            ? $"m[at * {ctx.Geometry.InputLength} + {srcIndex}] += {ctx.WeightsSpan}[{weightIndex}];"
            : $"m[({srcIndex}) * {ctx.Geometry.InputLength} + at] += {ctx.WeightsSpan}[{weightIndex}];",
    };

    /// <summary>The weight offset of tap (p, q) within a filter channel, as code over the loop variables p and q.</summary>
    private static string KernelIndex(KernelContext ctx, int tap)
    {
        var index = ctx.Spec.Flip ? $"({ctx.Spec.P - 1} - p) * {ctx.Spec.Q} + {ctx.Spec.Q - 1} - q" : $"p * {ctx.Spec.Q} + q";
        return tap == 1 ? index : $"({index}) * {tap}";
    }

    private static string Offset(string name, int offset) => offset == 0 ? name : $"{name} + {offset}";

    /// <summary>Maps longer than this become a formula (an indexer on a struct) instead of a table, so that no
    /// shape (a huge stride, say) makes the source grow with the padded extent.</summary>
    public const int MaxMapTable = 4096;

    /// <summary>The type of a map local: a span over the table, or the formula struct.</summary>
    public static string MapType(Geometry g, bool rows) =>
        (rows ? g.PaddedHeight : g.PaddedWidth) <= MaxMapTable ? "global::System.ReadOnlySpan<int>" : rows ? "RowIndex" : "ColIndex";

    /// <summary>Declares the locals rowMap and colMap.</summary>
    public static string MapLocals(Geometry g) =>
        $"{MapType(g, true)} rowMap = {(g.PaddedHeight <= MaxMapTable ? "RowMap" : "default")}; " +
        $"{MapType(g, false)} colMap = {(g.PaddedWidth <= MaxMapTable ? "ColMap" : "default")};";

    /// <summary>The row and column maps the border code reads (padded coordinate → source coordinate or −1).</summary>
    public static void EmitMaps(SourceWriter w, KernelContext ctx)
    {
        var g = ctx.Geometry;
        var s = ctx.Spec;
        Map(w, "Row", "row", g.PaddedHeight, g.MapRow, s.PadTop, g.SrcH, s.PaddingMode);
        Map(w, "Col", "column", g.PaddedWidth, g.MapCol, s.PadLeft, g.SrcW, s.PaddingMode);
    }

    private static void Map(SourceWriter w, string name, string noun, int length, System.Func<int, int> map, int pad, int n, PaddingMode mode)
    {
        if (length <= MaxMapTable)
        {
            // Arrays, not `ReadOnlySpan<int> => new int[] {…}` properties: those allocate on every read in Debug builds.
            w.Line($"/// <summary>Padded {noun} → source {noun} (−1: zero padding).</summary>");
            w.Line($"private static readonly int[] {name}Map = {{ {string.Join(", ", Enumerable.Range(0, length).Select(map))} }};");
            return;
        }

        var body = mode switch
        {
            PaddingMode.Reflect => $"i < {pad} ? {pad} - i : i - {pad} >= {n} ? {2 * (n - 1) + pad} - i : i - {pad}",
            PaddingMode.Replicate => $"i < {pad} ? 0 : i - {pad} >= {n} ? {n - 1} : i - {pad}",
            PaddingMode.Circular => $"((i - {pad}) % {n} + {n}) % {n}",
            _ => $"(uint)(i - {pad}) < {n}u ? i - {pad} : -1",
        };
        w.Line($"/// <summary>Padded {noun} → source {noun} (−1: zero padding), as a formula: the table would have {length} entries.</summary>");
        using (w.Block($"private readonly struct {name}Index"))
            w.Line($"public int this[int i] => {body};");
    }

    public static bool NeedsMaps(Geometry g)
    {
        var (rowLo, rowHi) = g.InteriorRows();
        var (colLo, colHi) = g.InteriorCols();
        return !(rowLo == 0 && rowHi == g.DestH - 1 && colLo == 0 && colHi == g.DestW - 1);
    }
}
