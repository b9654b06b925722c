using System.Linq;
using ConvGen.Model;
using ConvGen.Planning;

namespace ConvGen.Emitting;

/// <summary>The XML documentation of generated members: shapes, formulas with their values, M and the strategy.</summary>
internal static class Docs
{
    /// <summary>"strideH" on a 2-D or 3-D layer; "stride" on a 1-D one, whose only axis has no per-axis forms.</summary>
    private static string Named(Layer layer, string what, int axis) => layer.Rank == 1 ? what : what + layer.Info.Axes[axis].Letter;

    /// <summary>The output size formula of axis <paramref name="axis"/>, with its values and result.</summary>
    public static string OutputSizeFormula(Layer layer, int axis)
    {
        var names = layer.Info.Axes[axis];
        var a = layer.Axes[axis];
        var (n, k) = (names.Letter, names.Kernel.ToUpperInvariant());
        var (begin, end) = ("pad" + names.BeginSide.Substring(0, 1).ToUpperInvariant() + names.BeginSide.Substring(1),
            "pad" + names.EndSide.Substring(0, 1).ToUpperInvariant() + names.EndSide.Substring(1));
        var (stride, dilation) = (Named(layer, "stride", axis), Named(layer, "dilation", axis));
        var result = layer.OutputSize(axis);
        return layer.Transposed
            ? $"({n}−1)·{stride} − {begin} − {end} + {dilation}·({k}−1) + {Named(layer, "outputPadding", axis)} + 1 = {a.Size - 1}·{a.Stride} − {a.PadBegin} − {a.PadEnd} + {a.Dilation}·{a.Kernel - 1} + {a.OutputPadding} + 1 = {result}"
            : $"floor(({n} + {begin} + {end} − {dilation}·({k}−1) − 1) / {stride}) + 1 = floor(({a.Size} + {a.PadBegin} + {a.PadEnd} − {a.Dilation}·{a.Kernel - 1} − 1) / {a.Stride}) + 1 = {result}";
    }

    /// <summary>"D × C/Groups × P × Q = 8 × 1 × 3 × 3" (C × D/Groups × … for a transposed layer).</summary>
    public static string WeightsLayout(Layer layer)
    {
        var kernels = string.Concat(layer.Info.Axes.Select(a => " × " + a.Kernel.ToUpperInvariant()));
        var values = string.Concat(layer.Axes.Select(a => " × " + a.Kernel));
        var (first, second) = layer.WeightsChannels;
        return layer.Transposed
            ? $"C × D/Groups{kernels} = {first} × {second}{values}"
            : $"D × C/Groups{kernels} = {first} × {second}{values}";
    }

    /// <summary>"C×H×W": a sample's dimensions by letter, with <paramref name="channel"/> first and primes on outputs.</summary>
    public static string Dimensions(Layer layer, string channel, bool output, string separator = "×") =>
        channel + string.Concat(layer.Info.Axes.Select(a => separator + a.Letter + (output ? "'" : "")));

    public static string Sizes(Layer layer, bool output, string separator = "×") =>
        (output ? layer.D : layer.C) + string.Concat(Enumerable.Range(0, layer.Rank).Select(i => separator + (output ? layer.OutputSize(i) : layer.Axes[i].Size)));

    /// <summary>The flat index of element [u, v, w] (or [u, t, v, w]…) in a sample, as the docs of M write it.</summary>
    public static string FlatIndex(Layer layer, bool output, string[] names)
    {
        var dims = layer.Info.Axes.Select(a => a.Letter + (output ? "'" : "")).ToArray();
        return string.Join(" + ", names.Select((n, i) => string.Concat(dims.Skip(i).Select(d => d + "·")) is var f && f.Length > 0 ? n + "·" + f.TrimEnd('·') : n));
    }

