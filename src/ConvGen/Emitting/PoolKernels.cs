using System.Collections.Generic;
using System.Linq;
using ConvGen.Model;

namespace ConvGen.Emitting;

/// <summary>
/// A pooling layer's kernels, one channel plane at a time. Forward: for each output row (each output depth slice and row
/// in 3-D), the window's input rows are reduced element by element (max or sum, Vector512/256/128 along the width) into
/// a row buffer whose padding holds the identity (−∞ or 0); the window's columns are then reduced from that buffer
/// (vectorized over the output columns when the width stride is 1, else one column at a time). Backward scans each window
/// (max: the first maximum in row-major order, a NaN replacing it; average: every element) and adds the output
/// gradient to the input gradient.
/// </summary>
internal static class PoolKernels
{
    /// <summary>Row buffers up to this many bytes live on the stack; longer ones in one array per thread.</summary>
    private const int StackBytes = 16 * 1024;

    private const int UnrolledTaps = 16;

    public static string Describe(Layer layer, bool backward)
    {
        if (backward)
            return layer.Pool!.Max
                ? "per channel, each window scanned in row-major order; its output gradient goes to the first maximum (a NaN counts as the maximum)"
                : "per channel, each output gradient divided by its window's divisor and added to every input element of the window";
        var width = layer.Axes[layer.Rank - 1];
        var op = layer.Pool!.Max ? "max" : "sum";
        var rows = layer.Rank == 1 ? "each input row copied" : $"the window's input rows reduced ({op}) with Vector512/256/128";
        var columns = width.Stride == 1 ? "vectorized over the output columns" : "one output column at a time (stride " + width.Stride + ")";
        return $"per channel and output row, {rows} into a padded row buffer, then the window's columns reduced {columns}";
    }

    public static void Emit(SourceWriter w, Layer layer)
    {
        var T = Literals.TypeName(layer.Element);
        var pool = layer.Pool!;
        var rank = layer.Rank;
        var width = layer.Axes[rank - 1];
        var outW = layer.OutputSize(rank - 1);
        var rowLength = System.Math.Max(width.PadBegin + width.Size, (outW - 1) * width.Stride + (width.Kernel - 1) * width.Dilation + 1);
        var identity = pool.Max ? T + ".NegativeInfinity" : Literals.Zero(layer.Element);
        var inPlane = layer.InputLength / layer.C;
        var outPlane = layer.OutputPlane;

        w.Line("/// <summary>The pooling kernels: one channel plane at a time (see the members' remarks).</summary>");
        w.Line(LayerEmitter.GeneratedCode);
        using (w.Block($"private static class {Names.KernelsClass}"))
        {
            w.Line($"private const int RowLength = {rowLength};");
            if (!pool.Max)
            {
                for (var i = 0; i < rank; i++)
                    w.Line($"private static readonly {T}[] Divisor{layer.Info.Axes[i].Letter} = {{ {string.Join(", ", Divisors(layer, i).Select(d => Literals.Real(d, layer.Element)))} }};");
            }

            var onStack = (long)rowLength * layer.Element.Size <= StackBytes;
            if (!onStack)
            {
                w.Line("[global::System.ThreadStatic]");
                w.Line($"private static {T}[]? t_row;");
            }

            w.Line();
            using (w.Block($"public static void Forward({Names.ReadOnlySpan}<{T}> input, {Names.Span}<{T}> output, int planes)"))
            {
                w.Line(onStack ? $"{Names.Span}<{T}> row = stackalloc {T}[RowLength];" : $"{Names.Span}<{T}> row = t_row ??= new {T}[RowLength];");
                if (width.PadBegin > 0) w.Line($"row.Slice(0, {width.PadBegin}).Fill({identity});");
                if (rowLength > width.PadBegin + width.Size) w.Line($"row.Slice({width.PadBegin + width.Size}).Fill({identity});");
                w.Line($"{Names.Span}<{T}> inner = row.Slice({width.PadBegin}, {width.Size});");
                using (w.Block("for (int p = 0; p < planes; p++)"))
                {
                    w.Line($"{Names.ReadOnlySpan}<{T}> x = input.Slice(p * {inPlane}, {inPlane});");
                    w.Line($"{Names.Span}<{T}> y = output.Slice(p * {outPlane}, {outPlane});");
                    if (rank == 1)
                    {
                        w.Line("x.CopyTo(inner);");
                        w.Line($"Columns(row, y{(pool.Max ? "" : ", " + Literals.Real(1, layer.Element))});");
                    }
                    else
                    {
                        var scopes = new List<System.IDisposable>();
                        for (var i = 0; i < rank - 1; i++)
                            scopes.Add(w.Block($"for (int o{i} = 0; o{i} < {layer.OutputSize(i)}; o{i}++)"));
                        w.Line("bool any = false;");
                        var taps = new List<System.IDisposable>();
                        for (var i = 0; i < rank - 1; i++)
                        {
                            var a = layer.Axes[i];
                            taps.Add(w.Block($"for (int k{i} = 0; k{i} < {a.Kernel}; k{i}++)"));
                            w.Line($"int i{i} = {Position(i, a)};");
                            w.Line($"if ((uint)i{i} >= {a.Size}u) continue;");
                        }

                        w.Line($"Gather(x.Slice({Group(Flat(layer, "i", rank - 1))} * {width.Size}, {width.Size}), inner, ref any);");
                        for (var i = taps.Count - 1; i >= 0; i--) taps[i].Dispose();
                        w.Line($"if (!any) inner.Fill({identity});");
                        var divisor = pool.Max ? "" : ", " + string.Join(" * ", Enumerable.Range(0, rank - 1).Select(i => $"Divisor{layer.Info.Axes[i].Letter}[o{i}]"));
                        w.Line($"Columns(row, y.Slice({Group(Flat(layer, "o", rank - 1, output: true))} * {outW}, {outW}){divisor});");
                        for (var i = scopes.Count - 1; i >= 0; i--) scopes[i].Dispose();
                    }
                }
            }

            if (rank > 1) Gather(w, T, pool.Max);
            Columns(w, layer, T, outW);
            Backward(w, layer, T);
        }
    }

