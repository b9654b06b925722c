using System.Collections.Generic;
using System.Linq;
using System.Text;
using ConvGen.Model;

namespace ConvGen.Emitting;

/// <summary>One generated statement and its estimated IL-instruction cost (to keep methods under the JIT limit).</summary>
internal readonly record struct Statement(string Text, int Cost);

/// <summary>
/// Straight-line kernels: every index is a constant, every destination element one expression
/// (terms in (channel, kernel row, kernel column) order), zero constant weights dropped, ±1 as add/subtract.
/// </summary>
internal static class UnrolledKernels
{
    private const int TermsPerExpression = 24;

    /// <summary>Forward (linear part, bias, activation) or Transpose (linear part only), one sample.</summary>
    public static List<Statement> Apply(KernelContext ctx, bool forward)
    {
        var g = ctx.Geometry;
        // Forward writes the layer output; Transpose writes the layer input. The layer output is the
        // destination side of the index map for [Conv2D] and the source side for [ConvTranspose2D].
        var writeDest = forward == g.IsConv;
        string written = forward ? "y" : "x", read = forward ? "x" : "y";
        var (wh, ww) = writeDest ? (g.DestH, g.DestW) : (g.SrcH, g.SrcW);
        var terms = TermsByWritten(g, writeDest);
        var result = new List<Statement>(terms.Length);
        var plane = wh * ww;
        for (var e = 0; e < terms.Length; e++)
        {
            var list = terms[e].Select(t => (t.Weight, Operand: $"{read}[{t.Read}]")).ToList();
            var bias = forward && ctx.Spec.Bias ? $"b[{e / plane}]" : null;
            var comment = "// " + KernelContext.Element(written, e, wh, ww);
            result.Add(Assign(ctx, comment, $"{written}[{e}]", list, bias, relu: forward));
        }

        return result;
    }

    /// <summary>WeightsGradient: adds one sample's contribution to every weight's gradient.</summary>
    public static List<Statement> WeightsGradient(KernelContext ctx)
    {
        var g = ctx.Geometry;
        var byWeight = new List<(int Src, int Dest)>[g.WeightsLength];
        for (var i = 0; i < byWeight.Length; i++) byWeight[i] = new();
        for (var dest = 0; dest < g.DestLength; dest++)
        {
            var d = dest;
            g.ForEachTap(dest, (wi, src) => byWeight[wi].Add((src, d)));
        }

        // [Conv2D]: source = input x, destination = output gradient gy. [ConvTranspose2D]: the reverse.
        string srcName = g.IsConv ? "x" : "gy", destName = g.IsConv ? "gy" : "x";
        var result = new List<Statement>();
        for (var wi = 0; wi < byWeight.Length; wi++)
        {
            if (byWeight[wi].Count == 0) continue;
            var sb = new StringBuilder($"// dW[{Weight(g, wi)}]");
            var cost = 0;
            foreach (var chunk in Chunks(byWeight[wi]))
            {
                sb.Append('\n').Append($"g[{wi}] += ")
                  .Append(string.Join(" + ", chunk.Select(t => $"{srcName}[{t.Src}] * {destName}[{t.Dest}]"))).Append(';');
                cost += 10 * chunk.Count + 8;
            }

            result.Add(new Statement(sb.ToString(), cost));
        }

        return result;
    }

    /// <summary>ToMatrix: the non-zero entries of M (taps that reach the same element merged), after m.Clear().</summary>
    public static List<Statement> Matrix(KernelContext ctx)
    {
        var g = ctx.Geometry;
        var result = new List<Statement>();
        var inputLength = g.InputLength;
        for (var dest = 0; dest < g.DestLength; dest++)
        {
            var merged = new Dictionary<int, List<int>>();
            var order = new List<int>();
            g.ForEachTap(dest, (wi, src) =>
            {
                if (!merged.TryGetValue(src, out var list)) { merged[src] = list = new(); order.Add(src); }
                list.Add(wi);
            });
            foreach (var src in order)
            {
                // Rows of M are the layer's output elements, columns its input elements.
                var (row, col) = g.IsConv ? (dest, src) : (src, dest);
                var index = (long)row * inputLength + col;
                string value;
                if (ctx.Spec.Weights is { } cw)
                {
                    var sum = ctx.Spec.Element == ElementKind.Float
                        ? merged[src].Aggregate(0f, (a, wi) => a + (float)cw[wi])
                        : merged[src].Aggregate(0d, (a, wi) => a + cw[wi]);
                    if (sum == 0) continue;
                    value = ctx.Real(sum);
                }
                else
                {
                    value = string.Join(" + ", merged[src].Select(wi => $"w[{wi}]"));
                }

                result.Add(new Statement($"m[{index}] = {value};", 6 + 5 * merged[src].Count));
            }
        }

        return result;
    }