    /// <summary>The shared remarks block: the layer, its sizes and M.</summary>
    public static void Remarks(SourceWriter w, KernelContext ctx)
    {
        var layer = ctx.Layer;
        var axes = Enumerable.Range(0, layer.Rank).ToArray();
        string Join(System.Func<int, object> f) => string.Join("×", axes.Select(f));
        var padding = string.Join(" ", axes.Select(i => $"{layer.Info.Axes[i].BeginSide} {layer.Axes[i].PadBegin} {layer.Info.Axes[i].EndSide} {layer.Axes[i].PadEnd}"));
        var options = $"stride {Join(i => layer.Axes[i].Stride)}, dilation {Join(i => layer.Axes[i].Dilation)}, padding {padding} ({layer.PaddingMode.ToString().ToLowerInvariant()})";
        if (layer.Transposed) options += $", output padding {Join(i => layer.Axes[i].OutputPadding)}";
        if (layer.Groups != 1) options += $", groups {layer.Groups}";
        if (layer.Flip) options += ", flipped kernel (true convolution)";
        var formulas = string.Join("; ", axes.Select(i => $"{layer.Info.Axes[i].Letter}' = {OutputSizeFormula(layer, i)}"));
        w.Line("/// <remarks>");
        w.Line($"/// <para>[{layer.Info.Name}] {Literals.TypeName(layer.Element)}: input {Dimensions(layer, "C", false)} = {Sizes(layer, false)} → output {Dimensions(layer, "D", true)} = {Sizes(layer, true)}; kernel {Join(i => layer.Axes[i].Kernel)}; {options}.</para>");
        w.Line($"/// <para>{formulas}.</para>");
        w.Line($"/// <para>M is {layer.OutputLength} × {layer.InputLength} (OutputLength × InputLength) {(layer.MatrixNonZeros() is { } nonZeros ? $"with {nonZeros} non-zero entries for generic weights" : "(its non-zero entries too many to count here)")}; weights {WeightsLayout(layer)}{(layer.Weights is null ? "" : ", constant")}.</para>");
        w.Line($"/// <para>Code: {Strategy(ctx)}; {layer.MacsPerSample()} multiply-adds per sample.</para>");
        w.Line("/// </remarks>");
    }

    private static string Strategy(KernelContext ctx)
    {
        var planar = PlanarStrategy(ctx);
        var layer = ctx.Layer;
        if (layer.Rank != 3) return planar;
        var depth = layer.Axes[0];
        return layer.Transposed
            ? $"one input depth slice at a time ({depth.Size} of them): its C planes gathered, the 2-D transposed kernels write D·R = {layer.D}·{depth.Kernel} planes, each added into the output slice its depth tap reaches, then bias and activation; the 2-D kernels: {planar}"
            : $"one output depth slice at a time ({layer.OutputSize(0)} of them): the C·R = {layer.C}·{depth.Kernel} input planes its depth taps read gathered (zero planes in the padding), then the 2-D kernels: {planar}";
    }

    private static string PlanarStrategy(KernelContext ctx)
    {
        if (ctx.Plan.Kernels == Planning.Strategy.Unrolled)
            return "straight-line, one expression per element, every index constant";
        var why = ctx.Plan.FullOverBudget
            ? $"Unroll = Full exceeds the budget of {Plan.FullUnrollBudget} multiply-adds"
            : $"above the unroll budget of {Plan.AutoUnrollBudget} multiply-adds";
        var simd = new SimdPlan(ctx.Geometry);
        if (simd.Widths.Count == 0)
            return $"loops ({why}; the output is narrower than a vector), the kernel window unrolled in the interior, row/column maps on the border";
        var widths = string.Join("/", simd.Widths.Select(x => x.Bits.ToString()));
        return $"loops ({why}) over output rows with Vector{widths} kernels: source rows copied into a padded, stride-phase-split stack buffer " +
               $"(≤ {SimdPlan.MaxScratchBytes / 1024} KiB), register blocks of channels × vectors, broadcast weights, FMA; scalar loops where no vector width is accelerated";
    }
}