    /// <summary>x'·stride + k·dilation − padBegin on axis <paramref name="i"/>.</summary>
    private static string Position(int i, Axis a) =>
        $"o{i}{(a.Stride == 1 ? "" : " * " + a.Stride)} + k{i}{(a.Dilation == 1 ? "" : " * " + a.Dilation)}{(a.PadBegin == 0 ? "" : " - " + a.PadBegin)}";

    /// <summary>An expression as a factor: parenthesized where it is a sum.</summary>
    private static string Group(string expression) => expression.Contains("+") ? "(" + expression + ")" : expression;

    /// <summary>The flat index of the first <paramref name="count"/> axes' variables (prefix i: input sizes, o: output sizes), row-major.</summary>
    private static string Flat(Layer layer, string prefix, int count, bool output = false)
    {
        var expression = prefix + "0";
        for (var i = 1; i < count; i++)
            expression = $"{Group(expression)} * {(output ? layer.OutputSize(i) : layer.Axes[i].Size)} + {prefix}{i}";
        return expression;
    }

    /// <summary>The divisor's factor of each output position on axis <paramref name="axis"/> (PyTorch's avg_pool rule):
    /// the window's elements inside the padded extent, or inside the input without count_include_pad.</summary>
    private static IEnumerable<double> Divisors(Layer layer, int axis)
    {
        var a = layer.Axes[axis];
        for (var o = 0; o < layer.OutputSize(axis); o++)
        {
            var start = (long)o * a.Stride - a.PadBegin;
            var end = System.Math.Min(start + a.Kernel, (long)a.Size + a.PadEnd);
            yield return layer.Pool!.CountIncludePad ? end - start : System.Math.Min(end, a.Size) - System.Math.Max(start, 0);
        }
    }

    /// <summary>The divisor of every window where all are equal (no padding counted differently, no partial window), else null.</summary>
    public static double? UniformDivisor(Layer layer)
    {
        double product = 1;
        for (var i = 0; i < layer.Rank; i++)
        {
            var divisors = Divisors(layer, i).Distinct().ToArray();
            if (divisors.Length != 1) return null;
            product *= divisors[0];
        }

        return product;
    }

