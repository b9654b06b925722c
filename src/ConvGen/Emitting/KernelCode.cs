using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace ConvGen.Emitting;

/// <summary>
/// The straight-line kernels as data: emitters build <see cref="KernelStatement"/>s and <see cref="KernelSignature"/>s, and
/// only <see cref="Render"/> turns them into text. A batched kernel is the same statements rendered with the weights
/// in locals (<see cref="WeightAccess.Locals"/>), never a rewrite of text already written.
/// </summary>
internal static class KernelCode
{
    /// <summary>The number of products per expression before an accumulator takes over (keeps expression trees shallow).</summary>
    public const int TermsPerExpression = 24;

    /// <summary>Renders one statement's lines.</summary>
    public static string Render(KernelStatement statement, KernelContext ctx, WeightAccess access) => statement switch
    {
        Assignment a => RenderAssignment(a, ctx, access),
        Accumulation a => RenderAccumulation(a),
        MatrixEntry m => $"{m.Target} = {(m.Constant is { } c ? ctx.Real(c) : string.Join(" + ", m.Weights.Select(wi => Weight(wi, access))))};",
        _ => throw new System.ArgumentOutOfRangeException(nameof(statement)),
    };

    /// <summary>Whether a statement needs the <c>acc</c> local (an expression longer than <see cref="TermsPerExpression"/>).</summary>
    public static bool NeedsAccumulator(KernelStatement statement) => statement is Assignment a && a.Products.Count > TermsPerExpression;

    /// <summary>A runtime weight or bias element: <c>w[3]</c>, or <c>w3</c> where the batched kernel holds it in a local.</summary>
    private static string Weight(int index, WeightAccess access, string array = "w") =>
        access == WeightAccess.Locals ? array + Literals.Int(index) : $"{array}[{Literals.Int(index)}]";

    private static string RenderAssignment(Assignment a, KernelContext ctx, WeightAccess access)
    {
        var sb = new StringBuilder(a.Comment);
        var bias = a.Bias is { } b ? Weight(b, access, "b") : null;
        if (a.Residual is { } r) bias = bias is null ? r.ToString() : $"{bias} + {r}";
        string Activate(string value) => a.Activate ? ctx.Activate(value) : value;
        if (a.Products.Count == 0)
        {
            sb.Append('\n').Append($"{a.Target} = {Activate(bias ?? ctx.Zero)};");
            return sb.ToString();
        }

        var chunks = Chunks(a.Products);
        var first = (bias is null ? "" : bias + " + ") + Sum(chunks[0], ctx, access);
        if (chunks.Count == 1)
        {
            sb.Append('\n').Append($"{a.Target} = {Activate(first)};");
            return sb.ToString();
        }

        sb.Append('\n').Append($"acc = {first};");
        foreach (var chunk in chunks.Skip(1))
            sb.Append('\n').Append($"acc += {Sum(chunk, ctx, access)};");
        sb.Append('\n').Append($"{a.Target} = {Activate("acc")};");
        return sb.ToString();
    }

    private static string RenderAccumulation(Accumulation a)
    {
        var sb = new StringBuilder(a.Comment);
        foreach (var chunk in Chunks(a.Products))
            sb.Append('\n').Append($"{a.Target} += ").Append(string.Join(" + ", chunk.Select(p => $"{p.Left} * {p.Right}"))).Append(';');
        return sb.ToString();
    }

    /// <summary>A sum of products, a negative coefficient as a subtraction (the first one as a negation).</summary>
    private static string Sum(IReadOnlyList<Product> products, KernelContext ctx, WeightAccess access)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < products.Count; i++)
        {
            var p = products[i];
            var negative = p.Weight is null && p.Coefficient < 0;
            if (i > 0) sb.Append(negative ? " - " : " + ");
            else if (negative) sb.Append('-');
            sb.Append(p.Operand.ToString());
            if (p.Weight is { } wi) sb.Append(" * ").Append(Weight(wi, access));
            else if (System.Math.Abs(p.Coefficient) != 1) sb.Append(" * ").Append(ctx.Real(System.Math.Abs(p.Coefficient)));
        }

        return sb.ToString();
    }

    public static List<IReadOnlyList<T>> Chunks<T>(IReadOnlyList<T> items)
    {
        var chunks = new List<IReadOnlyList<T>>();
        for (var i = 0; i < items.Count; i += TermsPerExpression)
            chunks.Add(items.Skip(i).Take(System.Math.Min(TermsPerExpression, items.Count - i)).ToList());
        return chunks;
    }
}

