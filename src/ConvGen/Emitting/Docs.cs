using ConvGen.Model;
using ConvGen.Planning;

namespace ConvGen.Emitting;

/// <summary>The XML documentation of generated members: shapes, formulas with their values, M and the strategy.</summary>
internal static class Docs
{
    public static string OutputSizeFormula(KernelContext ctx, bool vertical)
    {
        var s = ctx.Spec;
        var (n, pad0, pad1, dil, k, stride, outPad, result, a, b, c) = vertical
            ? (s.H, s.PadTop, s.PadBottom, s.DilationH, s.P, s.StrideH, s.OutputPaddingH, ctx.Geometry.OutH, "H", "padTop", "padBottom")
            : (s.W, s.PadLeft, s.PadRight, s.DilationW, s.Q, s.StrideW, s.OutputPaddingW, ctx.Geometry.OutW, "W", "padLeft", "padRight");
        var axis = vertical ? "H" : "W";
        var kName = vertical ? "P" : "Q";
        return s.Kind == LayerKind.Conv2D
            ? $"floor(({a} + {b} + {c} − dilation{axis}·({kName}−1) − 1) / stride{axis}) + 1 = floor(({n} + {pad0} + {pad1} − {dil}·{k - 1} − 1) / {stride}) + 1 = {result}"
            : $"({a}−1)·stride{axis} − {b} − {c} + dilation{axis}·({kName}−1) + outputPadding{axis} + 1 = {n - 1}·{stride} − {pad0} − {pad1} + {dil}·{k - 1} + {outPad} + 1 = {result}";
    }

    public static string WeightsLayout(KernelContext ctx)
    {
        var s = ctx.Spec;
        return s.Kind == LayerKind.Conv2D
            ? $"D × C/Groups × P × Q = {s.D} × {s.C / s.Groups} × {s.P} × {s.Q}"
            : $"C × D/Groups × P × Q = {s.C} × {s.D / s.Groups} × {s.P} × {s.Q}";
    }

    /// <summary>The shared remarks block: the layer, its sizes and M.</summary>
    public static void Remarks(SourceWriter w, KernelContext ctx)
    {
        var s = ctx.Spec;
        var g = ctx.Geometry;
        var options = $"stride {s.StrideH}×{s.StrideW}, dilation {s.DilationH}×{s.DilationW}, padding top {s.PadTop} bottom {s.PadBottom} left {s.PadLeft} right {s.PadRight} ({s.PaddingMode.ToString().ToLowerInvariant()})";
        if (s.Kind == LayerKind.ConvTranspose2D) options += $", output padding {s.OutputPaddingH}×{s.OutputPaddingW}";
        if (s.Groups != 1) options += $", groups {s.Groups}";
        if (s.Flip) options += ", flipped kernel (true convolution)";
        w.Line("/// <remarks>");
        w.Line($"/// <para>[{s.AttributeName}] {Literals.TypeName(s.Element)}: input C×H×W = {s.C}×{s.H}×{s.W} → output D×H'×W' = {s.D}×{g.OutH}×{g.OutW}; kernel {s.P}×{s.Q}; {options}.</para>");
        w.Line($"/// <para>H' = {OutputSizeFormula(ctx, vertical: true)}; W' = {OutputSizeFormula(ctx, vertical: false)}.</para>");
        w.Line($"/// <para>M is {g.OutputLength} × {g.InputLength} (OutputLength × InputLength) {(g.MatrixNonZeros() is { } nonZeros ? $"with {nonZeros} non-zero entries for generic weights" : "(its non-zero entries too many to count here)")}; weights {WeightsLayout(ctx)}{(s.Weights is null ? "" : ", constant")}.</para>");
        w.Line($"/// <para>Code: {Strategy(ctx)}; {ctx.Plan.Macs} multiply-adds per sample.</para>");
        w.Line("/// </remarks>");
    }

    private static string Strategy(KernelContext ctx)
    {
        if (ctx.Plan.Kernels == Planning.Strategy.Unrolled)
            return "straight-line, one expression per element, every index constant";
        var why = ctx.Plan.FullOverBudget
            ? $"Unroll = Full exceeds the budget of {Plan.FullUnrollBudget} multiply-adds"
            : $"above the unroll budget of {Plan.AutoUnrollBudget} multiply-adds";
        var simd = new SimdPlan(ctx.Geometry);
        if (simd.Widths.Count == 0)
            return $"loops ({why}; the output is narrower than a vector), the kernel window unrolled in the interior, row/column maps on the border";
        var widths = string.Join("/", System.Linq.Enumerable.Select(simd.Widths, x => x.Bits.ToString()));
        return $"loops ({why}) over output rows with Vector{widths} kernels: source rows copied into a padded, stride-phase-split stack buffer " +
               $"(≤ {SimdPlan.MaxScratchBytes / 1024} KiB), register blocks of channels × vectors, broadcast weights, FMA; scalar loops where no vector width is accelerated";
    }
}