    /// <summary>sum / divisor: a multiplication by the reciprocal where that is exact (a power of two), else the division.</summary>
    private static string Scaled(string sum, double divisor, ElementType element)
    {
        var exponent = System.Math.Log(divisor, 2);
        return exponent == System.Math.Floor(exponent) ? $"{sum} * {Literals.Real(1 / divisor, element)}" : $"{sum} / {Literals.Real(divisor, element)}";
    }

    private static void Gather(SourceWriter w, string T, bool max)
    {
        w.Line();
        w.Line("/// <summary>inner = source (the window's first row), else inner = " + (max ? "max(inner, source)" : "inner + source") + ", element by element.</summary>");
        w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        using (w.Block($"private static void Gather({Names.ReadOnlySpan}<{T}> source, {Names.Span}<{T}> inner, ref bool any)"))
        {
            using (w.Block("if (!any)"))
            {
                w.Line("source.CopyTo(inner);");
                w.Line("any = true;");
                w.Line("return;");
            }

            w.Line($"ref {T} s = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(source);");
            w.Line($"ref {T} d = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(inner);");
            w.Line("int i = 0;");
            foreach (var bits in new[] { 512, 256, 128 })
            {
                var V = $"global::System.Runtime.Intrinsics.Vector{bits}";
                using (w.Block($"if ({V}.IsHardwareAccelerated)"))
                using (w.Block($"for (; i <= inner.Length - {V}<{T}>.Count; i += {V}<{T}>.Count)"))
                    w.Line(max
                        ? $"{V}.StoreUnsafe({V}.Max({V}.LoadUnsafe(ref d, (nuint)i), {V}.LoadUnsafe(ref s, (nuint)i)), ref d, (nuint)i);"
                        : $"{V}.StoreUnsafe({V}.LoadUnsafe(ref d, (nuint)i) + {V}.LoadUnsafe(ref s, (nuint)i), ref d, (nuint)i);");
            }

            using (w.Block("for (; i < inner.Length; i++)"))
                w.Line(max ? "inner[i] = global::System.Math.Max(inner[i], source[i]);" : "inner[i] += source[i];");
        }
    }

    /// <summary>One output row from the row buffer: the window's columns reduced, an average divided by its divisor.</summary>
    private static void Columns(SourceWriter w, Layer layer, string T, int outW)
    {
        var max = layer.Pool!.Max;
        var a = layer.Axes[layer.Rank - 1];
        var letter = layer.Info.Axes[layer.Rank - 1].Letter;
        var uniform = max ? null : UniformDivisor(layer);
        w.Line();
        w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        using (w.Block($"private static void Columns({Names.ReadOnlySpan}<{T}> row, {Names.Span}<{T}> y{(max ? "" : $", {T} outer")})"))
        {
            w.Line($"ref {T} r = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(row);");
            w.Line("int x = 0;");
            if (a.Stride == 1)
            {
                w.Line($"ref {T} d = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(y);");
                if (!max && uniform is null) w.Line($"ref {T} divisor = ref global::System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(Divisor{letter});");
                foreach (var bits in new[] { 512, 256, 128 })
                {
                    var V = $"global::System.Runtime.Intrinsics.Vector{bits}";
                    using (w.Block($"if ({V}.IsHardwareAccelerated)"))
                    using (w.Block($"for (; x <= {outW} - {V}<{T}>.Count; x += {V}<{T}>.Count)"))
                    {
                        Reduce(w, a, $"{V}<{T}>", t => $"{V}.LoadUnsafe(ref r, (nuint)(x{t}))", (acc, v) => max ? $"{V}.Max({acc}, {v})" : $"{acc} + {v}");
                        w.Line(max ? $"{V}.StoreUnsafe(acc, ref d, (nuint)x);"
                            : uniform is { } u ? $"{V}.StoreUnsafe({Scaled("acc", u, layer.Element)}, ref d, (nuint)x);"
                            : $"{V}.StoreUnsafe(acc / ({V}.Create(outer) * {V}.LoadUnsafe(ref divisor, (nuint)x)), ref d, (nuint)x);");
                    }
                }
            }

            using (w.Block($"for (; x < {outW}; x++)"))
            {
                w.Line(a.Stride == 1 ? "int at = x;" : $"int at = x * {a.Stride};");
                Reduce(w, a, T, t => $"global::System.Runtime.CompilerServices.Unsafe.Add(ref r, at{t})", (acc, v) => max ? $"global::System.Math.Max({acc}, {v})" : $"{acc} + {v}");
                w.Line(max ? "y[x] = acc;" : uniform is { } u ? $"y[x] = {Scaled("acc", u, layer.Element)};" : $"y[x] = acc / (outer * Divisor{letter}[x]);");
            }
        }
    }

