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
            : layer.Pool is { CeilMode: true }
                ? $"ceil(({n} + {begin} + {end} − {dilation}·({k}−1) − 1) / {stride}) + 1 = ceil(({a.Size} + {a.PadBegin} + {a.PadEnd} − {a.Dilation}·{a.Kernel - 1} − 1) / {a.Stride}) + 1" +
                  (result < (a.Padded - a.DilatedKernel + a.Stride - 1) / a.Stride + 1 ? $" − 1 = {result} (a last window would start in the {names.EndSide} padding)" : $" = {result}")
                : $"floor(({n} + {begin} + {end} − {dilation}·({k}−1) − 1) / {stride}) + 1 = floor(({a.Size} + {a.PadBegin} + {a.PadEnd} − {a.Dilation}·{a.Kernel - 1} − 1) / {a.Stride}) + 1 = {result}";
    }

    /// <summary>"D × C/Groups × P × Q = 8 × 1 × 3 × 3" (C × D/Groups × … for a transposed layer).</summary>
    public static string WeightsLayout(Layer layer)
    {
        if (layer.Info.IsLinear) return $"outputs × inputs = {layer.D} × {layer.C}";
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

    /// <summary>The type's remarks: what every member shares (the layer, its sizes and their formulas, M).</summary>
    public static void TypeRemarks(SourceWriter w, Layer layer)
    {
        w.Line("/// <remarks>");
        if (layer.Info.IsLinear)
            w.Line($"/// <para>[Linear] {Literals.TypeName(layer.Element)}: {layer.C} inputs → {layer.D} outputs; M is W, {layer.D} × {layer.C} (outputs × inputs, PyTorch's layout){(layer.Weights is null ? "" : ", constant")}.</para>");
        else
        {
            var axes = Enumerable.Range(0, layer.Rank).ToArray();
            string Join(System.Func<int, object> f) => string.Join("×", axes.Select(f));
            var padding = string.Join(" ", axes.Select(i => $"{layer.Info.Axes[i].BeginSide} {layer.Axes[i].PadBegin} {layer.Info.Axes[i].EndSide} {layer.Axes[i].PadEnd}"));
            var options = $"stride {Join(i => layer.Axes[i].Stride)}, dilation {Join(i => layer.Axes[i].Dilation)}, padding {padding} ({layer.PaddingMode.ToString().ToLowerInvariant()})";
            if (layer.Transposed) options += $", output padding {Join(i => layer.Axes[i].OutputPadding)}";
            if (layer.Groups != 1) options += $", groups {layer.Groups}";
            if (layer.Flip) options += ", flipped kernel (true convolution)";
            var formulas = string.Join("; ", axes.Select(i => $"{layer.Info.Axes[i].Letter}' = {OutputSizeFormula(layer, i)}"));
            w.Line($"/// <para>[{layer.Info.Name}] {Literals.TypeName(layer.Element)}: input {Dimensions(layer, "C", false)} = {Sizes(layer, false)} → output {Dimensions(layer, "D", true)} = {Sizes(layer, true)}; kernel {Join(i => layer.Axes[i].Kernel)}; {options}.</para>");
            w.Line($"/// <para>{formulas}.</para>");
            w.Line($"/// <para>M is {layer.OutputLength} × {layer.InputLength} (OutputLength × InputLength) {(layer.MatrixNonZeros() is { } nonZeros ? $"with {nonZeros} non-zero entries for generic weights" : "(its non-zero entries too many to count here)")}; weights {WeightsLayout(layer)}{(layer.Weights is null ? "" : ", constant")}.</para>");
        }

        w.Line("/// </remarks>");
    }

    /// <summary>A member's remarks: only what is particular to it, the code it runs (null: BiasGradient).</summary>
    public static void Remarks(SourceWriter w, KernelContext ctx, Member? member) =>
        w.Line($"/// <remarks>Code: {Code(ctx, member)}.</remarks>");

    /// <summary>What the member's code does, read from its plan.</summary>
    private static string Code(KernelContext ctx, Member? member)
    {
        var layer = ctx.Layer;
        if (member is null) return "per sample, a sum over each output channel's positions";
        var plan = ctx.Of(member.Value)!;
        var macs = member == Member.ToMatrix ? "" : $"; {layer.MacsPerSample()} multiply-adds per sample";
        var planar = (ctx.Dense ? Dense(ctx, member.Value) : Planar(ctx, plan)) + macs;
        if (!ctx.Sliced) return planar;
        var depth = layer.Axes[0];
        if (member == Member.ToMatrix) return "every non-zero entry of M written into the cleared matrix by loops over the depth taps and the planar index map";
        var planes = layer.Transposed
            ? $"one input depth slice at a time ({depth.Size} of them); the D·R = {layer.D}·{depth.Kernel} output planes its depth taps reach"
            : $"one output depth slice at a time ({layer.OutputSize(0)} of them); the C·R = {layer.C}·{depth.Kernel} input planes its depth taps read";
        var slice = (layer.Transposed, member) switch
        {
            (false, Member.Transpose) => "written by the 2-D kernel, then each added back into the input depth it was read from",
            (true, Member.Forward) => $"written by the 2-D kernel, then each added into the output depth it reaches{(layer.Bias || !layer.Activation.IsNone ? "; the bias and activation last, over the whole output" : "")}",
            _ => "gathered (zero planes in the padding), then the 2-D kernel",
        };
        return $"{planes} {slice}. The 2-D kernel: {planar}";
    }

    /// <summary>The dense kernels of a layer whose M is its weights (<see cref="DenseKernels"/>).</summary>
    private static string Dense(KernelContext ctx, Member member)
    {
        var widths = string.Join("/", DenseKernels.Widths(ctx.Geometry));
        var vectors = widths.Length == 0 ? "scalar loops (a row is narrower than a vector)" : $"Vector{widths} kernels (scalar loops where no width is accelerated)";
        return member switch
        {
            Member.Forward => $"M is W, dense: {vectors}, register tiles of samples × rows of W (4 × 6 with Vector512, 3 × 4 with Vector256/128; one sample: 8 rows), dot products along each row, FMA, summed across lanes",
            Member.Transpose => $"M is W, dense: {vectors}, blocks of columns of W accumulated over every row, y broadcast, FMA",
            Member.WeightsGradient => $"M is W, dense: {vectors}, the outer product gy·xᵀ added row by row, FMA",
            _ => "M is W: the weights copied",
        };
    }

    private static string Planar(KernelContext ctx, MemberPlan plan)
    {
        if (plan.Kernels == Strategy.Unrolled)
            return plan.Direction == Direction.Matrix
                ? "straight-line, one store per non-zero entry of M, every index constant"
                : "straight-line, one expression per element, every index constant";
        var why = ctx.Plan.FullOverBudget
            ? $"Unroll = Full exceeds the budget of {Plan.FullUnrollBudget} multiply-adds"
            : $"above the unroll budget of {Plan.AutoUnrollBudget} multiply-adds";
        if (plan.Direction == Direction.Matrix)
            return $"loops ({why}) writing every non-zero entry of M into the cleared matrix";
        if (plan.Widths.Count == 0)
            return $"scalar loops ({why}; no vector kernel: {plan.ScalarReason}), the kernel window unrolled in the interior, row/column maps on the border";
        var widths = string.Join("/", plan.Widths.Select(x => x.Bits.ToString()));
        var scratch = $"(≤ {SimdPlan.MaxScratchBytes / 1024} KiB)";
        var kernel = plan.Direction switch
        {
            Direction.Gather when plan.Widths.Any(x => x.Flat) => "each source plane read in place as one row of positions (a 1×1 kernel, stride 1, no padding), register blocks of channels × vectors, broadcast weights, FMA",
            Direction.Gather => $"the source rows each destination row reads copied into a padded, stride-phase-split stack buffer {scratch}, register blocks of channels × vectors, broadcast weights, FMA",
            Direction.Scatter => $"each vector of a padded, stride-phase-split stack buffer {scratch} sums the destination rows that reach it (shifted loads of a zero-padded copy), then the buffer is added back into the source rows",
            _ => $"one padded source channel in a stack buffer {scratch}, accumulators per (output channel, tap) summed across lanes at the end",
        };
        return $"loops ({why}) with Vector{widths} kernels: {kernel}; scalar loops where no vector width is accelerated";
    }
}