/// <summary>How rendered code reads runtime weights and bias: from the spans, or from locals loaded once per batch.</summary>
internal enum WeightAccess { Spans, Locals }

/// <summary>One element of a span: <c>x[12]</c>.</summary>
internal readonly record struct Element(string Span, long Index)
{
    public override string ToString() => $"{Span}[{Literals.Int(Index)}]";
}

/// <summary>
/// operand × weight: a runtime weight (<see cref="Weight"/> its flat index) or a constant folded in
/// (<see cref="Weight"/> null, <see cref="Coefficient"/> its non-zero value; ±1 render as the bare operand).
/// </summary>
internal readonly record struct Product(Element Operand, int? Weight, double Coefficient);

/// <summary>A straight-line statement and its estimated IL-instruction cost (to keep methods under the JIT limit).</summary>
internal abstract record KernelStatement(int Cost);

/// <summary>
/// <c>target = activation(bias + Σ products)</c>, after a comment naming the element; the bias is a bias index,
/// the activation applied only where <see cref="Activate"/> is set (Forward).
/// </summary>
/// <param name="Residual">Forward's residual element added before the activation (<c>res[e]</c>), or null.</param>
internal sealed record Assignment(string Comment, Element Target, int? Bias, IReadOnlyList<Product> Products, bool Activate, Element? Residual = null)
    : KernelStatement((Products.Count == 0 ? 8 : 8 + 10 * Products.Count + 6 * ((Products.Count + KernelCode.TermsPerExpression - 1) / KernelCode.TermsPerExpression))
                      + (Residual is null ? 0 : 4));

/// <summary><c>target += Σ left·right</c> (a weight's gradient), after a comment naming the weight.</summary>
internal sealed record Accumulation(string Comment, Element Target, IReadOnlyList<(Element Left, Element Right)> Products)
    : KernelStatement(Products.Count * 10 + 8 * ((Products.Count + KernelCode.TermsPerExpression - 1) / KernelCode.TermsPerExpression));

/// <summary>One non-zero entry of M: a folded constant, or the sum of the runtime weights whose taps reach it.</summary>
internal sealed record MatrixEntry(Element Target, IReadOnlyList<int> Weights, double? Constant)
    : KernelStatement(6 + 5 * Weights.Count);

/// <summary>
/// A span parameter of a per-sample kernel and the length its unrolled body reads or writes; <see cref="Sample"/>: one
/// sample's input or output (a batched kernel takes the whole batch and slices it per sample), not weights or bias.
/// </summary>
internal readonly record struct SpanParameter(string Name, bool Writable, long Length, bool Sample = false)
{
    public string Declaration(string type) => $"{(Writable ? Names.Span : Names.ReadOnlySpan)}<{type}> {Name}";

    /// <summary>One length check per span lets the JIT drop every bounds check after it.</summary>
    public string Guard => $"_ = {Name}[{Literals.Int(Length - 1)}];";
}

/// <summary>A kernel's name and span parameters, from which its declaration, call arguments and guards are rendered.</summary>
internal sealed record KernelSignature(string Name, IReadOnlyList<SpanParameter> Spans)
{
    public string Parameters(string type) => string.Join(", ", Spans.Select(s => s.Declaration(type)));

    public string Arguments => string.Join(", ", Spans.Select(s => s.Name));

    public IEnumerable<string> Guards => Spans.Select(s => s.Guard);
}
