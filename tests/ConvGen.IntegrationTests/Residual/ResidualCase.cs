using System;
using System.Numerics;

namespace ConvGen.IntegrationTests.Residual;

/// <summary>Forward with a residual, on spans the test chooses (so they can alias): input, weights, bias, residual, output.</summary>
public delegate void ResidualForward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> b, ReadOnlySpan<T> r, Span<T> y);

public delegate void SpanFn5<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> c, ReadOnlySpan<T> d, Span<T> e);

/// <summary>One layer of ResidualLayers.cs: its geometry for the reference, its activation (a name of
/// <see cref="Activations.ActivationTests.Reference(string, double, bool)"/>), constant weights if any.</summary>
public abstract record ResidualCase(string Name, IRefLayer Def, string Activation, double[]? ConstantWeights)
{
    public abstract bool IsDouble { get; }

    public override string ToString() => Name;

    /// <summary>Runs Forward on one buffer holding every span (offsets and lengths in elements), as doubles.</summary>
    public abstract void Run(double[] buffer, (int Start, int Length) x, double[] w, double[] b, (int Start, int Length) r, (int Start, int Length) y);

    public double Round(double value) => IsDouble ? value : (float)value;
}

public sealed record ResidualCase<T>(string Name, IRefLayer Def, string Activation, double[]? ConstantWeights, ResidualForward<T> Forward)
    : ResidualCase(Name, Def, Activation, ConstantWeights)
    where T : struct, IFloatingPointIeee754<T>
{
    public override bool IsDouble => typeof(T) == typeof(double);

    public override void Run(double[] buffer, (int Start, int Length) x, double[] w, double[] b, (int Start, int Length) r, (int Start, int Length) y)
    {
        var all = Array.ConvertAll(buffer, T.CreateTruncating);
        var span = all.AsSpan();
        Forward(span.Slice(x.Start, x.Length), Array.ConvertAll(w, T.CreateTruncating), Array.ConvertAll(b, T.CreateTruncating),
            span.Slice(r.Start, r.Length), span.Slice(y.Start, y.Length));
        for (var i = 0; i < buffer.Length; i++) buffer[i] = double.CreateTruncating(all[i]);
    }
}

/// <summary>Adapters from each generated Forward shape to <see cref="ResidualForward{T}"/>.</summary>
public static class ResidualBind
{
    public static ResidualForward<T> WB<T>(SpanFn5<T> f) => (x, w, b, r, y) => f(x, w, b, r, y);

    public static ResidualForward<T> W<T>(SpanFn4<T> f) => (x, w, b, r, y) => f(x, w, r, y);

    public static ResidualForward<T> Const<T>(SpanFn3<T> f) => (x, w, b, r, y) => f(x, r, y);
}
