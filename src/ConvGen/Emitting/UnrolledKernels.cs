using System.Collections.Generic;
using System.Linq;
using ConvGen.Model;

namespace ConvGen.Emitting;

/// <summary>
/// Straight-line kernels: every index is a constant, every destination element one expression
/// (terms in (channel, kernel row, kernel column) order), zero constant weights dropped, ±1 as add/subtract.
/// </summary>
internal static class UnrolledKernels
{
    /// <summary>Forward (linear part, bias, activation) or Transpose (linear part only), one sample.</summary>
    public static List<KernelStatement> Apply(KernelContext ctx, bool forward)
    {
        var g = ctx.Geometry;
        // Forward writes the layer output; Transpose writes the layer input. The layer output is the
        // destination side of the index map for [Conv2D] and the source side for [ConvTranspose2D].
        var writeDest = forward == g.IsConv;
        string written = forward ? "y" : "x", read = forward ? "x" : "y";
        var (wh, ww) = writeDest ? (g.DestH, g.DestW) : (g.SrcH, g.SrcW);
        var terms = TermsByWritten(g, writeDest);
        var result = new List<KernelStatement>(terms.Length);
        var plane = wh * ww;
        for (var e = 0; e < terms.Length; e++)
        {
            var products = Products(ctx, terms[e].Select(t => (t.Weight, new Element(read, t.Read))));
            int? bias = forward && ctx.Spec.Bias ? e / plane : null;
            var comment = "// " + KernelContext.Element(written, e, wh, ww);
            var residual = forward && ctx.Spec.Residual ? new Element("res", e) : (Element?)null;
            result.Add(new Assignment(comment, new Element(written, e), bias, products, Activate: forward, residual));
        }

        return result;
    }

    /// <summary>WeightsGradient: adds one sample's contribution to every weight's gradient.</summary>
    public static List<KernelStatement> WeightsGradient(KernelContext ctx)
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
        var result = new List<KernelStatement>();
        for (var wi = 0; wi < byWeight.Length; wi++)
        {
            if (byWeight[wi].Count == 0) continue;
            var products = byWeight[wi].Select(t => (new Element(srcName, t.Src), new Element(destName, t.Dest))).ToList();
            result.Add(new Accumulation($"// dW[{Weight(g, wi)}]", new Element("g", wi), products));
        }

        return result;
    }

    /// <summary>ToMatrix: the non-zero entries of M (taps that reach the same element merged), after m.Clear().</summary>
    public static List<KernelStatement> Matrix(KernelContext ctx)
    {
        var g = ctx.Geometry;
        var result = new List<KernelStatement>();
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
                double? constant = null;
                if (ctx.Spec.Weights is { } cw)
                {
                    // Summed in the storage type, as the runtime-weights ToMatrix does.
                    var sum = merged[src].Aggregate(0d, (a, wi) => ctx.Spec.Element.Round(a + cw[wi]));
                    if (sum == 0) continue;
                    constant = sum;
                }

                result.Add(new MatrixEntry(new Element("m", index), merged[src], constant));
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

    /// <summary>The products of a sum, constant weights folded: zeros dropped, ±1 as plain operands.</summary>
    private static List<Product> Products(KernelContext ctx, IEnumerable<(int Weight, Element Operand)> terms)
    {
        var result = new List<Product>();
        foreach (var (wi, operand) in terms)
        {
            if (ctx.Spec.Weights is not { } cw) result.Add(new Product(operand, wi, 1));
            else if (cw[wi] != 0) result.Add(new Product(operand, null, cw[wi]));
        }

        return result;
    }
}