    /// <summary><c>acc</c> = the reduction of the window's columns: straight-line up to <see cref="UnrolledTaps"/> taps.</summary>
    /// <param name="load">The load at a column offset (" + 2", " + t", or "" for none).</param>
    private static void Reduce(SourceWriter w, Axis a, string type, System.Func<string, string> load, System.Func<string, string, string> combine)
    {
        w.Line($"{type} acc = {load("")};");
        if (a.Kernel <= UnrolledTaps)
        {
            for (var t = 1; t < a.Kernel; t++)
                w.Line($"acc = {combine("acc", load(" + " + t * a.Dilation))};");
            return;
        }

        using (w.Block($"for (int t = {a.Dilation}; t < {a.Kernel * a.Dilation}; t += {a.Dilation})"))
            w.Line($"acc = {combine("acc", load(" + t"))};");
    }

    private static void Backward(SourceWriter w, Layer layer, string T)
    {
        var rank = layer.Rank;
        var max = layer.Pool!.Max;
        var inPlane = layer.InputLength / layer.C;
        var outPlane = layer.OutputPlane;
        w.Line();
        using (w.Block($"public static void Backward({Names.ReadOnlySpan}<{T}> input, {Names.ReadOnlySpan}<{T}> outputGradient, {Names.Span}<{T}> inputGradient, int planes)"))
        using (w.Block("for (int p = 0; p < planes; p++)"))
        {
            if (max) w.Line($"{Names.ReadOnlySpan}<{T}> x = input.Slice(p * {inPlane}, {inPlane});");
            w.Line($"{Names.ReadOnlySpan}<{T}> gy = outputGradient.Slice(p * {outPlane}, {outPlane});");
            w.Line($"{Names.Span}<{T}> gx = inputGradient.Slice(p * {inPlane}, {inPlane});");
            w.Line("int o = 0;");
            var scopes = new List<System.IDisposable>();
            for (var i = 0; i < rank; i++)
                scopes.Add(w.Block($"for (int o{i} = 0; o{i} < {layer.OutputSize(i)}; o{i}++)"));
            if (max)
            {
                w.Line("int best = -1;");
                w.Line($"{T} bestValue = {Literals.Zero(layer.Element)};");
            }
            else
            {
                w.Line($"{T} g = gy[o] / ({string.Join(" * ", Enumerable.Range(0, rank).Select(i => $"Divisor{layer.Info.Axes[i].Letter}[o{i}]"))});");
            }

            var taps = new List<System.IDisposable>();
            for (var i = 0; i < rank; i++)
            {
                var a = layer.Axes[i];
                taps.Add(w.Block($"for (int k{i} = 0; k{i} < {a.Kernel}; k{i}++)"));
                w.Line($"int i{i} = {Position(i, a)};");
                w.Line($"if ((uint)i{i} >= {a.Size}u) continue;");
            }

            w.Line($"int at = {Flat(layer, "i", rank)};");
            if (max)
            {
                w.Line($"{T} v = x[at];");
                using (w.Block($"if (best < 0 || v > bestValue || {T}.IsNaN(v))"))
                {
                    w.Line("best = at;");
                    w.Line("bestValue = v;");
                }
            }
            else w.Line("gx[at] += g;");

            for (var i = taps.Count - 1; i >= 0; i--) taps[i].Dispose();
            if (max)
            {
                using (w.Block("if (best >= 0)"))
                    w.Line("gx[best] += gy[o];");
            }

            w.Line("o++;");
            for (var i = scopes.Count - 1; i >= 0; i--) scopes[i].Dispose();
        }
    }
}