    /// <summary>A flat weight index as its four coordinates in the layer's weight layout.</summary>
    private static string Weight(Geometry g, int wi)
    {
        var s = g.Spec;
        var filter = g.SrcPerGroup * s.P * s.Q;
        return $"{wi / filter}, {wi % filter / (s.P * s.Q)}, {wi % (s.P * s.Q) / s.Q}, {wi % s.Q}";
    }

    /// <summary>For each written element, its (weight, read element) terms in the index map's order.</summary>
    private static List<(int Weight, int Read)>[] TermsByWritten(Geometry g, bool writeDest)
    {
        var terms = new List<(int, int)>[writeDest ? g.DestLength : g.SrcLength];
        for (var i = 0; i < terms.Length; i++) terms[i] = new();
        for (var dest = 0; dest < g.DestLength; dest++)
        {
            var d = dest;
            if (writeDest) g.ForEachTap(dest, (wi, src) => terms[d].Add((wi, src)));
            else g.ForEachTap(dest, (wi, src) => terms[src].Add((wi, d)));
        }

        return terms;
    }

    private static Statement Assign(KernelContext ctx, string comment, string target, List<(int Weight, string Operand)> terms,
        string? bias, bool relu)
    {
        var parts = Products(ctx, terms);
        var sb = new StringBuilder(comment);
        var cost = 8;
        if (parts.Count == 0)
        {
            var value = bias ?? ctx.Zero;
            sb.Append('\n').Append($"{target} = {(relu ? ctx.Relu(value) : value)};");
            return new Statement(sb.ToString(), cost);
        }

        var chunks = Chunks(parts);
        var first = (bias is null ? "" : bias + " + ") + Join(chunks[0]);
        cost += 10 * parts.Count + 6 * chunks.Count;
        if (chunks.Count == 1)
        {
            sb.Append('\n').Append($"{target} = {(relu ? ctx.Relu(first) : first)};");
            return new Statement(sb.ToString(), cost);
        }

        sb.Append('\n').Append($"acc = {first};");
        foreach (var chunk in chunks.Skip(1))
            sb.Append('\n').Append($"acc += {Join(chunk)};");
        sb.Append('\n').Append($"{target} = {(relu ? ctx.Relu("acc") : "acc")};");
        return new Statement(sb.ToString(), cost);
    }

    /// <summary>The products of a sum, constant weights folded: zeros dropped, ±1 as plain operands.</summary>
    private static List<string> Products(KernelContext ctx, List<(int Weight, string Operand)> terms)
    {
        var result = new List<string>(terms.Count);
        foreach (var (wi, operand) in terms)
        {
            if (ctx.Spec.Weights is not { } cw)
            {
                result.Add($"{operand} * w[{wi}]");
                continue;
            }

            var value = cw[wi];
            if (value == 0) continue;
            if (value == 1) result.Add(operand);
            else if (value == -1) result.Add("-" + operand);
            else if (value < 0) result.Add($"-{operand} * {ctx.Real(-value)}");
            else result.Add($"{operand} * {ctx.Real(value)}");
        }

        return result;
    }

    private static string Join(List<string> products)
    {
        var sb = new StringBuilder(products[0]);
        for (var i = 1; i < products.Count; i++)
        {
            var p = products[i];
            if (p.StartsWith("-", System.StringComparison.Ordinal)) sb.Append(" - ").Append(p, 1, p.Length - 1);
            else sb.Append(" + ").Append(p);
        }

        return sb.ToString();
    }

    private static List<List<T>> Chunks<T>(List<T> items)
    {
        var chunks = new List<List<T>>();
        for (var i = 0; i < items.Count; i += TermsPerExpression)
            chunks.Add(items.GetRange(i, System.Math.Min(TermsPerExpression, items.Count - i)));
        return chunks;
    }
}
